/**
 * @module Meeting mode's speakers' list on the page (issue 19): who holds the floor, with the speaking time counted
 * down, and who waits, in order (points of order first). A delegation asks for the floor on the paragraph on the
 * floor — or on the paragraph at its caret, to speak to another — or raises a point of order, and withdraws its
 * request; the chair (or the secretariat) gives the floor — to
 * the next, or to a request — with an optional speaking time, and ends the turn. While a delegation speaks, the
 * secretariat and the chair may type as its oral proposal (`OralProposals`).
 */
import type { Editor } from '@tiptap/core'
import type * as Y from 'yjs'
import type { Stage } from '../../../workflows/conference/roles.js'
import { FLOOR, SPEAKERS, WORKFLOW } from '../../../workflows/document/format.js'
import { secondsLeft, speakersOf, type SpeakersList, type Turn } from '../../../workflows/meeting/speakers.js'
import { may } from '../../../workflows/rules/rulebook.js'
import type { Author } from '../../../workflows/rules/suggestions.js'
import { api, type DelegationSummary, type Me } from '../api.js'
import { paragraphNumberingKey } from '../extensions/paragraph-numbering.js'
import { t } from '../i18n.js'
import { h, setText } from './dom.js'
import { floorOf } from './floor-bar.js'

export const speakersIn = (doc: Y.Doc): SpeakersList => speakersOf(doc.getMap(WORKFLOW).get(SPEAKERS))

/**
 * Whom the editor's new suggestions name. The secretariat or the chair may switch on "type as the speaker's oral
 * proposal" while a delegation holds the floor; it holds only as long as that delegation does (the server refuses
 * the rest), and goes off by itself when the turn ends.
 */
export class OralProposals {
  private typingFor: string | null = null

  constructor(
    private readonly doc: Y.Doc,
    private readonly me: Me,
    private readonly stage: () => Stage,
  ) {}

  /** The delegation this participant may type for now, or null. */
  speaker(): string | null {
    const speaking = speakersIn(this.doc).speaking?.delegation ?? null
    if (speaking === null || speaking === this.me.delegation) return null
    return may(this.me.role, 'type on behalf of the speaker', this.stage()) ? speaking : null
  }

  set(on: boolean): void {
    this.typingFor = on ? this.speaker() : null
  }

  get active(): string | null {
    return this.typingFor !== null && this.typingFor === this.speaker() ? this.typingFor : null
  }

  readonly author = (): Author => ({
    delegation: this.active ?? this.me.delegation,
    participant: this.me.participant,
  })
}

/** Formats seconds as m:ss (a minus sign when over time). */
function clock(seconds: number): string {
  const s = Math.abs(seconds)
  return `${seconds < 0 ? '−' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export function speakersPanel(options: {
  editor: Editor
  doc: Y.Doc
  me: Me
  document: string
  delegations: DelegationSummary[]
  stage: () => Stage
  oral: OralProposals
}): HTMLElement {
  const { editor, doc, me, oral } = options
  const names = new Map(options.delegations.map((d) => [d.id, d.name]))
  const nameOf = (delegation: string) => names.get(delegation) ?? delegation
  const numberOf = (paragraph: string | null) =>
    paragraph === null ? null : (paragraphNumberingKey.getState(editor.state)?.byId.get(paragraph) ?? null)

  const button = (label: string, testid: string, onClick: () => Promise<unknown>) => {
    const b = h('button', { class: 'quiet-button', attrs: { type: 'button', 'data-testid': testid } }, label)
    b.addEventListener('click', () => {
      setText(status, '')
      onClick().catch((error: unknown) =>
        setText(status, error instanceof Error ? error.message : String(error)),
      )
    })
    return b
  }
  const status = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  const speaking = h('p', { class: 'speaking-now', attrs: { 'data-testid': 'speaking-now' } })
  const timer = h('span', { class: 'speaking-timer', attrs: { 'data-testid': 'speaking-timer' } })
  const queue = h('ol', { class: 'speakers-queue', attrs: { 'data-testid': 'speakers-queue' } })
  const typeFor = h('input', { attrs: { type: 'checkbox', 'data-testid': 'type-for-speaker' } })
  const typeForText = h('span')
  const typeForLabel = h('label', { class: 'type-for-speaker' }, typeFor, ' ', typeForText)
  typeFor.addEventListener('change', () => oral.set(typeFor.checked))

  const minutes = h('input', {
    attrs: { type: 'number', min: '0', max: '60', step: '0.5', 'data-testid': 'speaking-minutes' },
    class: 'speaking-minutes',
  })
  const seconds = () => {
    const value = Number(minutes.value)
    return minutes.value !== '' && value > 0 ? Math.round(value * 60) : null
  }
  const next = button(t('speakers.next'), 'speakers-next', () =>
    api.giveFloor(options.document, { seconds: seconds() }),
  )
  const end = button(t('speakers.end'), 'speakers-end', () => api.endTurn(options.document))
  const request = button(t('speakers.request'), 'speakers-request', () =>
    api.requestFloor(options.document, {}),
  )
  /** The paragraph at the caret, when it is not the one on the floor: a delegation may ask to speak to it. */
  const caretElsewhere = (): string | null => {
    const { $from } = editor.state.selection
    const node = $from.depth >= 1 ? $from.node(1) : null
    const paragraph = node?.type.name === 'paragraph' ? String(node.attrs.id) : null
    return paragraph !== null && paragraph !== floorOf(doc)?.paragraph ? paragraph : null
  }
  const requestHere = button('', 'speakers-request-here', async () => {
    const paragraph = caretElsewhere()
    if (paragraph !== null) await api.requestFloor(options.document, { paragraph })
  })
  const drawRequestHere = () => {
    const paragraph = caretElsewhere()
    const number = numberOf(paragraph)
    requestHere.hidden = number === null
    setText(requestHere, number === null ? '' : t('speakers.requestOn', { number }))
  }
  const pointOfOrder = button(t('speakers.raisePointOfOrder'), 'speakers-point-of-order', () =>
    api.requestFloor(options.document, { pointOfOrder: true }),
  )
  const presiding = h(
    'div',
    { class: 'speakers-controls' },
    next,
    ' ',
    h('label', {}, `${t('speakers.time')} `, minutes),
    ' ',
    end,
  )
  const asking = h('div', { class: 'speakers-controls' }, request, ' ', requestHere, ' ', pointOfOrder)
  const panel = h(
    'section',
    { class: 'speakers-panel', attrs: { 'data-testid': 'speakers-panel' } },
    h('h2', { class: 'panel-heading' }, t('speakers.heading')),
    speaking,
    typeForLabel,
    queue,
    asking,
    presiding,
    status,
  )

  // The countdown runs from when this page saw the turn begin (clocks differ between devices; the update takes
  // a fraction of a second), or from the server's time for a turn already under way when the page opened.
  let turnSeen: { since: string; offset: number } | null = null
  const left = (turn: Turn) => {
    if (turnSeen?.since !== turn.since) turnSeen = { since: turn.since, offset: 0 }
    return secondsLeft(turn, Date.now() - turnSeen.offset)
  }
  const drawTimer = () => {
    const turn = speakersIn(doc).speaking
    const remaining = turn ? left(turn) : null
    timer.hidden = remaining === null
    timer.classList.toggle('over-time', remaining !== null && remaining < 0)
    setText(timer, remaining === null ? '' : clock(remaining))
  }

  const draw = () => {
    const list = speakersIn(doc)
    const stage = options.stage()
    const presides = may(me.role, 'give the floor', stage)
    const asks = may(me.role, 'request the floor', stage)
    panel.hidden = !presides && !asks && !list.speaking && list.queue.length === 0
    const turn = list.speaking
    if (turn) {
      const number = numberOf(turn.paragraph)
      speaking.replaceChildren(
        `${t('speakers.speaking')} `,
        h('strong', { attrs: { 'data-delegation': turn.delegation } }, nameOf(turn.delegation)),
        turn.kind === 'point of order' ? ` (${t('speakers.pointOfOrder')})` : '',
        number ? ` ${t('speakers.on', { number })}` : '',
        ' ',
        timer,
      )
    } else speaking.replaceChildren(t('speakers.none'))
    drawTimer()
    const speaker = oral.speaker()
    typeForLabel.hidden = speaker === null
    if (speaker === null) typeFor.checked = false
    setText(typeForText, speaker === null ? '' : t('speakers.typeFor', { delegation: nameOf(speaker) }))
    queue.replaceChildren(
      ...list.queue.map((r) => {
        const number = numberOf(r.paragraph)
        const own = r.delegation === me.delegation && asks
        return h(
          'li',
          {
            class: r.kind === 'point of order' ? 'point-of-order' : '',
            attrs: { 'data-delegation': r.delegation, 'data-request': r.id },
          },
          h('span', { class: 'speaker-name' }, nameOf(r.delegation)),
          r.kind === 'point of order' ? ` · ${t('speakers.pointOfOrder')}` : '',
          number ? ` · ${number}` : '',
          ' ',
          own
            ? button(t('speakers.withdraw'), 'speakers-withdraw', () =>
                api.withdrawFloorRequest(options.document, r.id),
              )
            : null,
          presides
            ? button(t('speakers.give'), 'speakers-give', () =>
                api.giveFloor(options.document, { request: r.id, seconds: seconds() }),
              )
            : null,
          presides
            ? button(t('speakers.remove'), 'speakers-remove', () =>
                api.withdrawFloorRequest(options.document, r.id),
              )
            : null,
        )
      }),
    )
    if (list.queue.length === 0) queue.replaceChildren(h('li', { class: 'empty' }, t('speakers.empty')))
    presiding.hidden = !presides
    next.toggleAttribute('disabled', list.queue.length === 0)
    end.hidden = !turn
    asking.hidden = !asks
    const waiting = list.queue.some((r) => r.delegation === me.delegation && r.kind === 'speak')
    request.toggleAttribute('disabled', waiting)
    requestHere.toggleAttribute('disabled', waiting)
    drawRequestHere()
    for (const entry of document.querySelectorAll('.presence-list li'))
      entry.classList.toggle(
        'speaking',
        turn !== null && (entry as HTMLElement).dataset.delegation === turn.delegation,
      )
  }

  let shownTurn = speakersIn(doc).speaking?.since ?? null
  editor.on('selectionUpdate', drawRequestHere)
  doc.getMap(WORKFLOW).observe((event) => {
    if (event.keysChanged.has(FLOOR)) queueMicrotask(drawRequestHere)
    if (!event.keysChanged.has(SPEAKERS) && !event.keysChanged.has('stage')) return
    queueMicrotask(() => {
      const turn = speakersIn(doc).speaking
      // A turn given while this page watched: count from now.
      if (turn && turn.since !== shownTurn)
        turnSeen = { since: turn.since, offset: Date.now() - Date.parse(turn.since) }
      shownTurn = turn?.since ?? null
      draw()
    })
  })
  // Stops once the panel has left the page (the view is rebuilt after a refusal; the old panel's clock must not run on).
  let drawn = false
  const ticking = setInterval(() => {
    if (panel.isConnected) drawn = true
    else if (drawn) return clearInterval(ticking)
    drawTimer()
  }, 1000)
  draw()
  return panel
}
