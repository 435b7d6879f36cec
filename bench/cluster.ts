/**
 * @module `npm run bench:cluster`: Accord on PostgreSQL and Redis, one process against three, on one document.
 *
 * (1) Editing connections sustained. N connections on the demo declaration, spread evenly over the processes;
 *     as in a drafting session, one in ten is typing at any moment, five keystrokes a second, so the document
 *     takes N × 0.5 updates/s and every update must reach the other 0.9 × N connections. N rises until the
 *     99th-percentile time to reach every receiver passes 250 ms or an update is lost. Single-process Accord on
 *     SQLite (as shipped) is run the same way, for reference.
 * (2) The Redis hop. Two processes, light load (5 writers at 10/s, 50 receivers): receivers on the writers'
 *     process, then receivers on the other process; the difference is what the hop adds (publish after the
 *     store, Redis, apply and relay on the other process).
 *
 * PostgreSQL and Redis are real servers started on loopback for the run (scripts/local-services.ts). On a
 * 2-core machine everything shares the two cores — servers, PostgreSQL, Redis and the load generator — so
 * nothing is pinned here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startPostgres, startRedis } from '../scripts/local-services.js'
import { packageVersion as version } from './load/versions.js'
import { runLoad, sleep, type LoadResult } from './load/relay-load.js'
import { accordWire, type Wire } from './load/wire.js'
import { launch, type ServerUnderTest } from './servers/launch.js'

const ROOT = join(import.meta.dirname, '..', '..')
const DOCUMENT = 'closing-statement'
const P99_LIMIT_MS = 250
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = process.env.BENCH_CONNECTIONS?.split(',').map(Number) ?? [
  100, 200, 400, 600, 800, 1000, 1200, 1500, 2000,
]

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const holds = (r: LoadResult) => r.lost === 0 && r.p99 < P99_LIMIT_MS

/** A wire that opens each new connection on the next process in turn. */
function roundRobin(wires: Wire[]): Wire {
  let next = 0
  return { ...wires[0]!, name: 'Accord ×' + wires.length, open: () => wires[next++ % wires.length]!.open() }
}

function wiresFor(servers: ServerUnderTest[]) {
  const invites = servers[0]!.invites
  const drafters = invites.filter((i) => i.role === 'drafter')
  const everyone = invites.map((i) => i.token)
  return {
    writerWire: (count: number) => {
      const chosen = Array.from({ length: count }, (_, i) => drafters[i % drafters.length]!)
      // Writer i connects as drafter i (its suggestions name that drafter's delegation) to process i mod n.
      const perWriter = chosen.map((d, i) =>
        accordWire(servers[i % servers.length]!.url, DOCUMENT, [d.token]),
      )
      let next = 0
      return { chosen, wire: { ...perWriter[0]!, open: () => perWriter[next++]!.open() } }
    },
    receiverWire: (on: ServerUnderTest[]) => roundRobin(on.map((s) => accordWire(s.url, DOCUMENT, everyone))),
  }
}

async function startCluster(count: number, database?: string, redis?: string): Promise<ServerUnderTest[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-cluster-bench-'))
  const servers: ServerUnderTest[] = []
  // One after the other: the first seeds the demo conference into the database.
  for (let i = 0; i < count; i++)
    servers.push(await launch('accord', { dataDir, databaseUrl: database, redisUrl: redis, pin: false }))
  const stop = servers[0]!.stop
  servers[0]!.stop = async () => {
    await stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return servers
}

interface Row {
  connections: number
  rate: number
  result: LoadResult
  cpuPercent: number
}

async function sweep(servers: ServerUnderTest[], label: string): Promise<Row[]> {
  const wires = wiresFor(servers)
  const rows: Row[] = []
  {
    // Warm-up, not reported.
    const { chosen, wire } = wires.writerWire(10)
    await runLoad({
      writerWire: wire,
      receiverWire: wires.receiverWire(servers),
      writers: chosen,
      receivers: 90,
      rate: 100,
      seconds: 2,
    })
  }
  for (const connections of CONNECTIONS) {
    const writers = connections / 10
    const rate = connections * 0.5
    const { chosen, wire } = wires.writerWire(writers)
    const cpuBefore = servers.reduce((sum, s) => sum + s.cpuSeconds(), 0)
    const wallBefore = performance.now()
    const result = await runLoad({
      writerWire: wire,
      receiverWire: wires.receiverWire(servers),
      writers: chosen,
      receivers: connections - writers,
      rate,
      seconds: SECONDS,
    })
    const cpu = servers.reduce((sum, s) => sum + s.cpuSeconds(), 0) - cpuBefore
    const cpuPercent = (cpu / ((performance.now() - wallBefore) / 1000)) * 100
    rows.push({ connections, rate, result, cpuPercent })
    process.stderr.write(
      `${label}: ${connections} connections: p99 ${fmt(result.p99)} ms, lost ${result.lost}\n`,
    )
    if (!holds(result)) break
    await sleep(1000)
  }
  return rows
}

async function redisHop(servers: ServerUnderTest[]) {
  const [a, b] = servers as [ServerUnderTest, ServerUnderTest]
  const wires = wiresFor([a])
  const run = async (receiversOn: ServerUnderTest) => {
    const { chosen, wire } = wires.writerWire(5)
    return runLoad({
      writerWire: wire,
      receiverWire: wiresFor([receiversOn]).receiverWire([receiversOn]),
      writers: chosen,
      receivers: 50,
      rate: 50,
      seconds: SECONDS,
    })
  }
  await run(a) // warm-up
  await run(b)
  const same = await run(a)
  const other = await run(b)
  return { same, other }
}

async function main() {
  const started = Date.now()
  const out: string[] = []
  const print = (line = '') => {
    out.push(line)
    console.log(line)
  }
  const postgres = await startPostgres()
  const redis = await startRedis()
  const pgVersion = await (async () => {
    const c = new pg.Client(postgres.url)
    await c.connect()
    const v = (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version
    await c.end()
    return v
  })()
  try {
    print(
      `## Accord on PostgreSQL and Redis: one process and three — ${new Date().toISOString().slice(0, 10)}\n`,
    )
    print(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ` +
        `PostgreSQL ${pgVersion}, Redis (Debian's redis-server), pg ${version('pg')}, ioredis ${version('ioredis')}. ` +
        `Servers, PostgreSQL, Redis and the load generator share the two cores (nothing pinned). ` +
        `Command: \`npm run bench:cluster\`. ${SECONDS} s per step.\n`,
    )
    print(
      `### (1) Editing connections on one document, p99 to every receiver under ${P99_LIMIT_MS} ms, none lost\n`,
    )
    print(
      'N connections spread over the processes; one in ten typing at 5 keystrokes/s (N × 0.5 updates/s in all), ' +
        'every update to reach the other 0.9 × N.\n',
    )
    const configurations: { label: string; start: () => Promise<ServerUnderTest[]> }[] = [
      { label: '1 process, SQLite (as shipped)', start: () => startCluster(1) },
      {
        label: '1 process, PostgreSQL',
        start: async () => startCluster(1, await postgres.createDatabase('bench_one')),
      },
      {
        label: '3 processes, PostgreSQL + Redis',
        start: async () => startCluster(3, await postgres.createDatabase('bench_three'), redis.url),
      },
    ]
    const summary: string[] = []
    const only = process.env.BENCH_CONFIGS?.split(',').map(Number) // e.g. BENCH_CONFIGS=3 for the last only
    for (const [i, { label, start }] of configurations.entries()) {
      if (only && !only.includes(i + 1)) continue
      const servers = await start()
      let rows: Row[]
      try {
        rows = await sweep(servers, label)
      } finally {
        for (const s of servers) await s.stop()
      }
      print(`#### ${label}\n`)
      print(
        '| connections | updates/s | delivered/s | p50 ms | p95 ms | p99 ms | max ms | lost | server CPU (all processes) |',
      )
      print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
      for (const { connections, rate, result: r, cpuPercent } of rows)
        print(
          `| ${connections} | ${rate} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${r.lost} | ${fmt(cpuPercent)} % |`,
        )
      const sustained = rows.filter((r) => holds(r.result)).at(-1)
      summary.push(`| ${label} | ${sustained ? sustained.connections : 'fewer than ' + CONNECTIONS[0]} |`)
      print()
    }
    print('#### Sustained (largest N that held)\n')
    print('| configuration | editing connections |')
    print('|---|---:|')
    for (const line of summary) print(line)

    print(`\n### (2) What the Redis hop adds (2 processes, 5 writers at 10/s, 50 receivers)\n`)
    const servers = await startCluster(2, await postgres.createDatabase('bench_hop'), redis.url)
    try {
      const { same, other } = await redisHop(servers)
      print('| receivers on | p50 ms | p95 ms | p99 ms | max ms | lost |')
      print('|---|---:|---:|---:|---:|---:|')
      for (const [label, r] of [
        ["the writers' process", same],
        ['the other process (through Redis)', other],
      ] as const)
        print(
          `| ${label} | ${fmt(r.p50, 1)} | ${fmt(r.p95, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${r.lost} |`,
        )
      print(
        `\nThe hop adds **${fmt(other.p50 - same.p50, 1)} ms at p50** and ${fmt(other.p99 - same.p99, 1)} ms at p99.`,
      )
    } finally {
      for (const s of servers) await s.stop()
    }
    print(`\nTotal time: ${fmt((Date.now() - started) / 60_000, 1)} min.`)
    if (process.env.BENCH_WRITE_RESULTS !== '0')
      writeFileSync(join(ROOT, 'bench', 'CLUSTER-RESULTS.md'), `${out.join('\n')}\n`)
  } finally {
    await redis.stop()
    await postgres.stop()
  }
}

await main()
process.exit(0)
