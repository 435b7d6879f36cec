/**
 * @module Who proposed what, at a glance: hovering a suggestion, a comment's highlight or a bracket — or pressing
 * Ctrl+Alt+I with the caret in one — shows a card with the delegation, the participant (name and function), the
 * time in the host's time zone with the zone, and the actions the viewer may take there (the chair accepts or
 * rejects, a delegation withdraws its own, anyone opens the thread). The keyboard puts the focus on the card's
 * first action; Escape takes it back to the text.
 *
 * The card reads the marks from the editor's document at the hovered spot, not from the page's attributes, so
 * overlapping proposals (Osaka's words inside Leipzig's deletion) are all shown.
 */
import type { Editor } from '@tiptap/core'
import type { Mark } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import { describeInHostTime } from '../../../workflows/conference/host-time.js'
import type { ListedParticipant } from '../../../workflows/conference/conference.js'
import type { Stage } from '../../../workflows/conference/roles.js'
import { roleName } from './stage-banner.js'
import { THREADS } from '../../../workflows/document/format.js'
import { tryDecideSuggestion, type SuggestionAction } from '../../../workflows/rules/suggestion-decisions.js'
import { suggestionKindOf } from '../../../workflows/rules/suggestions.js'
import { isBracketKey } from '../../../workflows/brackets/brackets.js'
import type { Thread } from '../../../workflows/threads/thread.js'
import { api, type Me } from '../api.js'
import { h } from './dom.js'
import { locale, t } from '../i18n.js'

const MARKED = 'ins[data-suggestion], del[data-suggestion], span[data-bracket], .thread-anchor'
const SHOW_AFTER_MS = 250
const HIDE_AFTER_MS = 400

export interface HoverCardOptions {
  editor: Editor
  doc: Y.Doc
  me: Me
  document: string
  names: ReadonlyMap<string, string>
  participants: () => ReadonlyMap<string, ListedParticipant>
  hostTimeZone: string
  stage: () => Stage
  /** Brings a thread forward in the threads panel. */
  openThread: (id: string) => void
}

export function hoverCards(options: HoverCardOptions): void {
  const { editor, me, names, hostTimeZone } = options
  const card = h('div', {
    class: 'hover-card',
    attrs: { role: 'dialog', 'aria-label': t('hover.label'), 'data-testid': 'hover-card' },
  })
  card.hidden = true
  document.body.append(card)
  let showing: Element | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  const who = (participant: unknown, delegation: unknown): string => {
    const listed = options.participants().get(String(participant))
    const delegationName = names.get(String(delegation)) ?? String(delegation)
    if (!listed) return delegationName
    const role = roleName(listed.role)
    // An oral proposal: typed by the secretariat (or the chair) for the delegation that held the floor.
    if (listed.delegation !== String(delegation))
      return `${delegationName} — ${t('speakers.enteredFor', { name: `${listed.name} (${role})`, delegation: delegationName })}`
    const what = listed.function ? `, ${listed.function}` : ''
    return `${delegationName} — ${listed.name}${what}${listed.name === role ? '' : ` (${role})`}`
  }
  const when = (at: unknown) =>
    typeof at === 'string' && !Number.isNaN(Date.parse(at))
      ? describeInHostTime(Date.parse(at), hostTimeZone, locale)
      : ''

  function suggestionSection(mark: Mark): HTMLElement {
    const attrs = mark.attrs as { id: string; delegation: string; participant: string; at: string }
    const kind = suggestionKindOf(mark.type.name)
    const actions: HTMLElement[] = []
    const offer = (action: SuggestionAction, label: string) => {
      if (!tryDecideSuggestion(me, options.stage(), attrs, action).ok) return
      const button = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, label)
      button.addEventListener('click', () => {
        hide()
        api.decideSuggestion(options.document, attrs.id, action).catch(() => undefined)
        editor.commands.focus()
      })
      actions.push(button)
    }
    offer('accept', t('action.accept'))
    offer('reject', t('action.reject'))
    if (attrs.delegation === me.delegation) offer('withdraw', t('action.withdraw'))
    return h(
      'section',
      { attrs: { 'data-delegation': attrs.delegation, 'data-kind': kind ?? '' } },
      h('p', { class: 'hover-card-what' }, kind === 'insertion' ? t('hover.inserting') : t('hover.deleting')),
      h('p', { class: 'hover-card-who' }, who(attrs.participant, attrs.delegation)),
      h('p', { class: 'hover-card-when' }, when(attrs.at)),
      actions.length > 0 ? h('p', { class: 'hover-card-actions' }, ...actions) : null,
    )
  }

  function bracketSection(mark: Mark): HTMLElement {
    const attrs = mark.attrs as {
      alt: number
      backers: string[]
      delegation: string
      participant: string
      at: string
    }
    const backers = (attrs.backers ?? []).map((d) => names.get(d) ?? d)
    return h(
      'section',
      { attrs: { 'data-delegation': String(attrs.delegation ?? ''), 'data-kind': 'bracket' } },
      h(
        'p',
        { class: 'hover-card-what' },
        attrs.alt > 1 ? t('hover.alternative', { alt: attrs.alt }) : t('hover.bracketed'),
      ),
      attrs.delegation ? h('p', { class: 'hover-card-who' }, who(attrs.participant, attrs.delegation)) : null,
      h('p', { class: 'hover-card-when' }, when(attrs.at)),
      backers.length > 0 ? h('p', {}, t('hover.backedBy', { delegations: backers.join(', ') })) : null,
    )
  }

  function threadSection(id: string): HTMLElement | null {
    const thread = options.doc.getMap<Thread>(THREADS).get(id)
    if (!thread) return null
    const open = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('hover.openThread'))
    open.addEventListener('click', () => {
      hide()
      options.openThread(id)
    })
    const replies = thread.messages.length - 1
    return h(
      'section',
      { attrs: { 'data-delegation': thread.delegation, 'data-kind': 'thread' } },
      h(
        'p',
        { class: 'hover-card-what' },
        replies > 0 ? t('hover.comment', { count: replies }) : t('hover.commentAlone'),
      ),
      h('p', { class: 'hover-card-who' }, who(thread.participant, thread.delegation)),
      h('p', { class: 'hover-card-when' }, when(thread.createdAt)),
      h('p', { class: 'hover-card-actions' }, open),
    )
  }

  /** The sections for the document position `pos` (inside a text), and the threads highlighted there. */
  function sectionsAt(pos: number, threadIds: readonly string[]): HTMLElement[] {
    const node = editor.state.doc.nodeAt(pos)
    const marks = node?.isText ? node.marks : editor.state.doc.resolve(pos).marks()
    return [
      ...marks.filter((m) => suggestionKindOf(m.type.name) !== null).map(suggestionSection),
      ...marks.filter((m) => isBracketKey(m.type.name)).map(bracketSection),
      ...threadIds.flatMap((id) => threadSection(id) ?? []),
    ]
  }

  function show(sections: HTMLElement[], box: { left: number; bottom: number; top: number }): void {
    if (sections.length === 0) return hide()
    card.replaceChildren(...sections, h('p', { class: 'hover-card-hint' }, t('hover.hint')))
    card.hidden = false
    const width = card.offsetWidth
    card.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - width - 8))}px`
    const below = box.bottom + 6
    card.style.top = `${below + card.offsetHeight > window.innerHeight ? box.top - card.offsetHeight - 6 : below}px`
  }

  function hide(): void {
    clearTimeout(timer)
    card.hidden = true
    showing = null
  }

  function showFor(element: Element): void {
    const threads = [
      ...new Set([element, ...ancestors(element)].map((e) => e.getAttribute('data-thread'))),
    ].filter((id): id is string => id !== null)
    let pos: number
    try {
      pos = editor.view.posAtDOM(element, 0)
    } catch {
      return
    }
    showing = element
    show(sectionsAt(pos, threads), element.getBoundingClientRect())
  }

  const ancestors = (element: Element): Element[] => {
    const found: Element[] = []
    for (let e = element.parentElement; e && e !== editor.view.dom; e = e.parentElement) found.push(e)
    return found
  }

  editor.view.dom.addEventListener('mouseover', (event) => {
    const marked = (event.target as Element).closest?.(MARKED)
    if (!marked || marked === showing) return
    clearTimeout(timer)
    timer = setTimeout(() => showFor(marked), SHOW_AFTER_MS)
  })
  const leave = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (!card.matches(':hover') && !card.contains(document.activeElement)) hide()
    }, HIDE_AFTER_MS)
  }
  editor.view.dom.addEventListener('mouseout', (event) => {
    if ((event.target as Element).closest?.(MARKED)) leave()
  })
  card.addEventListener('mouseleave', leave)
  card.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    hide()
    editor.commands.focus()
  })

  // The keyboard's way: the card of what is at the caret, focus on its first action.
  editor.view.dom.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !card.hidden) return hide()
    if (!(event.ctrlKey && event.altKey && event.key.toLowerCase() === 'i')) return
    event.preventDefault()
    const { from } = editor.state.selection
    const coords = editor.view.coordsAtPos(from)
    const at = editor.view.domAtPos(from)
    const element = at.node instanceof Element ? at.node : at.node.parentElement
    const threads = element
      ? [element, ...ancestors(element)].flatMap((e) => e.getAttribute('data-thread') ?? [])
      : []
    // The character before the caret, as typing continues the marks in force there.
    const sections = sectionsAt(Math.max(from - 1, 0), threads)
    if (sections.length === 0) return
    show(sections, coords)
    card.querySelector('button')?.focus()
  })
}
