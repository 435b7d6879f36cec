/**
 * @module The banner under the top bar: the stage of the text, the participant's role and what that
 * allows, kept live from the server-written `workflow` map.
 */
import type * as Y from 'yjs'
import { bodyAccess, may } from '../../../workflows/rules/rulebook.js'
import { nextStages } from '../../../workflows/rules/stage-changes.js'
import { isStage, ROLE_LABELS, STAGE_LABELS, type Stage } from '../../../workflows/conference/roles.js'
import { QUARANTINED, WORKFLOW } from '../../../workflows/document/format.js'
import { api, type Me } from '../api.js'
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

/**
 * Stored changes the server could not serve back and set aside on loading (server/document/quarantine.ts): the
 * chair and the secretariat are told, so that someone looks at the audit log.
 */
function setAsideNotice(doc: Y.Doc, me: Me): HTMLElement[] {
  const setAside = doc.getMap(WORKFLOW).get(QUARANTINED)
  if (!Array.isArray(setAside) || setAside.length === 0) return []
  if (me.role !== 'chair' && me.role !== 'secretariat') return []
  const count = setAside.length === 1 ? 'One stored change' : `${setAside.length} stored changes`
  return [
    h(
      'span',
      { class: 'stage-problem', attrs: { role: 'alert', 'data-testid': 'set-aside-notice' } },
      `${count} could not be served and ${setAside.length === 1 ? 'was' : 'were'} set aside when the text was loaded; the audit log holds ${setAside.length === 1 ? 'it' : 'them'}.`,
    ),
  ]
}

export function stageBanner(doc: Y.Doc, me: Me, documentId: string): HTMLElement {
  const banner = h('section', { class: 'stage-banner', attrs: { 'data-testid': 'stage-banner' } })
  const problem = h('span', {
    class: 'stage-problem',
    attrs: { role: 'status', 'data-testid': 'stage-problem' },
  })
  // The chair moves the text on from here; the server checks the guards and says what blocks a move.
  const stageButtons = (stage: Stage) =>
    may(me.role, 'change stage', stage)
      ? nextStages(stage).map((next) => {
          const button = h(
            'button',
            { class: 'quiet-button', attrs: { type: 'button', 'data-next-stage': next } },
            `Move to ${STAGE_LABELS[next]}`,
          )
          button.addEventListener('click', () => {
            problem.textContent = ''
            api
              .changeStage(documentId, next)
              .catch(
                (error: unknown) =>
                  (problem.textContent = error instanceof Error ? error.message : String(error)),
              )
          })
          return button
        })
      : []
  const render = () => {
    const stage = stageOf(doc)
    const access = bodyAccess(me.role, stage)
    banner.dataset.stage = stage
    banner.replaceChildren(
      h('span', { class: 'stage-name' }, STAGE_LABELS[stage]),
      h('span', { class: 'stage-role' }, `${ROLE_LABELS[me.role]}, ${me.delegationName}`),
      h('span', { class: 'stage-rights' }, RIGHTS[access]),
      ...stageButtons(stage),
      problem,
      ...setAsideNotice(doc, me),
    )
  }
  doc.getMap(WORKFLOW).observe(render)
  render()
  return banner
}
