/**
 * Stock y-websocket clients (`WebsocketProvider`, unmodified) connected to a running Accord, as any
 * third-party tool would connect: ticket from the API with a bearer token, then the standard protocol.
 */
import { createHash } from 'node:crypto'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { BODY } from '../../workflows/document/format.js'
import { SuggestionWriter } from '../../workflows/suggestions/writer.js'

export const DOCUMENT = 'closing-statement'

// Each stock provider registers a process 'exit' listener; tests open dozens.
process.setMaxListeners(100)

export async function ticketFor(baseUrl: string, token: string, document = DOCUMENT): Promise<string> {
  const response = await fetch(`${baseUrl}/api/documents/${document}/ticket`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  })
  if (!response.ok) throw new Error(`ticket refused: ${response.status}`)
  return ((await response.json()) as { ticket: string }).ticket
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
  destroy(): void
}

export function connectWithTicket(baseUrl: string, ticket: string, document = DOCUMENT): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', document, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { ticket },
    disableBc: true,
    maxBackoffTime: 60_000,
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
    // Tickets are single-use: a stock client must not retry with a spent one in these tests.
    provider.shouldConnect = false
  })
  return {
    doc,
    provider,
    closes,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export async function connect(baseUrl: string, token: string, document = DOCUMENT): Promise<Client> {
  const client = connectWithTicket(baseUrl, await ticketFor(baseUrl, token, document), document)
  await until(() => client.provider.synced, 'client synced')
  return client
}

/** The plain text of each top-level node of the body (titles and paragraphs). */
export function blocksOf(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(BODY)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? plainText(t) : ''))
            .join('')
        : '',
    )
}

/** Inserts text into the paragraph with the given id, at a character offset, with optional marks. */
export function typeIntoParagraph(
  doc: Y.Doc,
  paragraphId: string,
  text: string,
  at = 0,
  marks?: Record<string, unknown>,
): void {
  const paragraph = doc
    .getXmlFragment(BODY)
    .toArray()
    .find((node) => node instanceof Y.XmlElement && node.getAttribute('id') === paragraphId) as
    Y.XmlElement | undefined
  if (!paragraph) throw new Error(`no paragraph ${paragraphId}`)
  const textNode = paragraph.toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText
  textNode.insert(at, text, marks ?? {})
}

export interface Attribution {
  delegation: string
  participant: string
}

let suggestionCounter = 0

/**
 * The attributes of a suggestion mark as the editor writes them: overlapping marks are keyed
 * `insertion--<8 characters>` by the Yjs binding (here derived from the suggestion id).
 */
export function suggestionMark(
  kind: 'insertion' | 'deletion',
  by: Attribution,
  id = `s${++suggestionCounter}`,
  /** For a deletion over other delegations' proposed words: their suggestion ids, which the deleter saw. */
  covers?: string[],
) {
  return {
    [suggestionKey(kind, id)]: {
      id,
      delegation: by.delegation,
      participant: by.participant,
      at: '2022-12-03T09:00:00.000Z',
      ...(covers ? { covers } : {}),
    },
  }
}

export function suggestionKey(kind: 'insertion' | 'deletion', id: string): string {
  return `${kind}--${createHash('sha256').update(id).digest('base64').slice(0, 8)}`
}

/** Proposes an insertion, as a suggestion-only participant must. */
export function suggestInsertion(
  doc: Y.Doc,
  paragraphId: string,
  text: string,
  by: Attribution,
  at = 0,
): void {
  typeIntoParagraph(doc, paragraphId, text, at, suggestionMark('insertion', by))
}

/** The XmlText of a paragraph (for tests that format or delete directly). */
export function paragraphXmlText(doc: Y.Doc, paragraphId: string): Y.XmlText {
  const paragraph = doc
    .getXmlFragment(BODY)
    .toArray()
    .find((node) => node instanceof Y.XmlElement && node.getAttribute('id') === paragraphId) as Y.XmlElement
  return paragraph.toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText
}

export function paragraphText(doc: Y.Doc, paragraphId: string): string {
  const paragraph = doc
    .getXmlFragment(BODY)
    .toArray()
    .find((node) => node instanceof Y.XmlElement && node.getAttribute('id') === paragraphId) as
    Y.XmlElement | undefined
  if (!paragraph) throw new Error(`no paragraph ${paragraphId}`)
  return paragraph
    .toArray()
    .map((t) => (t instanceof Y.XmlText ? plainText(t) : ''))
    .join('')
}

/** The characters of an XmlText, without its formatting. */
export function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')
}

export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Builds a proposed paragraph as the editor does: the proposal attribute and words marked with the same id. */
export function proposedParagraph(
  id: string,
  suggestion: string,
  by: { delegation: string; participant: string },
  words: string,
  extra: Record<string, unknown> = {},
) {
  const paragraph = new Y.XmlElement('paragraph')
  const proposal = {
    id: suggestion,
    kind: 'insertion',
    delegation: by.delegation,
    participant: by.participant,
    at: '2022-12-03T09:00:00Z',
  }
  paragraph.setAttribute('id', id)
  paragraph.setAttribute('kind', 'operative')
  paragraph.setAttribute('status', 'open')
  paragraph.setAttribute('proposal', proposal as unknown as string)
  // A hostile client's additions or replacements (tests of the document format).
  for (const [key, value] of Object.entries(extra)) paragraph.setAttribute(key, value as string)
  const text = new Y.XmlText()
  text.insert(0, words, suggestionMark('insertion', by, suggestion))
  paragraph.insert(0, [text])
  return paragraph
}

/**
 * Proposes `words` at `offset` of a paragraph, as a suggestion with the given id: written by `participant` for
 * `delegation` (its own, or — the secretariat typing an oral proposal — the speaker's), the way an editor would.
 */
export function proposeWords(
  client: Client,
  proposal: {
    delegation: string
    participant: string
    id: string
    paragraph: string
    words: string
    offset?: number
  },
): void {
  const writer = new SuggestionWriter({
    author: { delegation: proposal.delegation, participant: proposal.participant },
    newId: () => proposal.id,
    newParagraphId: () => 'p-new',
    now: () => new Date().toISOString(),
  })
  const text = paragraphXmlText(client.doc, proposal.paragraph)
  const at = proposal.offset ?? 0
  client.doc.transact(() => writer.replace(text, at, at, [{ text: proposal.words, attributes: {} }]))
}
