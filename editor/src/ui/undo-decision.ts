/**
 * @module The chair's way back from a decision on suggestions: for five minutes after accepting or rejecting,
 * the suggestions panel says what was decided — how many, whose, when in host time — with an Undo button; the
 * suggestions then return as they were. Shown from the server-written `lastDecision`, so every tab of the chair
 * sees it, and gone when the window closes.
 */
import { hostClock } from '../../../workflows/conference/host-time.js'
import type { Stage } from '../../../workflows/conference/roles.js'
import {
  tryUndoDecision,
  UNDO_WINDOW_MS,
  type LastDecision,
} from '../../../workflows/rules/suggestion-decisions.js'
import { countByDelegation } from '../../../workflows/suggestions/pending.js'
import { api, type Me } from '../api.js'
import { h } from './dom.js'
import { locale, t } from '../i18n.js'

export interface UndoDecisionOptions {
  me: Me
  document: string
  names: ReadonlyMap<string, string>
  hostTimeZone: string
  stage: () => Stage
  lastDecision: () => LastDecision | undefined
  /** Where the outcome is told. */
  report: (message: string) => void
}

export function undoDecisionBar(options: UndoDecisionOptions): { element: HTMLElement; render(): void } {
  const { me, names, hostTimeZone, stage, lastDecision, report } = options
  const said = h('span', {})
  const undo = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('action.undo'))
  const element = h(
    'p',
    { class: 'undo-decision', attrs: { 'data-testid': 'undo-decision' } },
    said,
    ' ',
    undo,
  )
  let expiry: ReturnType<typeof setTimeout> | undefined

  undo.addEventListener('click', () => {
    undo.disabled = true
    api.undoDecision(options.document).then(
      (result) => {
        report(t('undo.done', { count: result.suggestions.length }))
      },
      (error: unknown) => {
        undo.disabled = false
        report(error instanceof Error ? error.message : String(error))
      },
    )
  })

  function render(): void {
    clearTimeout(expiry)
    const last = lastDecision()
    const now = Date.now()
    element.hidden = !last || !tryUndoDecision(me.role, stage(), last, now).ok
    if (element.hidden || !last) return
    undo.disabled = false
    const n = last.suggestions.length
    const whose = Object.entries(countByDelegation(last.suggestions))
      .map(([id, count]) => `${names.get(id) ?? id} ${count}`)
      .join(', ')
    const at = Date.parse(last.at)
    said.textContent = t(last.action === 'accept' ? 'undo.accepted' : 'undo.rejected', {
      count: n,
      whose,
      at: hostClock(at, hostTimeZone, locale),
      until: hostClock(at + UNDO_WINDOW_MS, hostTimeZone, locale),
    })
    undo.setAttribute('aria-label', t('undo.label', { what: said.textContent ?? '' }))
    expiry = setTimeout(render, at + UNDO_WINDOW_MS - now + 1000)
  }

  return { element, render }
}
