/**
 * @module The declaration page: top bar, stage banner, the text as a page, presence beside it. The editor
 * is created only once the first sync with the server is complete — the server seeds content and the
 * editor never pushes initial content into Yjs.
 *
 * The editing loop never loses words (CONVENTIONS.md §15): what this participant typed is kept on the device
 * until the server has stored it (`UnsavedChanges`), replayed after a reload, and sent again on every
 * reconnection — which y-websocket attempts after any outage, with a fresh ticket each time. If the server
 * refuses a change, the page is not reloaded: the view is rebuilt on the server's text and the paragraphs the
 * participant had changed are kept in the "Not accepted" panel, with the reason, to propose again.
 */
import { Editor } from '@tiptap/core'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { bodyAccess } from '../../workflows/rules/rulebook.js'
import { SUPPORT, WORKFLOW } from '../../workflows/document/format.js'
import { keepFormattingItems } from '../../workflows/document/formatting-items.js'
import { api, ApiRequestError, type DelegationSummary, type DocumentSummary, type Me } from './api.js'
import { deviceStore, type RefusedChange } from './collab/device-store.js'
import { CLOSE_SIGNED_OUT, TicketRefused, ticketedWebSocket } from './collab/ticketed-websocket.js'
import { UnsavedChanges } from './collab/unsaved-changes.js'
import { announceOnlyLocalChanges } from './collab/announce-local-changes.js'
import { editorExtensions, watchCaretActivity } from './extensions/editor-extensions.js'
import { PasteReport } from './extensions/paste-report.js'
import {
  differingParagraphs,
  paragraphVersions,
  type ParagraphVersion,
} from './refusals/paragraph-versions.js'
import { refusedPanel } from './refusals/refused-panel.js'
import type { LastDecision } from '../../workflows/rules/suggestion-decisions.js'
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
import { hoverCards } from './ui/hover-card.js'
import { NoteMarkers, noteSource } from './extensions/note-markers.js'
import { FloorMarker, type FloorTarget } from './extensions/floor-marker.js'
import { floorBar, floorOf } from './ui/floor-bar.js'
import { OralProposals, speakersIn, speakersPanel } from './ui/speakers-panel.js'
import { projectorMode } from './ui/projector.js'
import { compilationPanel } from './ui/compilation-panel.js'
import { phoneNav } from './ui/phone-nav.js'
import { supportOf } from '../../workflows/meeting/support.js'
import { warnOnAgreedParagraphs } from './ui/agreed-paragraph-notice.js'
import { commentFromSelection } from './ui/comment-from-selection.js'
import type { ListedParticipant } from '../../workflows/conference/conference.js'
import { anchorOffsets } from '../../workflows/document/thread-anchors.js'
import type { Thread } from '../../workflows/threads/thread.js'
import { languagePicker, offerLanguages, t } from './i18n.js'

export interface OpenDocument {
  editor: Editor
  doc: Y.Doc
  provider: WebsocketProvider
  unsaved: UnsavedChanges
}

function collabUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/collab`
}

/**
 * Close codes by which the server refuses something this tab sent (server/collab/limits.ts). Reconnecting
 * would send the same change again, so the tab stops, keeps the words, and starts again on the server's text.
 */
const REFUSED = new Set([4400, 4403, 4409])

/** What a refusal says, in words a delegate can act on. */
function plainReason(code: number, reason: string): string {
  if (code === 4409) return t('refused.outOfDate')
  return reason || t('refused.code', { code })
}

/** The tab's version of the text when the server refused something, carried into the rebuilt view. */
interface Refusal {
  reason: string
  mine: Map<string, ParagraphVersion>
}

export async function openDocumentView(
  root: HTMLElement,
  me: Me,
  summary: DocumentSummary,
  delegations: DelegationSummary[],
  onOpen: (opened: OpenDocument) => void = () => undefined,
  refusal?: Refusal,
): Promise<OpenDocument> {
  const owner = `${summary.id}|${me.participant}`
  const doc = new Y.Doc()
  keepFormattingItems(doc)
  let provider: WebsocketProvider | null = null
  const unsaved = new UnsavedChanges(doc, owner, (origin) => origin === provider)
  await unsaved.loadFromDevice()
  let signedOut = false
  provider = new WebsocketProvider(collabUrl(), summary.id, doc, {
    WebSocketPolyfill: ticketedWebSocket({
      fetchTicket: () =>
        api.ticket(summary.id).catch((error: unknown) => {
          throw error instanceof ApiRequestError && (error.status === 401 || error.status === 403)
            ? new TicketRefused(error.message)
            : error
        }),
      onServerMessage: (message) => unsaved.readServerMessage(message),
      // As one transaction of the provider's (the origin y-websocket gives what it applies), drawn once.
      deliverTogether: (deliver) => doc.transact(deliver, provider),
    }),
    disableBc: true,
    // Reconnect after anything but a refusal: outages, restarts, a session to renew all end by themselves.
    shouldReconnect: (event) => !REFUSED.has(event.code),
  })
  const live = provider
  announceOnlyLocalChanges(doc, (origin) => origin === provider)
  let editorReady: (editor: Editor) => void = () => undefined
  const editorCreated = new Promise<Editor>((resolve) => (editorReady = resolve))
  let currentEditor: Editor | null = null

  live.on('connection-close', (event) => {
    const wasSignedOut = signedOut
    signedOut = event?.code === CLOSE_SIGNED_OUT
    if (signedOut !== wasSignedOut) status.render()
  })
  live.on('status', ({ status: now }) => {
    if (now === 'connected' && signedOut) {
      signedOut = false
      status.render()
    }
  })
  live.on('closed', ({ code, reason }) => {
    if (!REFUSED.has(code)) return
    void editorCreated.then(async (editor) => {
      const mine = paragraphVersions(editor.state, me.delegation)
      await unsaved.discard()
      live.destroy()
      editor.destroy()
      unsaved.destroy()
      doc.destroy()
      await openDocumentView(root, me, summary, delegations, onOpen, {
        reason: plainReason(code, reason),
        mine,
      })
    })
  })

  const status = connectionStatus({ provider: live, unsaved, signedOut: () => signedOut })
  const refused = refusedPanel(() => currentEditor, me.delegation)
  const pasteNotice = transientNotice('paste-report')
  const bracketCounter = h('span', { class: 'bracket-count', attrs: { 'data-testid': 'bracket-count' } })
  const side = h(
    'aside',
    { class: 'side-panel' },
    presenceList(live.awareness, me.participant, () => speakersIn(doc).speaking?.delegation ?? null),
  )
  const page = h(
    'article',
    { class: 'page', attrs: { 'data-testid': 'page' } },
    h('p', { class: 'loading' }, t('app.loading')),
  )
  const signOut = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('app.signOut'))
  signOut.addEventListener('click', () => void api.logout().then(() => location.assign('/')))
  // The text comes first in the page's order, so that the keyboard starts there rather than at "Sign out"; the
  // bars are drawn above it (CSS order).
  const picker = languagePicker()
  const header = h(
    'header',
    { class: 'top-bar' },
    h('span', { class: 'brand' }, 'Accord'),
    h('span', { class: 'document-title' }, summary.title),
    bracketCounter,
    status.element,
    h('span', { class: 'me', style: { color: me.colour } }, `${me.name} · ${me.delegationName}`),
    me.role === 'secretariat'
      ? h('a', { class: 'quiet-button', attrs: { href: '/secretariat' } }, t('app.secretariat'))
      : null,
    picker,
    signOut,
  )
  const bars = h('div', { class: 'bars' }, header, stageBanner(doc, me, summary.id))
  root.replaceChildren(
    h(
      'div',
      { class: 'document-page' },
      h('main', { class: 'workspace' }, page, side),
      bars,
      phoneNav(side),
      refused.element,
      pasteNotice.element,
    ),
  )

  // Asked while the text loads: the panels need it, and the answer is small.
  const conferenceAsked = api.conference()
  conferenceAsked.catch(() => undefined) // awaited below, where a failure is reported
  await new Promise<void>((synced) => {
    if (live.synced) return synced()
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      live.off('sync', onSync)
      synced()
    }
    live.on('sync', onSync)
  })
  // What an earlier tab typed and the server never stored: sent now, as if just typed.
  unsaved.replay()

  const access = () => bodyAccess(me.role, stageOf(doc))
  const mount = h('div', { class: 'declaration' })
  page.replaceChildren(mount)
  const notesMarked = noteSource()
  const oral = new OralProposals(doc, me, () => stageOf(doc))
  const editor = new Editor({
    element: mount,
    extensions: [
      PasteReport.configure({ report: (message) => pasteNotice.show(message) }),
      ThreadHighlights.configure({ ranges: () => openThreadRanges(doc) }),
      NoteMarkers.configure({ noted: () => notesMarked.noted() }),
      FloorMarker.configure({ floor: () => floorTarget(doc) }),
      ...editorExtensions(
        doc,
        live,
        { participant: me.participant, name: me.name, delegationName: me.delegationName, color: me.colour },
        {
          access,
          author: oral.author,
          report: (message) => pasteNotice.show(message),
        },
      ),
    ],
    editable: access() !== 'read',
    editorProps: {
      attributes: { class: 'declaration-text', 'aria-label': t('app.text'), spellcheck: 'true' },
    },
  })
  // After the Yjs transaction, and only when it changes: a view update while a transaction's observers run (the
  // workflow's before the body's) would have the binding write the editor's stale text back to Yjs.
  doc.getMap(WORKFLOW).observe(() =>
    queueMicrotask(() => {
      const editable = access() !== 'read'
      if (!editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable)
    }),
  )
  bars.append(floorBar({ editor, doc, me, document: summary.id, stage: () => stageOf(doc) }))
  side.append(
    speakersPanel({ editor, doc, me, document: summary.id, delegations, stage: () => stageOf(doc), oral }),
  )
  if (me.screen) {
    // The room's screen: the floor, its proposals and the speakers, nothing else. It is not a participant to the
    // others — no name among those present, no caret — so it publishes no presence.
    live.awareness.setLocalState(null)
    projectorMode({
      page: root.querySelector('.document-page')!,
      side,
      editor,
      doc,
      delegations,
      support: () => supportOf(doc.getMap(WORKFLOW).get(SUPPORT)),
    })
    editorReady(editor)
    const opened = { editor, doc, provider: live, unsaved }
    onOpen(opened)
    return opened
  }
  watchCaretActivity(live)
  warnOnAgreedParagraphs(editor, access, (message) => pasteNotice.show(message))
  currentEditor = editor
  editorReady(editor)
  await showRefusedChanges(refused, owner, editor, me, refusal)
  const conference = await conferenceAsked
  offerLanguages(picker, conference?.languages)
  side.append(
    consensusPanel({
      editor,
      doc,
      me,
      document: summary.id,
      delegations,
      hostTimeZone: conference?.hostTimeZone ?? 'UTC',
      title: summary.title,
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
      lastDecision: () => doc.getMap(WORKFLOW).get('lastDecision') as LastDecision | undefined,
      support: () => supportOf(doc.getMap(WORKFLOW).get(SUPPORT)),
      hostTimeZone: conference?.hostTimeZone ?? 'UTC',
    }),
  )
  const threads = threadsPanel({
    observersMayComment: conference?.observersMayComment ?? false,
    hostTimeZone: conference?.hostTimeZone ?? 'UTC',
    editor,
    doc,
    me,
    document: summary.id,
    delegations,
    stage: () => stageOf(doc),
    onStageChange: (listener) => doc.getMap(WORKFLOW).observe(listener),
  })
  side.append(threads.element)
  commentFromSelection(editor, threads)
  doc.getMap(THREADS).observe(() => editor.view.dispatch(editor.state.tr.setMeta(THREADS_CHANGED, true)))
  hoverCards({
    editor,
    doc,
    me,
    document: summary.id,
    names: new Map(delegations.map((d) => [d.id, d.name])),
    participants: participantsDirectory(),
    hostTimeZone: conference?.hostTimeZone ?? 'UTC',
    stage: () => stageOf(doc),
    openThread: (id) => {
      const item = side.querySelector<HTMLElement>(`li[data-thread="${CSS.escape(id)}"]`)
      item?.scrollIntoView({ block: 'center' })
      item?.focus()
    },
  })
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
  side.append(
    compilationPanel({
      doc,
      document: summary.id,
      delegations,
      hostTimeZone: conference?.hostTimeZone ?? 'UTC',
    }),
  )
  side.append(revisionsPanel(doc, me, summary.id, () => stageOf(doc), conference?.hostTimeZone ?? 'UTC'))
  // Private notes come over their own connection; the page works without them if they cannot be opened.
  notesPanel(editor, me, summary.id, notesMarked).then(
    (panel) => side.append(panel),
    () => undefined,
  )
  const opened = { editor, doc, provider: live, unsaved }
  onOpen(opened)
  return opened
}

/**
 * Fills the "Not accepted" panel: refusals kept on this device from earlier, and — after a refusal just now —
 * every paragraph whose words on this tab differ from the server's, kept on the device before anything else.
 */
async function showRefusedChanges(
  panel: ReturnType<typeof refusedPanel>,
  owner: string,
  editor: Editor,
  me: Me,
  refusal: Refusal | undefined,
): Promise<void> {
  const earlier = await deviceStore.refused(owner).catch(() => [] as RefusedChange[])
  const now: RefusedChange[] = []
  if (refusal) {
    const server = paragraphVersions(editor.state, me.delegation)
    const stamp = Date.now()
    differingParagraphs(refusal.mine, server).forEach((version, i) =>
      now.push({
        owner,
        seq: stamp + i,
        reason: refusal.reason,
        paragraph: version.id,
        label: version.label,
        text: version.text,
        ...(server.has(version.id) ? {} : { after: version.after ?? '' }),
      }),
    )
    await deviceStore.keepRefused(now).catch(() => undefined)
  }
  panel.show([...earlier, ...now])
}

/** A line under the banner that says something for a while (what a paste could not keep). */
function transientNotice(testId: string): { element: HTMLElement; show: (message: string) => void } {
  const element = h('div', { class: 'transient-notice', attrs: { role: 'status', 'data-testid': testId } })
  element.hidden = true
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    element,
    show(message) {
      element.textContent = message
      element.hidden = false
      clearTimeout(timer)
      timer = setTimeout(() => (element.hidden = true), 15_000)
    },
  }
}

/** Where the open, attached threads are, for the highlights. */
/** The paragraph on the floor, and where its words on the floor are now. */
function floorTarget(doc: Y.Doc): FloorTarget | null {
  const floor = floorOf(doc)
  if (!floor) return null
  const at = floor.words ? anchorOffsets(doc, floor.words.anchor) : null
  const words =
    at && at.startBlock === floor.paragraph && at.endBlock === floor.paragraph
      ? { startOffset: at.startOffset, endOffset: at.endOffset }
      : null
  return { paragraph: floor.paragraph, words }
}

function openThreadRanges(doc: Y.Doc): ThreadRange[] {
  const ranges: ThreadRange[] = []
  for (const thread of doc.getMap<Thread>(THREADS).values()) {
    if (thread.status !== 'open') continue
    const at = anchorOffsets(doc, thread.anchor)
    if (at) ranges.push({ id: thread.id, ...at })
  }
  return ranges
}

/**
 * The list of participants, for naming who proposed what: asked once, and again (at most every 30 s) when a
 * name is missing — someone admitted since.
 */
function participantsDirectory(): () => ReadonlyMap<string, ListedParticipant> {
  let known = new Map<string, ListedParticipant>()
  let askedAt = 0
  const ask = () => {
    askedAt = Date.now()
    api.participants().then(
      (list) => (known = new Map(list.map((p) => [p.id, p]))),
      () => undefined,
    )
  }
  ask()
  return () => {
    if (Date.now() - askedAt > 30_000) ask()
    return known
  }
}
