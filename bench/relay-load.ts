/**
 * @module A load generator for one document: W writers send suggestions at a fixed total rate, R receivers
 * count what reaches them. Receivers decode each relayed update's header (client id and clock) without
 * applying it, so the generator is not the bottleneck. Latency is from send to arrival at the last receiver.
 */
import { execFileSync } from 'node:child_process'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { BODY } from '../workflows/document/format.js'

export interface Participant {
  participant: string
  delegation: string
  token: string
}

export interface LoadOptions {
  url: string
  document: string
  writers: Participant[]
  receivers: Participant[]
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
}

async function ticket(url: string, document: string, token: string): Promise<string> {
  const response = await fetch(`${url}/api/documents/${document}/ticket`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  })
  if (!response.ok) throw new Error(`ticket: ${response.status}`)
  return ((await response.json()) as { ticket: string }).ticket
}

function open(url: string, document: string, t: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/collab/${document}?ticket=${t}`)
    ws.binaryType = 'nodebuffer'
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  write(e)
  return encoding.toUint8Array(e)
}

/** Reads a relayed sync update's first struct id: `client:clock`. */
function relayedKey(data: Buffer): string | null {
  const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
  if (decoding.readVarUint(d) !== 0) return null
  const step = decoding.readVarUint(d)
  if (step !== 2 && step !== 1) return null
  const update = decoding.readVarUint8Array(d)
  const { from } = Y.parseUpdateMeta(update)
  for (const [client, clock] of from) return `${client}:${clock}`
  return null
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, document } = options
  const sentAt = new Map<string, number>()
  const arrivals = new Map<string, number>()
  const lastArrival = new Map<string, number>()

  const receivers = await Promise.all(
    options.receivers.map(async (r) => {
      const ws = await open(url, document, await ticket(url, document, r.token))
      ws.on('message', (data: Buffer) => {
        const key = relayedKey(data)
        if (key === null || !sentAt.has(key)) return
        arrivals.set(key, (arrivals.get(key) ?? 0) + 1)
        lastArrival.set(key, performance.now())
      })
      return ws
    }),
  )

  const writers = await Promise.all(
    options.writers.map(async (w, i) => {
      const ws = await open(url, document, await ticket(url, document, w.token))
      const doc = new Y.Doc()
      await new Promise<void>((synced) => {
        ws.on('message', (data: Buffer) => {
          const d = decoding.createDecoder(new Uint8Array(data))
          if (decoding.readVarUint(d) !== 0) return
          const reply = encoding.createEncoder()
          encoding.writeVarUint(reply, 0)
          if (syncProtocol.readSyncMessage(d, reply, doc, 'server') === 1) synced()
        })
        ws.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc)))
      })
      const paragraphs = doc
        .getXmlFragment(BODY)
        .toArray()
        .filter((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
      const paragraph = paragraphs[i % paragraphs.length] as Y.XmlElement
      const text = paragraph.toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText
      const mark = {
        [`insertion--bench${String(i).padStart(3, '0')}`]: {
          id: `bench-${i}`,
          delegation: w.delegation,
          participant: w.participant,
          at: '2022-12-03T00:00:00Z',
        },
      }
      let pending: Uint8Array | null = null
      doc.on('update', (u: Uint8Array, origin: unknown) => {
        if (origin !== 'server') pending = u
      })
      return {
        send() {
          const clock = Y.getState(doc.store, doc.clientID)
          text.insert(0, 'x', mark)
          const key = `${doc.clientID}:${clock}`
          sentAt.set(key, performance.now())
          ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, pending!)))
        },
        ws,
      }
    }),
  )

  const start = performance.now()
  let sent = 0
  await new Promise<void>((done) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000
      const due = Math.min(options.rate * options.seconds, Math.floor(elapsed * options.rate))
      while (sent < due) {
        writers[sent % writers.length]!.send()
        sent += 1
      }
      if (elapsed >= options.seconds) {
        clearInterval(tick)
        done()
      }
    }, 5)
  })
  // Grace period for the last updates to arrive.
  const want = receivers.length
  const graceUntil = performance.now() + 5000
  while (performance.now() < graceUntil && [...sentAt.keys()].some((k) => (arrivals.get(k) ?? 0) < want)) {
    await new Promise((r) => setTimeout(r, 50))
  }
  const latencies: number[] = []
  let delivered = 0
  let lastAt = start
  for (const [key, at] of sentAt) {
    if ((arrivals.get(key) ?? 0) >= want) {
      delivered += 1
      latencies.push(lastArrival.get(key)! - at)
      lastAt = Math.max(lastAt, lastArrival.get(key)!)
    }
  }
  latencies.sort((a, b) => a - b)
  for (const ws of [...receivers, ...writers.map((w) => w.ws)]) ws.terminate()
  return {
    sent,
    delivered,
    lost: sent - delivered,
    perSecond: delivered / ((lastAt - start) / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
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
