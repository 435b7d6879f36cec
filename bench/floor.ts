/**
 * @module How fast a floor change reaches the room (issue 19's goal: p95 ≤ 200 ms to 1,000 connected participants).
 * Accord as shipped (SQLite, every update checked) runs pinned to core 0; this process, pinned to core 1, holds
 * 1,000 WebSocket connections to the demo declaration (observers, heads and drafters, each with its own ticket).
 * The chair moves the floor from paragraph to paragraph through the API; for each move, the latency to a participant
 * is from just before the request is sent to the moment the update carrying the new floor arrives on that
 * participant's socket. The server stores the change before it sends it (durable relay), so this is the full path.
 *
 * Receivers do not apply updates (1,000 Y.Docs would make this process the bottleneck): a move is recognised by
 * the bytes of its paragraph id in a relayed update, and consecutive moves go to different paragraphs.
 *
 * Run: `npm run bench:floor` (about a minute). `BENCH_PARTICIPANTS=2000`, `BENCH_MOVES=50` change the scale; it also
 * measures a speaking turn given (the speakers' list), which travels the same way.
 */
import { cpus } from 'node:os'
import type { WebSocket } from 'ws'
import { startRoomServer } from './load/accord-server.js'
import { openMany, percentile, sleep } from './load/relay-load.js'
import { accordWire } from './load/wire.js'

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1000)
const MOVES = Number(process.env.BENCH_MOVES ?? 30)
const DOCUMENT = 'closing-statement'
const CHAIR = 'ho-chi-minh-city-chair'
/** Paragraphs of the demo declaration the chair reads in turn. */
const PARAGRAPHS = ['op-economy', 'op-health', 'op-climate', 'op-urban', 'op-training', 'op-culture']

/** Whether `needle` occurs in `haystack` (a relayed update carries the paragraph id as UTF-8). */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const buffer = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength)
  return buffer.indexOf(needle) !== -1
}

interface Round {
  /** Latency to each participant, ms. */
  latencies: number[]
  /** Participants the change never reached within the wait. */
  missed: number
}

/**
 * One change, sent by `send`, awaited on every socket: the time from just before sending to the arrival of the
 * first message carrying `marker`.
 */
async function round(sockets: WebSocket[], marker: string, send: () => Promise<Response>): Promise<Round> {
  const needle = Buffer.from(marker, 'utf8')
  const arrived: number[] = new Array(sockets.length).fill(-1)
  let waiting = sockets.length
  let done: () => void = () => undefined
  const all = new Promise<void>((resolve) => (done = resolve))
  const listeners = sockets.map((ws, i) => {
    const listener = (data: Buffer) => {
      if (arrived[i] !== -1 || !contains(data, needle)) return
      arrived[i] = performance.now()
      if (--waiting === 0) done()
    }
    ws.on('message', listener)
    return listener
  })
  const start = performance.now()
  const response = await send()
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
  await Promise.race([all, sleep(10_000)])
  sockets.forEach((ws, i) => ws.off('message', listeners[i]!))
  return {
    latencies: arrived.filter((t) => t !== -1).map((t) => t - start),
    missed: arrived.filter((t) => t === -1).length,
  }
}

function row(name: string, rounds: Round[]): string {
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const lasts = rounds.map((r) => Math.max(...r.latencies)).sort((a, b) => a - b)
  const f = (n: number) => n.toFixed(0)
  const missed = rounds.reduce((n, r) => n + r.missed, 0)
  return `| ${name} | ${rounds.length} | ${f(percentile(all, 50))} | ${f(percentile(all, 95))} | ${f(percentile(all, 99))} | ${f(all.at(-1)!)} | ${f(percentile(lasts, 50))} | ${f(percentile(lasts, 95))} | ${missed} |`
}

async function main(): Promise<void> {
  const { server, stop, pinned } = await startRoomServer('floor', PARTICIPANTS)
  let sockets: WebSocket[] = []
  try {
    const invitations = server.invitations()
    const token = (participant: string) => invitations.find((i) => i.participant === participant)!.token
    const api = (participant: string, path: string, method = 'POST', body: unknown = {}) =>
      fetch(`${server.url}/api/documents/${DOCUMENT}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
        body: method === 'DELETE' ? null : JSON.stringify(body),
      })
    const staged = await api(CHAIR, '/stage', 'POST', { stage: 'negotiation' })
    if (!staged.ok) throw new Error(`stage: ${staged.status}`)

    const opening = performance.now()
    sockets = await openMany(
      accordWire(
        server.url,
        DOCUMENT,
        invitations.map((i) => i.token),
      ),
      PARTICIPANTS,
    )
    // Each socket has its sync answer (the whole text) before the first move.
    await sleep(2000)
    const openedIn = performance.now() - opening

    const moves: Round[] = []
    for (let i = 0; i < MOVES; i++) {
      const paragraph = PARAGRAPHS[i % PARAGRAPHS.length]!
      moves.push(await round(sockets, paragraph, () => api(CHAIR, '/floor', 'POST', { paragraph })))
      await sleep(150)
    }

    // Speaking turns: a delegation asks for the floor, then (once its request has reached everyone) the chair gives
    // it; the turn is recognised by the speaking delegation's id, which the next update about the list carries.
    const heads = invitations.filter((i) => i.role === 'head')
    const turns: Round[] = []
    for (let i = 0; i < Math.min(MOVES, heads.length); i++) {
      const asked = await api(heads[i]!.participant, '/speakers')
      if (!asked.ok) throw new Error(`request: ${asked.status}`)
      await sleep(300)
      const give = () => api(CHAIR, '/speakers/turn', 'POST', { seconds: 120 })
      turns.push(await round(sockets, heads[i]!.delegation, give))
      await sleep(150)
    }

    const cpu = cpus()[0]?.model ?? 'unknown CPU'
    console.log(
      `\nFloor changes to ${PARTICIPANTS} connected participants (Accord pinned to core 0${pinned ? ', load on core 1' : ''}; ${cpu}; connections opened in ${(openedIn / 1000).toFixed(1)} s)\n`,
    )
    console.log(
      '| change | rounds | p50 ms | p95 ms | p99 ms | max ms | last participant p50 ms | last participant p95 ms | missed |',
    )
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    console.log(row('the chair moves the floor', moves))
    console.log(row('the chair gives a speaking turn', turns))
    console.log(
      '\nLatency: from just before the chair’s request is sent to the update’s arrival on each participant’s socket (stored first, then sent).',
    )
  } finally {
    for (const ws of sockets) ws.terminate()
    await stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
