/**
 * @module A load generator for one document: W writers send one-character suggestions at a fixed total rate,
 * R receivers count what reaches them. Receivers do not apply updates (or the generator, not the server,
 * would be the bottleneck): they read which writer clocks a relayed update covers — a server may merge many
 * updates into one message — and count each sent update once it has reached every receiver. Latency is from
 * send to arrival at the last receiver; an update that never reaches all of them is lost.
 */
import { execFileSync } from 'node:child_process'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { BODY } from '../../workflows/document/format.js'
import type { Wire } from './wire.js'

export interface Attribution {
  participant: string
  delegation: string
}

export interface LoadOptions {
  /** How writers connect (Accord: as drafters, who may suggest). */
  writerWire: Wire
  receiverWire: Wire
  /** Who each writer is; its suggestions are marked with it (Accord checks that they are the sender's). */
  writers: Attribution[]
  receivers: number
  /** Total updates per second across all writers. */
  rate: number
  seconds: number
}

export interface LoadResult {
  sent: number
  delivered: number
  lost: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  /** Messages each receiver got per second (a server that merges sends fewer, larger ones). */
  messagesPerReceiverPerSecond: number
}

function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  write(e)
  return encoding.toUint8Array(e)
}

/** The update inside a sync message (step 2 or update), or null. */
function updateOf(message: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(message)
  if (decoding.readVarUint(d) !== 0) return null
  const step = decoding.readVarUint(d)
  if (step !== 1 && step !== 2) return null
  return decoding.readVarUint8Array(d)
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Opens connections a few at a time (a thousand at once would measure the accept queue, not the relay). */
export async function openMany(wire: Wire, count: number, batch = 50): Promise<WebSocket[]> {
  const sockets: WebSocket[] = []
  for (let i = 0; i < count; i += batch) {
    sockets.push(
      ...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, () => wire.open()))),
    )
  }
  return sockets
}

/** A writer: synced with the server (when it keeps a document), with one paragraph of its own to type into. */
async function openWriter(wire: Wire, by: Attribution, index: number) {
  const ws = await wire.open()
  const doc = new Y.Doc()
  if (wire.syncs) {
    await new Promise<void>((synced) => {
      const onMessage = (data: Buffer) => {
        const message = wire.unframe(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
        if (!message) return
        const d = decoding.createDecoder(message)
        if (decoding.readVarUint(d) !== 0) return
        const reply = encoding.createEncoder()
        encoding.writeVarUint(reply, 0)
        if (syncProtocol.readSyncMessage(d, reply, doc, 'server') !== 1) return
        // Synced. A writer types into its own paragraph and need not apply the others' changes (applying
        // 10 × the whole rate would make the generator, not the server, the bottleneck).
        ws.off('message', onMessage)
        synced()
      }
      ws.on('message', onMessage)
      ws.send(wire.frame(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc))))
    })
  }
  let pending: Uint8Array | null = null
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'server') pending = u
  })
  const paragraphs = doc
    .getXmlFragment(BODY)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
  let text: Y.XmlText
  if (paragraphs.length > 0) {
    text = paragraphs[index % paragraphs.length]!.toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText
  } else {
    // A server with no declaration: the writer brings a paragraph of its own (sent before the clock starts).
    const paragraph = new Y.XmlElement('paragraph')
    text = new Y.XmlText('')
    paragraph.insert(0, [text])
    doc.getXmlFragment(BODY).push([paragraph])
    ws.send(wire.frame(syncMessage((e) => syncProtocol.writeUpdate(e, pending!))))
  }
  const mark = {
    [`insertion--bench${String(index).padStart(3, '0')}`]: {
      id: `bench-${index}`,
      delegation: by.delegation,
      participant: by.participant,
      at: '2022-12-03T00:00:00Z',
    },
  }
  return {
    ws,
    /** Types one character; returns the clocks the update covers. */
    send(): { client: number; from: number; to: number } {
      const from = Y.getState(doc.store, doc.clientID)
      text.insert(0, 'x', mark)
      ws.send(wire.frame(syncMessage((e) => syncProtocol.writeUpdate(e, pending!))))
      return { client: doc.clientID, from, to: Y.getState(doc.store, doc.clientID) }
    },
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const want = options.receivers
  const sentAt: number[] = []
  const arrivals: number[] = []
  const lastArrival: number[] = []
  /** Per writer client id: clock → index of the sent update that holds it, plus one. */
  const byClock = new Map<number, Int32Array>()
  /** The sent updates a relayed message covers, by its bytes (every receiver of one process gets the same). */
  let covered = new Map<string, number[]>()
  setInterval(() => (covered = new Map()), 1000).unref()

  const coveredBy = (update: Uint8Array): number[] => {
    // The whole update is the key: with several processes, different relays merge different batches, and
    // two of them can share a length and their first bytes (a shorter key once miscounted updates as lost).
    const key = Buffer.from(update.buffer, update.byteOffset, update.length).toString('latin1')
    let indexes = covered.get(key)
    if (indexes) return indexes
    indexes = []
    const { from, to } = Y.parseUpdateMeta(update)
    for (const [client, start] of from) {
      const clocks = byClock.get(client)
      if (!clocks) continue
      const end = Math.min(to.get(client) ?? start, clocks.length)
      let last = -1
      for (let clock = start; clock < end; clock++) {
        const index = clocks[clock]! - 1
        if (index >= 0 && index !== last) indexes.push((last = index))
      }
    }
    covered.set(key, indexes)
    return indexes
  }

  const receivers = await openMany(options.receiverWire, options.receivers)
  let messages = 0
  for (const ws of receivers) {
    ws.on('message', (data: Buffer) => {
      messages += 1
      const message = options.receiverWire.unframe(
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      )
      const update = message && updateOf(message)
      if (!update) return
      const now = performance.now()
      for (const index of coveredBy(update)) {
        arrivals[index] = (arrivals[index] ?? 0) + 1
        lastArrival[index] = now
      }
    })
  }
  const writers = await Promise.all(options.writers.map((by, i) => openWriter(options.writerWire, by, i)))
  await sleep(200)

  const total = Math.round(options.rate * options.seconds)
  const start = performance.now()
  messages = 0
  let sent = 0
  await new Promise<void>((done) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000
      const due = Math.min(total, Math.floor(elapsed * options.rate))
      while (sent < due) {
        const writer = writers[sent % writers.length]!
        const index = sent
        sentAt[index] = performance.now()
        const { client, from, to } = writer.send()
        let clocks = byClock.get(client)
        if (!clocks || clocks.length < to) {
          const grown = new Int32Array(Math.max(to * 2, 1024))
          if (clocks) grown.set(clocks)
          byClock.set(client, (clocks = grown))
        }
        for (let clock = from; clock < to; clock++) clocks[clock] = index + 1
        sent += 1
      }
      if (sent >= total) {
        clearInterval(tick)
        done()
      }
    }, 2)
  })
  // Grace period for the last updates to arrive.
  const graceUntil = performance.now() + 5000
  const complete = () => sentAt.every((_, i) => (arrivals[i] ?? 0) >= want)
  while (performance.now() < graceUntil && !complete()) await sleep(50)

  const latencies: number[] = []
  let lastAt = start
  sentAt.forEach((at, i) => {
    if ((arrivals[i] ?? 0) < want) return
    latencies.push(lastArrival[i]! - at)
    lastAt = Math.max(lastAt, lastArrival[i]!)
  })
  latencies.sort((a, b) => a - b)
  for (const ws of [...receivers, ...writers.map((w) => w.ws)]) ws.terminate()
  return {
    sent,
    delivered: latencies.length,
    lost: sent - latencies.length,
    perSecond: latencies.length / ((lastAt - start) / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    messagesPerReceiverPerSecond: messages / receivers.length / ((lastAt - start) / 1000),
  }
}

/** Pins this process to a core when `taskset` is available (server and generator on separate cores). */
export function pinSelf(core: number): boolean {
  try {
    execFileSync('taskset', ['-cp', String(core), String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
