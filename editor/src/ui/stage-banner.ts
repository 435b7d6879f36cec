/**
 * @module The banner under the top bar: the stage of the text, the participant's role and what that
 * allows, kept live from the server-written `workflow` map.
 */
import type * as Y from 'yjs'
import { bodyAccess } from '../../../workflows/rules/rulebook.js'
import { isStage, ROLE_LABELS, STAGE_LABELS, type Stage } from '../../../workflows/conference/roles.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import type { Me } from '../api.js'
import { h } from './dom.js'

const RIGHTS: Record<ReturnType<typeof bodyAccess>, string> = {
  edit: 'You may edit the text directly.',
  suggest: 'Your changes are proposed as suggestions of your delegation.',
  read: 'You can read and follow live; you cannot change the text.',
}

export function stageOf(doc: Y.Doc): Stage {
  const stage = doc.getMap(WORKFLOW).get('stage')
  return isStage(stage) ? stage : 'draft'
}

export function stageBanner(doc: Y.Doc, me: Me): HTMLElement {
  const banner = h('section', { class: 'stage-banner', attrs: { 'data-testid': 'stage-banner' } })
  const render = () => {
    const stage = stageOf(doc)
    const access = bodyAccess(me.role, stage)
    banner.dataset.stage = stage
    banner.replaceChildren(
      h('span', { class: 'stage-name' }, STAGE_LABELS[stage]),
      h('span', { class: 'stage-role' }, `${ROLE_LABELS[me.role]}, ${me.delegationName}`),
      h('span', { class: 'stage-rights' }, RIGHTS[access]),
    )
  }
  doc.getMap(WORKFLOW).observe(render)
  render()
  return banner
}
