/**
 * @module The comment threads panel: open a thread on the selected words, read and reply, edit or delete
 * one's own messages; the chair resolves and reopens. Filters by delegation and by open/resolved. Message
 * text is shown as plain text with its line breaks (never as HTML). A thread whose words were deleted is
 * marked detached and keeps the words it was opened on.
 */
import type { Editor } from '@tiptap/core'
import type * as Y from 'yjs'
import type { Stage } from '../../../workflows/conference/roles.js'
import { THREADS, WORKFLOW } from '../../../workflows/document/format.js'
import { describeInHostTime } from '../../../workflows/conference/host-time.js'
import { resolveAnchor } from '../../../workflows/document/thread-anchors.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { mayComment, type Thread } from '../../../workflows/threads/thread.js'
import { api, type DelegationSummary, type Me } from '../api.js'
import { blockOrder, groupByParagraph, groupHeading } from './paragraph-groups.js'
import { h, setText } from './dom.js'
import { keyedList } from './keyed-list.js'
import { locale, t } from '../i18n.js'

export interface ThreadsPanelOptions {
  editor: Editor
  doc: Y.Doc
  me: Me
  document: string
  delegations: DelegationSummary[]
  stage: () => Stage
  onStageChange: (listener: () => void) => void
  /** The conference lets observers comment (they never edit). */
  observersMayComment: boolean
  /** Times are stated in the conference's host time, with the zone. */
  hostTimeZone: string
}

const QUOTE_REFRESH_MS = 300

interface ShownThread {
  thread: Thread
  anchor: ReturnType<typeof resolveAnchor>
  /** The paragraph's number ("OP4"), "Detached" for words deleted since; the first of a group shows it. */
  label: string
  first: boolean
}

/** The selection as block ids and offsets, or null when it is empty or not in text. */
function selectedRange(editor: Editor) {
  const { from, to, empty } = editor.state.selection
  if (empty) return null
  const doc = editor.state.doc
  const $from = doc.resolve(from)
  const $to = doc.resolve(to)
  const blockOf = (node: typeof $from.parent) =>
    node.type.name === 'title' ? `title:${String(node.attrs.lang)}` : String(node.attrs.id ?? '')
  if (!$from.parent.isTextblock || !$to.parent.isTextblock) return null
  return {
    startBlock: blockOf($from.parent),
    startOffset: $from.parentOffset,
    endBlock: blockOf($to.parent),
    endOffset: $to.parentOffset,
    quote: doc.textBetween(from, to, '\n'),
  }
}

export interface ThreadsPanel {
  element: HTMLElement
  /** May this participant comment now? */
  canComment(): boolean
  /** Brings the composer forward for the words selected in the text. */
  startComment(): void
}

export function threadsPanel(options: ThreadsPanelOptions): ThreadsPanel {
  const { editor, doc, me, document: documentId, delegations, stage } = options
  const names = new Map(delegations.map((d) => [d.id, d.name]))
  const threads = doc.getMap<Thread>(THREADS)
  let delegationFilter = ''
  let statusFilter: 'open' | 'resolved' | '' = 'open'

  const heading = h('h2', { class: 'panel-heading' })
  const status = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  const composer = h('textarea', {
    class: 'thread-composer',
    attrs: { rows: '2', placeholder: t('threads.composer'), 'data-testid': 'thread-composer' },
  })
  const post = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'thread-post' } },
    t('threads.post'),
  )
  const byDelegation = h('select', {
    class: 'suggestion-filter',
    attrs: { 'aria-label': t('threads.byDelegation') },
  })
  const byStatus = h(
    'select',
    {
      class: 'suggestion-filter',
      attrs: { 'aria-label': t('threads.byStatus'), 'data-testid': 'thread-status-filter' },
    },
    h('option', { attrs: { value: 'open' } }, t('threads.open')),
    h('option', { attrs: { value: 'resolved' } }, t('threads.resolved')),
    h('option', { attrs: { value: '' } }, t('threads.all')),
  )
  const list = h('ol', { class: 'thread-list', attrs: { 'data-testid': 'threads' } })
  byDelegation.addEventListener('change', () => {
    delegationFilter = byDelegation.value
    render()
  })
  byStatus.addEventListener('change', () => {
    statusFilter = byStatus.value as typeof statusFilter
    render()
  })

  const act = async (work: () => Promise<unknown>) => {
    status.textContent = ''
    try {
      await work()
      return true
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error)
      return false
    }
  }
  const canComment = () => mayComment(me, stage(), options.observersMayComment).ok
  let previousWhy = ''
  const canResolve = () => may(me.role, 'resolve threads', stage())
  // Read once per render, not once per thread: the list's version and items ask it for each thread.
  let deferredIds = new Set<string>()
  const deferredThreads = () => deferredIds

  post.addEventListener('click', () => {
    const range = selectedRange(editor)
    const text = composer.value.trim()
    if (!range) return void (status.textContent = t('threads.selectFirst'))
    if (!text) return void (status.textContent = t('threads.writeFirst'))
    void act(() => api.openThread(documentId, range, text)).then((ok) => {
      if (ok) composer.value = ''
    })
  })

  function messageView(thread: Thread, m: Thread['messages'][number]): HTMLElement {
    const actions: HTMLElement[] = []
    if (m.participant === me.participant && !m.deleted) {
      const edit = h('button', { class: 'link-button', attrs: { type: 'button' } }, t('threads.edit'))
      edit.addEventListener('click', () => {
        const text = window.prompt(t('threads.editPrompt'), m.text)
        if (text !== null && text.trim())
          void act(() => api.threadAction(documentId, thread.id, `messages/${m.id}`, 'PATCH', { text }))
      })
      const remove = h('button', { class: 'link-button', attrs: { type: 'button' } }, t('threads.delete'))
      remove.addEventListener(
        'click',
        () =>
          void act(() => api.threadAction(documentId, thread.id, `messages/${m.id}`, 'DELETE', undefined)),
      )
      actions.push(edit, remove)
    }
    return h(
      'li',
      { class: 'thread-message', attrs: { 'data-message': m.id } },
      h('span', { class: 'thread-author' }, `${m.name} · ${names.get(m.delegation) ?? m.delegation}`),
      h('span', { class: 'thread-time' }, describeInHostTime(Date.parse(m.at), options.hostTimeZone, locale)),
      m.deleted
        ? h('p', { class: 'thread-text deleted' }, t('threads.messageDeleted'))
        : h('p', { class: 'thread-text' }, m.text),
      m.editedAt && !m.deleted && h('span', { class: 'thread-time' }, t('threads.edited')),
      actions.length > 0 && h('span', { class: 'thread-actions' }, ...actions),
    )
  }

  function threadView({ thread, anchor, label, first }: ShownThread): HTMLElement {
    const controls: HTMLElement[] = []
    if (canComment()) {
      const answer = h('textarea', {
        class: 'thread-reply',
        attrs: { rows: '1', placeholder: t('threads.replyPlaceholder'), 'data-draft': 'reply' },
      })
      const send = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('threads.reply'))
      send.addEventListener('click', () => {
        if (answer.value.trim())
          void act(() => api.threadAction(documentId, thread.id, 'messages', 'POST', { text: answer.value }))
      })
      controls.push(answer, send)
    }
    if (canResolve()) {
      const verb = thread.status === 'open' ? 'resolve' : 'reopen'
      const button = h(
        'button',
        { class: `quiet-button thread-${verb}`, attrs: { type: 'button' } },
        verb === 'resolve' ? t('threads.resolve') : t('threads.reopen'),
      )
      button.addEventListener('click', () => void act(() => api.threadAction(documentId, thread.id, verb)))
      controls.push(button)
    }
    const deferred = deferredThreads().has(thread.id)
    // The chair defers an open thread to after the consensus call from the thread itself.
    if (canResolve() && thread.status === 'open') {
      const verb = deferred ? 'undefer' : 'defer'
      const button = h(
        'button',
        { class: `quiet-button thread-${verb}`, attrs: { type: 'button' } },
        deferred ? t('threads.undefer') : t('threads.defer'),
      )
      button.addEventListener('click', () => void act(() => api.threadAction(documentId, thread.id, verb)))
      controls.push(button)
    }
    const item = h(
      'li',
      {
        class: `thread ${thread.status}`,
        // Focusable, so that the hover card's "Open the thread" can bring the keyboard here.
        attrs: {
          'data-thread': thread.id,
          'data-delegation': thread.delegation,
          'data-paragraph': label,
          tabindex: '-1',
        },
      },
      first ? groupHeading(label) : null,
      h(
        'div',
        { class: 'thread-head' },
        h('span', { class: 'suggestion-swatch', attrs: { 'data-delegation': thread.delegation } }),
        h('span', { class: 'suggestion-who' }, names.get(thread.delegation) ?? thread.delegation),
        h(
          'span',
          { class: `thread-state ${thread.status}` },
          thread.status === 'open' ? t('threads.open') : t('threads.resolved'),
        ),
        deferred &&
          thread.status === 'open' &&
          h(
            'span',
            { class: 'thread-state deferred', attrs: { title: t('threads.deferredTitle') } },
            t('threads.deferred'),
          ),
        anchor.detached &&
          h(
            'span',
            { class: 'thread-state detached', attrs: { title: t('threads.detachedTitle') } },
            t('threads.detached'),
          ),
      ),
      h('q', { class: 'suggestion-text' }, anchor.detached ? thread.quote : anchor.text),
      h('ol', { class: 'thread-messages' }, ...thread.messages.map((m) => messageView(thread, m))),
      controls.length > 0 && h('div', { class: 'thread-controls' }, ...controls),
    )
    item.querySelector('q')?.addEventListener('click', () => {
      const target = editor.view.dom.querySelector(`[data-thread="${CSS.escape(thread.id)}"]`)
      target?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    })
    return item
  }

  const items = keyedList(list, {
    key: ({ thread }: ShownThread) => thread.id,
    version: ({ thread, anchor, label, first }) =>
      JSON.stringify([
        canComment(),
        canResolve(),
        anchor.detached,
        anchor.text,
        thread,
        label,
        first,
        deferredThreads().has(thread.id),
      ]),
    create: threadView,
    empty: () => h('li', { class: 'empty' }, t('threads.none')),
  })
  let delegationOptions: string | null = null

  function render(): void {
    deferredIds = new Set((doc.getMap(WORKFLOW).get('deferredThreads') as string[] | undefined) ?? [])
    const all = [...threads.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    const open = all.filter((t) => t.status === 'open').length
    setText(heading, t('panel.comments', { count: open }))
    const present = [...new Set(all.map((t) => t.delegation))]
    if (present.join() !== delegationOptions) {
      delegationOptions = present.join()
      byDelegation.replaceChildren(
        h('option', { attrs: { value: '' } }, t('threads.allDelegations')),
        ...present.map((id) => h('option', { attrs: { value: id } }, names.get(id) ?? id)),
      )
    }
    byDelegation.value = present.includes(delegationFilter) ? delegationFilter : ''
    const shown = all.filter(
      (t) =>
        (!delegationFilter || t.delegation === delegationFilter) &&
        (!statusFilter || t.status === statusFilter),
    )
    // Grouped by paragraph in the order of the text (threads whose words were deleted last), oldest first.
    const order = blockOrder(editor)
    const resolved = shown
      .map((thread) => ({ thread, anchor: resolveAnchor(doc, thread.anchor) }))
      .map((t) => ({ ...t, at: t.anchor.detached ? Infinity : order(t.thread.anchor.startBlock) }))
      .sort((a, b) => a.at - b.at || a.thread.createdAt.localeCompare(b.thread.createdAt))
    const grouped = groupByParagraph(editor, resolved, (t) => t.thread.anchor.startBlock)
    items.render(
      grouped.map(({ item, label, first }, i) => {
        const detached = item.anchor.detached
        const previousDetached = i > 0 && grouped[i - 1]!.item.anchor.detached
        return {
          thread: item.thread,
          anchor: item.anchor,
          label: detached ? t('threads.detached') : label,
          first: detached ? !previousDetached : first,
        }
      }),
    )
    // A control that cannot be used says why.
    const verdict = mayComment(me, stage(), options.observersMayComment)
    composer.disabled = !verdict.ok
    post.disabled = !verdict.ok
    const why = verdict.ok ? '' : verdict.refused
    composer.title = why
    post.title = why
    if (!verdict.ok) composer.placeholder = why
    else if (composer.placeholder === previousWhy) composer.placeholder = t('threads.composer')
    previousWhy = why
  }

  threads.observe(render)
  options.onStageChange(render)
  // Quotes and detachment follow the text: refreshed while it changes, at most every 300 ms (resolving every
  // thread's anchor on every remote keystroke would cost the page its speed on a long text).
  let refresh: ReturnType<typeof setTimeout> | undefined
  editor.on('update', () => {
    refresh ??= setTimeout(() => {
      refresh = undefined
      render()
    }, QUOTE_REFRESH_MS)
  })
  render()
  const element = h(
    'section',
    { class: 'threads' },
    heading,
    composer,
    post,
    h('div', { class: 'thread-filters' }, byDelegation, byStatus),
    list,
    status,
  )
  return {
    element,
    canComment,
    startComment: () => {
      const range = selectedRange(editor)
      composer.placeholder = range
        ? t('threads.commentOn', {
            quote: range.quote.length > 60 ? `${range.quote.slice(0, 57)}…` : range.quote,
          })
        : t('threads.composer')
      composer.scrollIntoView({ block: 'center' })
      composer.focus()
    },
  }
}
