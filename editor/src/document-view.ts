/**
 * @module The declaration page: top bar, stage banner, the text as a page, presence beside it. The editor
 * is created only once the first sync with the server is complete — the server seeds content and the
 * editor never pushes initial content into Yjs.
 */
import { Editor } from '@tiptap/core'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { bodyAccess } from '../../workflows/rules/rulebook.js'
import { WORKFLOW } from '../../workflows/document/format.js'
import { api, type DelegationSummary, type DocumentSummary, type Me } from './api.js'
import { ticketedWebSocket } from './collab/ticketed-websocket.js'
import { editorExtensions } from './extensions/editor-extensions.js'
import { connectionStatus } from './ui/connection-status.js'
import { h } from './ui/dom.js'
import { presenceList } from './ui/presence-list.js'
import { stageBanner, stageOf } from './ui/stage-banner.js'
import { suggestionPanel } from './ui/suggestion-panel.js'
import { threadsPanel } from './ui/threads-panel.js'
import { paragraphStatusPanel } from './ui/paragraph-status-panel.js'
import { notesPanel } from './ui/notes-panel.js'
import { bracketsPanel } from './ui/brackets-panel.js'
import { consensusPanel } from './ui/consensus-panel.js'
import { revisionsPanel } from './ui/revisions-panel.js'
import { THREADS_CHANGED, ThreadHighlights, type ThreadRange } from './extensions/thread-highlights.js'
import { THREADS } from '../../workflows/document/format.js'
import { anchorOffsets } from '../../workflows/document/thread-anchors.js'
import type { Thread } from '../../workflows/threads/thread.js'

export interface OpenDocument {
  editor: Editor
  doc: Y.Doc
  provider: WebsocketProvider
}

function collabUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/collab`
}

/** Close codes after which this tab's copy of the text must be dropped: it holds something the server refused. */
const MUST_RELOAD = new Set([4400, 4403, 4409])
export const REFUSAL_NOTICE_KEY = 'accord:refusal'

export async function openDocumentView(
  root: HTMLElement,
  me: Me,
  summary: DocumentSummary,
  delegations: DelegationSummary[],
): Promise<OpenDocument> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(collabUrl(), summary.id, doc, {
    WebSocketPolyfill: ticketedWebSocket(() => api.ticket(summary.id)),
    disableBc: true,
  })
  provider.on('connection-close', (event) => {
    if (!event || !MUST_RELOAD.has(event.code)) return
    // The server refused a change from this tab: start again from the server's text and say why.
    provider.shouldConnect = false
    sessionStorage.setItem(REFUSAL_NOTICE_KEY, event.reason || `refused (${event.code})`)
    location.reload()
  })

  const bracketCounter = h('span', { class: 'bracket-count', attrs: { 'data-testid': 'bracket-count' } })
  const side = h('aside', { class: 'side-panel' }, presenceList(provider.awareness, me.participant))
  const page = h(
    'article',
    { class: 'page', attrs: { 'data-testid': 'page' } },
    h('p', { class: 'loading' }, 'Loading the text…'),
  )
  const signOut = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, 'Sign out')
  signOut.addEventListener('click', () => void api.logout().then(() => location.assign('/')))
  root.replaceChildren(
    h(
      'header',
      { class: 'top-bar' },
      h('span', { class: 'brand' }, 'Accord'),
      h('span', { class: 'document-title' }, summary.title),
      bracketCounter,
      connectionStatus(provider),
      h('span', { class: 'me', style: { color: me.colour } }, `${me.name} · ${me.delegationName}`),
      signOut,
    ),
    stageBanner(doc, me, summary.id),
    h('main', { class: 'workspace' }, page, side),
  )

  await new Promise<void>((synced) => {
    if (provider.synced) return synced()
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      synced()
    }
    provider.on('sync', onSync)
  })

  const access = () => bodyAccess(me.role, stageOf(doc))
  const mount = h('div', { class: 'declaration' })
  page.replaceChildren(mount)
  const editor = new Editor({
    element: mount,
    extensions: [
      ThreadHighlights.configure({ ranges: () => openThreadRanges(doc) }),
      ...editorExtensions(
        doc,
        provider,
        { participant: me.participant, name: me.name, delegationName: me.delegationName, color: me.colour },
        { access, author: { delegation: me.delegation, participant: me.participant } },
      ),
    ],
    editable: access() !== 'read',
    editorProps: {
      attributes: { class: 'declaration-text', 'aria-label': 'Declaration text', spellcheck: 'true' },
    },
  })
  doc.getMap(WORKFLOW).observe(() => editor.setEditable(access() !== 'read'))
  const conference = await api.conference()
  side.append(
    consensusPanel({
      editor,
      doc,
      me,
      document: summary.id,
      delegations,
      hostTimeZone: conference?.hostTimeZone ?? 'UTC',
      stage: () => stageOf(doc),
    }),
  )
  side.append(
    paragraphStatusPanel({
      editor,
      me,
      document: summary.id,
      stage: () => stageOf(doc),
      onStageChange: (listener) => doc.getMap(WORKFLOW).observe(listener),
    }),
  )
  side.append(
    suggestionPanel({
      editor,
      me,
      document: summary.id,
      delegations,
      stage: () => stageOf(doc),
      onStageChange: (listener) => doc.getMap(WORKFLOW).observe(listener),
    }),
  )
  side.append(
    threadsPanel({
      observersMayComment: conference?.observersMayComment ?? false,
      editor,
      doc,
      me,
      document: summary.id,
      delegations,
      stage: () => stageOf(doc),
      onStageChange: (listener) => doc.getMap(WORKFLOW).observe(listener),
    }),
  )
  doc.getMap(THREADS).observe(() => editor.view.dispatch(editor.state.tr.setMeta(THREADS_CHANGED, true)))
  side.append(
    bracketsPanel({
      editor,
      me,
      document: summary.id,
      delegations,
      stage: () => stageOf(doc),
      onStageChange: (listener) => doc.getMap(WORKFLOW).observe(listener),
      counter: bracketCounter,
    }),
  )
  side.append(revisionsPanel(doc, me, summary.id, () => stageOf(doc)))
  // Private notes come over their own connection; the page works without them if they cannot be opened.
  notesPanel(editor, me, summary.id).then(
    (panel) => side.append(panel),
    () => undefined,
  )
  return { editor, doc, provider }
}

/** Where the open, attached threads are, for the highlights. */
function openThreadRanges(doc: Y.Doc): ThreadRange[] {
  const ranges: ThreadRange[] = []
  for (const thread of doc.getMap<Thread>(THREADS).values()) {
    if (thread.status !== 'open') continue
    const at = anchorOffsets(doc, thread.anchor)
    if (at) ranges.push({ id: thread.id, ...at })
  }
  return ranges
}
