/**
 * @module Accord beside the reference Yjs servers, in one run on one machine: Accord as shipped (every update
 * checked, SQLite storage with `synchronous = FULL`), the reference y-websocket server, Hocuspocus and a raw `ws`
 * relay with no Yjs. Each server runs alone, pinned to core 0; this load generator is pinned to core 1.
 *
 *   (a) 200 clients, 10 writers, rising rates: each server's knee (p99 to every receiver < 250 ms, none lost)
 *   (b) 500 clients, 10 writers at 10/s each      (c) 1,000 clients, 25 writers at 10/s each
 *   (d) cold load of a 200-page text (from storage for Accord, and from memory for all)
 *   (e) memory: per open document and per connection
 *
 * Run: `npm run bench:peers` (about 10 minutes; Markdown on stdout). `BENCH_SERVERS=accord,hocuspocus` and
 * `BENCH_RATES=…` narrow a run.
 */
import { cpus, totalmem } from 'node:os'
import type { WebSocket } from 'ws'
import { coldLoad, upload } from './load/cold-load.js'
import { largeTextState } from './load/large-text.js'
import { openMany, percentile, pinSelf, runLoad, sleep, type LoadResult } from './load/relay-load.js'
import { packageVersion as version } from './load/versions.js'
import { accordWire, hocuspocusWire, rawWire, yWebsocketWire, type Wire } from './load/wire.js'
import { launch, type ServerKind, type ServerUnderTest } from './servers/launch.js'

const SERVERS = (process.env.BENCH_SERVERS ?? 'accord,y-websocket,hocuspocus,raw').split(',') as ServerKind[]
const RATES = (process.env.BENCH_RATES ?? '250,500,1000,2000,3000,4000,5000,6000,7000,8000,9000')
  .split(',')
  .map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
/** Which scenarios to run, e.g. `BENCH_SCENARIOS=d` for the cold loads only (all by default). */
const SCENARIOS = process.env.BENCH_SCENARIOS ?? 'abcde'
const KNEE_P99_MS = 250
const DOCUMENT = 'closing-statement'
const NAMES: Record<ServerKind, string> = {
  accord: 'Accord',
  'y-websocket': 'y-websocket server',
  hocuspocus: 'Hocuspocus',
  raw: 'raw ws relay',
}

interface Setup {
  writerWire: Wire
  receiverWire: Wire
  writers: { participant: string; delegation: string }[]
}

/** The wires and writer identities for a server (Accord: drafters, who may suggest). */
function setup(server: ServerUnderTest, writers: number, document = DOCUMENT): Setup {
  if (server.kind === 'accord') {
    const drafters = server.invites.filter((i) => i.role === 'drafter')
    const chosen = Array.from({ length: writers }, (_, i) => drafters[i % drafters.length]!)
    return {
      writerWire: accordWire(
        server.url,
        document,
        chosen.map((d) => d.token),
      ),
      receiverWire: accordWire(
        server.url,
        document,
        server.invites.map((i) => i.token),
      ),
      writers: chosen,
    }
  }
  const wire = { 'y-websocket': yWebsocketWire, hocuspocus: hocuspocusWire, raw: rawWire }[server.kind](
    server.url,
    document,
  )
  return {
    writerWire: wire,
    receiverWire: wire,
    writers: Array.from({ length: writers }, (_, i) => ({ participant: `w${i}`, delegation: `d${i}` })),
  }
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const holds = (r: LoadResult) => r.lost === 0 && r.p99 < KNEE_P99_MS

interface Measured extends LoadResult {
  cpuPercent: number
  peakRssMiB: number
}

/** Runs a load and reads the server's CPU use over it (CPU seconds ÷ wall seconds; 100 % = one core). */
async function measure(server: ServerUnderTest, run: () => Promise<LoadResult>) {
  const cpuBefore = server.cpuSeconds()
  const wallBefore = performance.now()
  const result = await run()
  const cpuPercent = ((server.cpuSeconds() - cpuBefore) / ((performance.now() - wallBefore) / 1000)) * 100
  return { ...result, cpuPercent, peakRssMiB: server.peakRssMiB() } satisfies Measured
}

async function knee(kind: ServerKind) {
  const server = await launch(kind)
  const rows: { rate: number; result: Measured }[] = []
  try {
    const s = setup(server, 10)
    // Warm-up (not reported): the same load at a low rate, so every server is measured with its JIT warm.
    await runLoad({ ...s, receivers: 190, rate: 200, seconds: 2 })
    for (const rate of RATES) {
      const result = await measure(server, () => runLoad({ ...s, receivers: 190, rate, seconds: SECONDS }))
      rows.push({ rate, result })
      process.stderr.write(
        `${kind} ${rate}/s: p99 ${fmt(result.p99)} ms, lost ${result.lost}, ${fmt(result.messagesPerReceiverPerSecond)} messages per receiver per s, CPU ${fmt(result.cpuPercent)} %\n`,
      )
      if (!holds(result)) break
      await sleep(500)
    }
  } finally {
    await server.stop()
  }
  const passing = rows.filter((r) => holds(r.result))
  return { kind, rows, knee: passing.at(-1)?.result.perSecond ?? 0 }
}

async function steady(kind: ServerKind, clients: number, writers: number, perWriter: number) {
  const server = await launch(kind)
  try {
    const s = setup(server, writers)
    await runLoad({ ...s, receivers: clients - writers, rate: 100, seconds: 2 })
    const seconds = 10
    return await measure(server, () =>
      runLoad({ ...s, receivers: clients - writers, rate: writers * perWriter, seconds }),
    )
  } finally {
    await server.stop()
  }
}

async function coldLoads(kind: ServerKind, state: Uint8Array) {
  const server = await launch(kind, { largeDocument: true })
  const { receiverWire } = setup(server, 1, 'large-text')
  /** p50 of the time to receive and the time to have applied the whole text, over n fresh clients. */
  const samples = async (n: number) => {
    const applied: number[] = []
    const received: number[] = []
    for (let i = 0; i < n; i++) {
      const load = await coldLoad(receiverWire)
      applied.push(load.ms)
      received.push(load.received)
      await sleep(kind === 'accord' ? 400 : 50) // Accord: let the document unload (stored, compacted)
    }
    const p50 = (xs: number[]) =>
      percentile(
        xs.sort((a, b) => a - b),
        50,
      )
    return { received: p50(received), applied: p50(applied) }
  }
  try {
    let holder: WebSocket | null = null
    let fromStorage = { received: NaN, applied: NaN }
    if (kind === 'accord') {
      fromStorage = await samples(15)
      holder = await receiverWire.open()
    } else {
      holder = await upload(receiverWire, state)
    }
    await sleep(500)
    const bytes = (await coldLoad(receiverWire)).bytes
    const fromMemory = await samples(15)
    holder.terminate()
    return { kind, bytes, fromStorage, fromMemory, ...(await memory(kind, state)) }
  } finally {
    await server.stop()
  }
}

/**
 * (e) In a server of its own (the cold loads above churn through fifteen copies of the text, which says more
 * about the garbage collector than about what serving the text costs): resident size before, with the text
 * open, and with 200 clients on it.
 */
async function memory(kind: ServerKind, state: Uint8Array) {
  const server = await launch(kind, { largeDocument: true })
  const { receiverWire } = setup(server, 1, 'large-text')
  try {
    await sleep(500)
    const baseline = server.rssMiB()
    // Accord opens the text from storage for its first client; the peers are sent it. Then one client loads it
    // in full, as every delegate does.
    const holder = kind === 'accord' ? await receiverWire.open() : await upload(receiverWire, state)
    await coldLoad(receiverWire)
    await sleep(1000)
    const withDocument = server.rssMiB()
    const clients = await openMany(receiverWire, 199)
    await sleep(1000)
    const with200 = server.rssMiB()
    for (const ws of [holder, ...clients]) ws.terminate()
    return {
      baselineMiB: baseline,
      documentMiB: withDocument - baseline,
      perConnectionKiB: ((with200 - withDocument) * 1024) / 199,
      with200MiB: with200,
    }
  } finally {
    await server.stop()
  }
}

async function main() {
  const pinned = pinSelf(1)
  const started = Date.now()
  const out: string[] = []
  const print = (line = '') => {
    out.push(line)
    console.log(line)
  }
  print(`## Accord beside the reference servers — ${new Date().toISOString().slice(0, 10)}\n`)
  print(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ` +
      `yjs ${version('yjs')}, @y/websocket-server ${version('@y/websocket-server')}, @hocuspocus/server ${version('@hocuspocus/server')}, ws ${version('ws')}. ` +
      `Servers ${pinned ? 'pinned to core 0, load generator to core 1' : 'not pinned (no taskset)'}. ` +
      `Command: \`npm run bench:peers\`. Accord as shipped: checks on, SQLite (WAL, synchronous = FULL).\n`,
  )

  if (SCENARIOS.includes('a')) await scenarioA(print)
  for (const [scenario, label, clients, writers] of [
    ['b', '(b) 500 clients, 10 writers at 10/s each', 500, 10],
    ['c', '(c) 1,000 clients, 25 writers at 10/s each', 1000, 25],
  ] as const) {
    if (!SCENARIOS.includes(scenario)) continue
    print(`\n### ${label} (10 s)\n`)
    print(
      '| server | delivered/s | p50 ms | p95 ms | p99 ms | max ms | lost | server CPU | peak RSS | p99 ÷ Accord |',
    )
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    const results: Record<string, Measured> = {}
    for (const kind of SERVERS) {
      const r = (results[kind] = await steady(kind, clients, writers, 10))
      print(
        `| ${NAMES[kind]} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${r.lost} | ${fmt(r.cpuPercent)} % | ${fmt(r.peakRssMiB)} MiB | ${kind === 'accord' || !results.accord ? '' : fmt(r.p99 / results.accord.p99, 2)} |`,
      )
    }
  }
  if (SCENARIOS.includes('d') || SCENARIOS.includes('e')) await scenarioDE(print)
  print(`\nTotal time: ${fmt((Date.now() - started) / 60_000, 1)} min.`)
}

async function scenarioA(print: (line?: string) => void) {
  print(`### (a) 200 clients, 10 writers, rising rates (${SECONDS} s each): the knee\n`)
  print(
    '| server | offered/s | delivered/s | p50 ms | p95 ms | p99 ms | max ms | lost | server CPU | peak RSS |',
  )
  print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  const knees: Record<string, number> = {}
  for (const kind of SERVERS) {
    const { rows, knee: k } = await knee(kind)
    knees[kind] = k
    for (const { rate, result: r } of rows)
      print(
        `| ${NAMES[kind]} | ${rate} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${r.lost} | ${fmt(r.cpuPercent)} % | ${fmt(r.peakRssMiB)} MiB |`,
      )
  }
  print(
    '\n| server | knee (updates/s delivered to all 190 receivers, p99 < 250 ms, none lost) | Accord ÷ server |',
  )
  print('|---|---:|---:|')
  for (const kind of SERVERS)
    print(
      `| ${NAMES[kind]} | ${fmt(knees[kind]!)} | ${kind === 'accord' ? '' : fmt((knees.accord ?? NaN) / knees[kind]!, 2)} |`,
    )
}

async function scenarioDE(print: (line?: string) => void) {
  const state = largeTextState()
  print(`\n### (d) cold load of the 200-page text and (e) memory\n`)
  print(
    `The text: 2,000 paragraphs after the demo declaration, 4,000 bold or italic ranges and 1,000 pending ` +
      `suggestions; Yjs state ${fmt(state.length / 1024)} KiB. Fifteen fresh clients each, one after the other; p50 of ` +
      `the time from opening the connection until the whole state has arrived, and (in brackets) until the client ` +
      `has applied it — the latter is mostly the client's own Yjs work, the same for every server. Memory: resident ` +
      `size, in a fresh server of its own, before the text is opened, with the text open minus before, per extra ` +
      `connection (199 more clients on the text), and in all with the text and 200 clients.\n`,
  )
  print(
    '| server | cold load from storage | from memory | RSS idle | the text in memory | per connection | RSS, the text and 200 clients |',
  )
  print('|---|---:|---:|---:|---:|---:|---:|')
  for (const kind of SERVERS.filter((k) => k !== 'raw')) {
    const r = await coldLoads(kind, state)
    print(
      `| ${NAMES[kind]} | ${kind === 'accord' ? `${fmt(r.fromStorage.received, 1)} ms (${fmt(r.fromStorage.applied, 1)})` : 'no storage'} | ${fmt(r.fromMemory.received, 1)} ms (${fmt(r.fromMemory.applied, 1)}) | ${fmt(r.baselineMiB)} MiB | ${fmt(r.documentMiB, 1)} MiB | ${fmt(r.perConnectionKiB)} KiB | ${fmt(r.with200MiB)} MiB |`,
    )
  }
}

await main()
process.exit(0)
