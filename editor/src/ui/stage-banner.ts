/**
 * @module The banner under the top bar: the stage of the text, the participant's role and what that
 * allows, kept live from the server-written `workflow` map.
 */
import type * as Y from 'yjs'
import { bodyAccess, may } from '../../../workflows/rules/rulebook.js'
import { nextStages } from '../../../workflows/rules/stage-changes.js'
import { isStage, type Role, type Stage } from '../../../workflows/conference/roles.js'
import { QUARANTINED, WORKFLOW } from '../../../workflows/document/format.js'
import { api, type Me } from '../api.js'
import { askFirst } from './ask-first.js'
import { h } from './dom.js'
import { t } from '../i18n.js'

const ORDER: readonly Stage[] = ['draft', 'negotiation', 'consensus-call', 'adopted', 'signed']
const isBackward = (from: Stage, to: Stage) => ORDER.indexOf(to) < ORDER.indexOf(from)

/** What moving the text from `from` to `to` does, in words — and for adoption, the hash it fixes. */
async function stageQuestion(
  documentId: string,
  from: Stage,
  to: Stage,
): Promise<{ label: string; body: (string | Node)[]; go: string }> {
  switch (to) {
    case 'negotiation':
      return from === 'draft'
        ? {
            label: t('ask.startNegotiation'),
            body: [t('ask.startNegotiationBody')],
            go: t('ask.startNegotiationGo'),
          }
        : { label: t('ask.reopen'), body: [t('ask.reopenBody')], go: t('ask.reopenGo') }
    case 'draft':
      return { label: t('ask.draft'), body: [t('ask.draftBody')], go: t('ask.draftGo') }
    case 'consensus-call':
      return { label: t('ask.consensus'), body: [t('ask.consensusBody')], go: t('ask.consensusGo') }
    case 'adopted': {
      const hash = await api.textHash(documentId)
      return {
        label: t('ask.adopt'),
        body: [
          t('ask.adoptBefore'),
          h('code', { class: 'stage-hash', attrs: { 'data-testid': 'adoption-hash' } }, hash),
          t('ask.adoptAfter'),
        ],
        go: t('ask.adoptGo'),
      }
    }
    case 'signed':
      return { label: t('ask.close'), body: [t('ask.closeBody')], go: t('ask.closeGo') }
  }
}

const rights = (access: ReturnType<typeof bodyAccess>) => t(`rights.${access}`)
export const stageName = (stage: Stage) => t(`stage.${stage}`)
export const roleName = (role: Role) => t(`role.${role}`)

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
  return [
    h(
      'span',
      { class: 'stage-problem', attrs: { role: 'alert', 'data-testid': 'set-aside-notice' } },
      t('setAside', { count: setAside.length }),
    ),
  ]
}

export function stageBanner(doc: Y.Doc, me: Me, documentId: string): HTMLElement {
  const banner = h('section', { class: 'stage-banner', attrs: { 'data-testid': 'stage-banner' } })
  const problem = h('span', {
    class: 'stage-problem',
    attrs: { role: 'status', 'data-testid': 'stage-problem' },
  })
  // The chair moves the text on from here, after saying what the move does; the server checks the guards and
  // says what blocks a move. Moving on and moving back are apart, the way back the quieter one.
  const move = (next: Stage) => {
    problem.textContent = ''
    api
      .changeStage(documentId, next)
      .catch(
        (error: unknown) => (problem.textContent = error instanceof Error ? error.message : String(error)),
      )
  }
  const stageButtons = (stage: Stage) =>
    may(me.role, 'change stage', stage)
      ? nextStages(stage)
          .sort((a, b) => Number(isBackward(stage, a)) - Number(isBackward(stage, b)))
          .map((next) => {
            const back = isBackward(stage, next)
            const button = h(
              'button',
              {
                class: back ? 'quiet-button stage-back' : 'quiet-button stage-forward',
                attrs: { type: 'button', 'data-next-stage': next },
              },
              back
                ? t('stage.backTo', { stage: stageName(next) })
                : t('stage.moveTo', { stage: stageName(next) }),
            )
            button.addEventListener('click', () => {
              problem.textContent = ''
              void stageQuestion(documentId, stage, next).then(
                (question) =>
                  askFirst(button, { ...question, onGo: () => move(next), testId: 'stage-question' }),
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
      h('span', { class: 'stage-name' }, stageName(stage)),
      h('span', { class: 'stage-role' }, `${roleName(me.role)}, ${me.delegationName}`),
      h('span', { class: 'stage-rights' }, rights(access)),
      ...stageButtons(stage),
      problem,
      ...setAsideNotice(doc, me),
    )
  }
  doc.getMap(WORKFLOW).observe(render)
  render()
  return banner
}
