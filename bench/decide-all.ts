/**
 * @module How long the chair waits for "Accept all" of one delegation's suggestions, with the room connected.
 * Accord as shipped (SQLite, every update checked) runs pinned to core 0; this process, pinned to core 1, holds
 * BENCH_PARTICIPANTS sockets to the demo declaration (every update the decision makes is relayed to each) and one
 * Yjs client of Osaka's drafter, which proposes BENCH_SUGGESTIONS separate insertions across the text. Then the chair
 * accepts all of Osaka's suggestions in one request; the time is from the request to its answer, which comes once
 * the text, the audit log and its anchor are stored. Run: `npm run bench:decide` (about half a minute).
 */
import type { WebSocket } from 'ws'
import { WebSocket as NodeWebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { BODY } from '../workflows/document/format.js'
import { SuggestionWriter } from '../workflows/suggestions/writer.js'
import { startRoomServer } from './load/accord-server.js'
import { openMany, sleep } from './load/relay-load.js'
import { accordWire } from './load/wire.js'

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 200)
const SUGGESTIONS = Number(process.env.BENCH_SUGGESTIONS ?? 200)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const DOCUMENT = 'closing-statement'
const CHAIR = 'ho-chi-minh-city-chair'

async function main(): Promise<void> {
  const { server, stop } = await startRoomServer('decide', PARTICIPANTS)
  let sockets: WebSocket[] = []
  try {
    const invitations = server.invitations()
    const token = (participant: string) => invitations.find((i) => i.participant === participant)!.token
    const api = (participant: string, path: string, body?: unknown) =>
      fetch(`${server.url}/api/documents/${DOCUMENT}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      })
    if (!(await api(CHAIR, '/stage', { stage: 'negotiation' })).ok) throw new Error('stage refused')
    sockets = await openMany(
      accordWire(
        server.url,
        DOCUMENT,
        invitations.map((i) => i.token),
      ),
      PARTICIPANTS,
    )
    const rows: string[][] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const proposed = await propose(server.url, api, round)
      const started = performance.now()
      const answer = await api(CHAIR, '/suggestions/accept', { delegation: 'osaka' })
      const ms = performance.now() - started
      if (!answer.ok) throw new Error(`accept all: ${answer.status} ${await answer.text()}`)
      rows.push([
        String(round),
        String(proposed),
        String(PARTICIPANTS),
        ms.toFixed(0),
        (ms / proposed).toFixed(1),
      ])
    }
    console.log(
      `\nAccept all of one delegation's suggestions (${SUGGESTIONS} each round, ${PARTICIPANTS} sockets)\n`,
    )
    console.log('| round | suggestions | connected | accept all, ms | ms per suggestion |')
    console.log('| ---: | ---: | ---: | ---: | ---: |')
    for (const row of rows) console.log(`| ${row.join(' | ')} |`)
  } finally {
    for (const ws of sockets) ws.terminate()
    await stop()
  }
}

/** Osaka's drafter proposes SUGGESTIONS insertions, round-robin over the paragraphs; resolves once all are pending. */
async function propose(
  url: string,
  api: (participant: string, path: string, body?: unknown) => Promise<Response>,
  round: number,
): Promise<number> {
  const ticket = ((await (await api('osaka-drafter', '/ticket', {})).json()) as { ticket: string }).ticket
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/collab', DOCUMENT, doc, {
    WebSocketPolyfill: NodeWebSocket as unknown as typeof globalThis.WebSocket,
    params: { ticket },
    disableBc: true,
  })
  try {
    while (!provider.synced) await sleep(20)
    const paragraphs = doc
      .getXmlFragment(BODY)
      .toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
    // Each insertion goes before a different word (an insertion next to one's own would extend it, not add one),
    // the later ones in a paragraph first so that the earlier offsets still hold.
    const plans = paragraphs.map((p) => {
      const text = p.toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText
      const plain = (text.toDelta() as { insert: unknown }[])
        .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
        .join('')
      const starts = [...plain.matchAll(/ /g)].map((m) => m.index! + 1).filter((_, k) => k % 2 === 0)
      return { text, starts, offsets: [] as number[] }
    })
    for (let i = 0, placed = 0; placed < SUGGESTIONS && i < SUGGESTIONS * 10; i++) {
      const plan = plans[i % plans.length]!
      const slot = Math.floor(i / plans.length)
      if (slot >= plan.starts.length) continue
      plan.offsets.push(plan.starts[slot]!)
      placed++
    }
    let proposed = 0
    for (const plan of plans)
      for (const offset of [...plan.offsets].sort((a, b) => b - a)) {
        const writer = new SuggestionWriter({
          author: { delegation: 'osaka', participant: 'osaka-drafter' },
          newId: () => `s-${Math.random().toString(36).slice(2, 10)}`,
          newParagraphId: () => 'p-new',
          now: () => new Date().toISOString(),
        })
        doc.transact(() =>
          writer.replace(plan.text, offset, offset, [{ text: `w${round}x${proposed} `, attributes: {} }]),
        )
        proposed++
      }
    for (;;) {
      const { suggestions } = (await (await api(CHAIR, '/suggestions')).json()) as {
        suggestions: { delegation: string }[]
      }
      const pending = suggestions.filter((s) => s.delegation === 'osaka').length
      if (pending >= proposed) return pending
      await sleep(100)
    }
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

await main()
