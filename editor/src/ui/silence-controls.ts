/**
 * @module The silence procedure in the consensus panel: where it stands (running until a deadline stated in the
 * host's time zone, broken by an objection and when, or passed), live from the server-written workflow; and
 * for the chair, the deadline to set — typed as a wall-clock time in the host's time zone, whatever the
 * chair's own computer is set to.
 */
import type * as Y from 'yjs'
import type { Stage } from '../../../workflows/conference/roles.js'
import { describeInHostTime } from '../../../workflows/conference/host-time.js'
import { silenceState, type Silence } from '../../../workflows/consensus/silence.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { api, type Me } from '../api.js'
import { h } from './dom.js'
import { locale, t } from '../i18n.js'

export function silenceControls(options: {
  doc: Y.Doc
  me: Me
  document: string
  hostTimeZone: string
  stage: () => Stage
  names: ReadonlyMap<string, string>
}): { element: HTMLElement; render(): void } {
  const { doc, me, document: documentId, hostTimeZone, stage, names } = options
  const state = h('p', { class: 'silence-state', attrs: { 'data-testid': 'silence-state' } })
  const deadline = h('input', {
    class: 'suggestion-filter',
    attrs: {
      type: 'datetime-local',
      step: '60',
      'data-testid': 'silence-deadline',
      'aria-label': t('silence.deadline'),
    },
  })
  const set = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'silence-set' } },
    t('silence.set'),
  )
  const status = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  const form = h(
    'div',
    { class: 'position-form' },
    h('label', {}, `${t('silence.deadlineIn', { zone: hostTimeZone })} `, deadline),
    set,
    status,
  )
  set.addEventListener('click', () => {
    status.textContent = ''
    api
      .setSilence(documentId, deadline.value)
      .catch(
        (error: unknown) => (status.textContent = error instanceof Error ? error.message : String(error)),
      )
  })

  function render(): void {
    const silence = doc.getMap(WORKFLOW).get('silence') as Silence | undefined
    form.hidden = !may(me.role, 'set silence deadline', stage())
    const now = Date.now()
    const current = silenceState(silence, now)
    state.dataset.state = current
    if (!silence) {
      state.textContent = ''
      return
    }
    const stated = describeInHostTime(Date.parse(silence.deadline), silence.timeZone, locale)
    state.textContent =
      current === 'broken'
        ? t('silence.broken', {
            delegation: names.get(silence.broken!.delegation) ?? silence.broken!.delegation,
            at: describeInHostTime(Date.parse(silence.broken!.at), silence.timeZone, locale),
          })
        : t(current === 'passed' ? 'silence.passed' : 'silence.until', { at: stated })
  }

  return { element: h('div', { class: 'silence' }, state, form), render }
}
