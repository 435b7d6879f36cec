/**
 * @module The suggestions panel: every pending suggestion, filterable by delegation, with what the viewer may
 * do about it — the chair accepts or rejects (one, one delegation's, or all) and can undo the last decision for
 * a few minutes, a delegation withdraws its own.
 * Counts per delegation are in the filter. Clicking a suggestion scrolls the text to it. The list is computed
 * from the editor's document with the same pure functions the server uses.
 */
import type { Editor } from '@tiptap/core'
import type { Stage } from '../../../workflows/conference/roles.js'
import {
  tryDecideSuggestion,
  type LastDecision,
  type SuggestionAction,
} from '../../../workflows/rules/suggestion-decisions.js'
import { undoDecisionBar } from './undo-decision.js'
import { askFirst } from './ask-first.js'
import { blockLabel, groupByParagraph, groupHeading, type Grouped } from './paragraph-groups.js'
import { changeAnnouncer } from './change-announcer.js'
import {
  countByDelegation,
  pendingSuggestions,
  suggestionKey,
  type PendingSuggestion,
} from '../../../workflows/suggestions/pending.js'
import { api, type DelegationSummary, type Me } from '../api.js'
import { supportersOf, type Support } from '../../../workflows/meeting/support.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { runsOfDocument } from './document-runs.js'
import { h, setText } from './dom.js'
import { onUpdateEachFrame } from './each-frame.js'
import { keyedList } from './keyed-list.js'
import { t } from '../i18n.js'
import type { MessageKey } from '../../../workflows/i18n/catalogue.js'

/** "Osaka inserts", "Osaka proposes a new paragraph" … in the page's language. */
function describe(s: PendingSuggestion, delegation: string): string {
  const key: MessageKey =
    s.operation === 'split'
      ? 'suggestions.split'
      : s.operation === 'join'
        ? 'suggestions.join'
        : s.paragraph
          ? s.kind === 'insertion'
            ? 'suggestions.newParagraph'
            : 'suggestions.deleteParagraph'
          : s.kind === 'insertion'
            ? 'suggestions.inserts'
            : 'suggestions.deletes'
  return t(key, { delegation })
}

export interface SuggestionPanelOptions {
  editor: Editor
  me: Me
  document: string
  delegations: DelegationSummary[]
  stage: () => Stage
  /** Calls back when the server-written workflow changes (the stage, the last decision). */
  onStageChange: (listener: () => void) => void
  /** The chair's last decision, which can be undone for a few minutes. */
  lastDecision: () => LastDecision | undefined
  hostTimeZone: string
  /** Who supports which pending proposal (meeting mode; the workflow map's `support`). */
  support: () => Support
}

export function suggestionPanel(options: SuggestionPanelOptions): HTMLElement {
  const { editor, me, document: documentId, delegations, stage } = options
  const names = new Map(delegations.map((d) => [d.id, d.name]))
  let filter = ''
  let pending: PendingSuggestion[] = []
  const heading = h('h2', { class: 'panel-heading' })
  const select = h('select', {
    class: 'suggestion-filter',
    attrs: { 'aria-label': t('suggestions.filter'), 'data-testid': 'suggestion-filter' },
  })
  const bulk = h('div', { class: 'suggestion-bulk' })
  const list = h('ol', { class: 'suggestion-list', attrs: { 'data-testid': 'suggestions' } })
  const status = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  const undo = undoDecisionBar({
    me,
    document: documentId,
    names,
    hostTimeZone: options.hostTimeZone,
    stage,
    lastDecision: options.lastDecision,
    report: (message) => (status.textContent = message),
  })
  select.addEventListener('change', () => {
    filter = select.value
    render()
  })

  const act = async (work: () => Promise<unknown>) => {
    status.textContent = ''
    try {
      await work()
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error)
    }
  }
  const allowed = (s: { delegation: string }, action: SuggestionAction) =>
    tryDecideSuggestion(me, stage(), s, action).ok

  function item({ item: s, label, first }: Grouped<PendingSuggestion>): HTMLElement {
    const buttons: HTMLElement[] = []
    const button = (label: string, action: SuggestionAction) => {
      const b = h('button', { class: `quiet-button action-${action}`, attrs: { type: 'button' } }, label)
      b.addEventListener('click', (event) => {
        event.stopPropagation()
        void act(() => api.decideSuggestion(documentId, s.id, action))
      })
      buttons.push(b)
    }
    if (allowed(s, 'accept')) button(t('action.accept'), 'accept')
    if (allowed(s, 'reject')) button(t('action.reject'), 'reject')
    if (s.delegation === me.delegation && allowed(s, 'withdraw') && !allowed(s, 'reject'))
      button(t('action.withdraw'), 'withdraw')
    const supporters = supportersOf(options.support(), s.id)
    if (s.delegation !== me.delegation && may(me.role, 'support a proposal', stage())) {
      const supporting = supporters.includes(me.delegation)
      const b = h(
        'button',
        { class: 'quiet-button action-support', attrs: { type: 'button', 'data-testid': 'support' } },
        supporting ? t('support.withdraw') : t('support.give'),
      )
      b.addEventListener('click', (event) => {
        event.stopPropagation()
        void act(() => api.support(documentId, s.id, !supporting))
      })
      buttons.push(b)
    }
    const entry = h(
      'li',
      {
        class: first ? 'group-start' : '',
        attrs: {
          'data-suggestion': s.id,
          'data-delegation': s.delegation,
          'data-paragraph': label,
          tabindex: '0',
        },
      },
      first ? groupHeading(label) : null,
      h('span', { class: 'suggestion-swatch', attrs: { 'data-delegation': s.delegation } }),
      h(
        'span',
        { class: 'suggestion-body' },
        h(
          'span',
          { class: 'suggestion-who' },
          `${label ? `${label}: ` : ''}${describe(s, names.get(s.delegation) ?? s.delegation)}`,
        ),
        h(
          'q',
          { class: `suggestion-text ${s.kind}` },
          s.text.length > 120 ? `${s.text.slice(0, 117)}…` : s.text,
        ),
        supporters.length > 0 &&
          h(
            'span',
            {
              class: 'suggestion-supporters',
              attrs: { 'data-testid': 'supporters', 'data-count': String(supporters.length) },
            },
            t('support.by', {
              count: supporters.length,
              names: supporters.map((d) => names.get(d) ?? d).join(', '),
            }),
          ),
        buttons.length > 0 && h('span', { class: 'suggestion-actions' }, ...buttons),
      ),
    )
    entry.addEventListener('click', () => reveal(s.id))
    return entry
  }

  function reveal(id: string): void {
    const target = editor.view.dom.querySelector(`[data-suggestion="${CSS.escape(id)}"]`)
    if (!target) return
    target.scrollIntoView({ block: 'center', behavior: 'smooth' })
    target.classList.add('flash')
    setTimeout(() => target.classList.remove('flash'), 1200)
  }

  const items = keyedList(list, {
    key: ({ item }: Grouped<PendingSuggestion>) => suggestionKey(item),
    // What the viewer may do depends on the stage; the paragraph's number and group start are shown.
    version: ({ item: s, label, first }) =>
      [
        stage(),
        s.kind,
        s.operation ?? '',
        s.paragraph ? 'paragraph' : '',
        s.text,
        label,
        first,
        supportersOf(options.support(), s.id).join(','),
      ].join('\u0000'),
    create: item,
    empty: () => h('li', { class: 'empty' }, t('suggestions.none')),
  })
  let filterOptions = ''
  let bulkFor = ''

  // New proposals of other delegations are told to screen readers (not those present when the page opened).
  const announcer = changeAnnouncer()
  let known: Set<string> | null = null

  function announceNew(): void {
    const now = new Set(pending.map(suggestionKey))
    if (known) {
      for (const s of pending) {
        if (known.has(suggestionKey(s)) || s.delegation === me.delegation) continue
        const label = blockLabel(editor, s.blocks[0] ?? '')
        const name = names.get(s.delegation) ?? s.delegation
        const key = suggestionKey(s)
        const text = () => (pending.find((p) => suggestionKey(p) === key) ?? s).text.slice(0, 80)
        announcer.announce(() => `${label ? `${label}: ` : ''}${describe(s, name)} “${text()}”`, name)
      }
    }
    known = now
  }

  function render(): void {
    pending = pendingSuggestions(runsOfDocument(editor.state.doc))
    announceNew()
    const counts = countByDelegation(pending)
    setText(heading, t('panel.suggestions', { count: pending.length }))
    if (filter && !counts[filter]) filter = ''
    const options = Object.entries(counts).sort(([a], [b]) =>
      (names.get(a) ?? a).localeCompare(names.get(b) ?? b),
    )
    // Rebuilt only when a count changes: a rebuilt select closes under the chair's pointer.
    if (JSON.stringify(options) !== filterOptions) {
      filterOptions = JSON.stringify(options)
      select.replaceChildren(
        h('option', { attrs: { value: '' } }, t('suggestions.all', { count: pending.length })),
        ...options.map(([id, n]) => h('option', { attrs: { value: id } }, `${names.get(id) ?? id} (${n})`)),
      )
    }
    select.value = filter
    const shown = filter ? pending.filter((s) => s.delegation === filter) : pending
    const chairMay = shown.length > 0 && allowed(shown[0]!, 'accept')
    if (bulkFor !== `${chairMay}|${filter}`) {
      bulkFor = `${chairMay}|${filter}`
      bulk.replaceChildren(...(chairMay ? bulkButtons() : []))
    }
    items.render(groupByParagraph(editor, shown, (s) => s.blocks[0] ?? ''))
  }

  function bulkButtons(): HTMLElement[] {
    const delegation = filter ? (names.get(filter) ?? filter) : ''
    return (['accept', 'reject'] as const).map((action) => {
      const label = delegation
        ? t(action === 'accept' ? 'action.acceptAllOf' : 'action.rejectAllOf', { delegation })
        : t(action === 'accept' ? 'action.acceptAll' : 'action.rejectAll')
      const b = h('button', { class: `quiet-button bulk-${action}`, attrs: { type: 'button' } }, label)
      b.addEventListener('click', () => confirmBulk(action))
      return b
    })
  }

  /**
   * Deciding many suggestions is not one click: the panel says how many, of which delegations, and waits for a
   * second, explicit click. Only the suggestions shown then are decided — one proposed meanwhile stays pending.
   */
  function confirmBulk(action: 'accept' | 'reject'): void {
    const shown = filter ? pending.filter((s) => s.delegation === filter) : pending
    const ids = [...new Set(shown.map((s) => s.id))]
    const counts = Object.entries(countByDelegation(shown)).map(([id, n]) => `${names.get(id) ?? id} ${n}`)
    const whose = counts.join(', ')
    askFirst(bulk, {
      label: t(action === 'accept' ? 'ask.accept' : 'ask.reject', { count: ids.length, whose }),
      body: [t(action === 'accept' ? 'ask.accept' : 'ask.reject', { count: ids.length, whose })],
      go: t(action === 'accept' ? 'ask.acceptGo' : 'ask.rejectGo', { count: ids.length }),
      onGo: () => void act(() => api.decideAll(documentId, action, ids, filter || undefined)),
    })
  }

  onUpdateEachFrame(editor, render)
  options.onStageChange(render)
  options.onStageChange(undo.render)
  render()
  undo.render()
  return h(
    'section',
    { class: 'suggestions' },
    heading,
    undo.element,
    select,
    bulk,
    list,
    status,
    announcer.element,
  )
}
