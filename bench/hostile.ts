/**
 * @module What one hostile participant costs the honest ones (issue 14). Three runs, each on a fresh server with
 * the demo conference:
 *   quiet      — no hostile traffic;
 *   hostile    — 50 sockets of one drafter each sending an update the server refuses, reconnecting at once, for
 *                the whole run, plus 10 loops of sign-ins with unknown tokens; the server's budgets as shipped;
 *   no budgets — the same attack with the budgets raised out of reach (what Accord did before them).
 * In each, an honest head suggests a word every 50 ms and another head times its arrival: edit → relayed p50/p95.
 * Then the body attacks: five concurrent 50 MiB bodies (declared and streamed) and a drafter's zip bomb, with the
 * server's peak RSS (VmHWM) before and after.
 *
 * Run: `npm run bench:hostile` (about a minute). HOSTILE_EDITS sets the honest edits per run (default 400).
 */
import { execFileSync, fork } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import type * as Y from 'yjs'
import { freePort } from '../scripts/local-services.js'
import { RawClient } from '../test/helpers/raw-client.js'
import { paragraphText, paragraphXmlText, suggestionMark } from '../test/helpers/yjs-clients.js'
import { AccordServer } from './load/accord-server.js'
import { percentile, pinSelf, sleep } from './load/relay-load.js'

const EDITS = Number(process.env.HOSTILE_EDITS ?? 400)
const HOSTILE_SOCKETS = 50
const MiB = 1024 * 1024
const UNBOUNDED = '1000000000'

interface Run {
  name: string
  p50: number
  p95: number
  refused: number
  throttled: number
}

async function withServer<T>(
  env: Record<string, string>,
  work: (server: AccordServer) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-hostile-'))
  const server = new AccordServer(
    await freePort(),
    dataDir,
    { ACCORD_LIMIT_MAX_CONNECTIONS_PER_ADDRESS: '1000', ...env },
    false,
    pinSelf(1) ? 0 : null,
  )
  await server.start()
  try {
    return await work(server)
  } finally {
    await server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** One hostile socket, for as long as `running()`: connect, send a refused update, be closed, again. */
async function hostileLoop(server: AccordServer, token: string, running: () => boolean, counts: Run) {
  while (running()) {
    try {
      const attacker = await RawClient.connect(server.url, token)
      attacker.change((doc) => paragraphXmlText(doc, 'op-thanks').insert(0, 'DIRECT EDIT '))
      await attacker.waitForClose()
      counts.refused += 1
    } catch {
      counts.throttled += 1 // the ticket was refused (429): try again at once, as an attacker would
    }
  }
}

async function badLogins(server: AccordServer, running: () => boolean) {
  for (let i = 0; running(); i++)
    await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: `guess-${i}` }),
    }).catch(() => undefined)
}

/**
 * The attack runs in a process of its own, at the lowest priority on the load generator's core: what is measured
 * is what it costs the server, not what it costs this process's timers.
 */
function startAttack(
  server: AccordServer,
  token: string,
): { stop(): Promise<{ refused: number; throttled: number }> } {
  const attacker = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, HOSTILE_ATTACK_URL: server.url, HOSTILE_ATTACK_TOKEN: token },
  })
  try {
    execFileSync('taskset', ['-cp', '1', String(attacker.pid)], { stdio: 'ignore' })
    execFileSync('renice', ['-n', '19', '-p', String(attacker.pid)], { stdio: 'ignore' })
  } catch {
    // no taskset or renice here: the figures then include the attack's share of this machine
  }
  return {
    stop: () =>
      new Promise((resolve) => {
        attacker.once('message', (counts) => resolve(counts as { refused: number; throttled: number }))
        attacker.send('stop')
      }),
  }
}

/** In the attacker process: 50 hostile sockets and 10 loops of bad sign-ins until told to stop. */
async function attack(url: string, token: string): Promise<void> {
  const server = { url } as AccordServer
  const counts = { refused: 0, throttled: 0 } as Run
  let running = true
  process.once('message', () => (running = false))
  await Promise.all([
    ...Array.from({ length: HOSTILE_SOCKETS }, () => hostileLoop(server, token, () => running, counts)),
    ...Array.from({ length: 10 }, () => badLogins(server, () => running)),
  ])
  process.send!({ refused: counts.refused, throttled: counts.throttled })
  process.exit(0)
}

async function honestLatency(server: AccordServer, name: string, hostile: boolean): Promise<Run> {
  const invites = server.invitations()
  const token = (participant: string) => invites.find((i) => i.participant === participant)!.token
  const run: Run = { name, p50: 0, p95: 0, refused: 0, throttled: 0 }
  const attack = hostile ? startAttack(server, token('osaka-drafter')) : null
  await sleep(hostile ? 2000 : 0) // let the attack reach its stride
  const writer = await RawClient.connect(server.url, token('manila-head'))
  const reader = await RawClient.connect(server.url, token('bangkok-head'))
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  reader.doc.on('update', () => {
    const text = paragraphText(reader.doc, 'op-training')
    for (const [marker, at] of sentAt)
      if (text.includes(marker)) {
        latencies.push(performance.now() - at)
        sentAt.delete(marker)
      }
  })
  const manila = { participant: 'manila-head', delegation: 'manila' }
  for (let i = 0; i < EDITS; i++) {
    const marker = `w${i}z `
    sentAt.set(marker, performance.now())
    writer.change((doc: Y.Doc) =>
      paragraphXmlText(doc, 'op-training').insert(0, marker, suggestionMark('insertion', manila)),
    )
    await sleep(50)
  }
  const deadline = Date.now() + 10_000
  while (sentAt.size > 0 && Date.now() < deadline) await sleep(20)
  Object.assign(run, (await attack?.stop()) ?? {})
  writer.close()
  reader.close()
  if (sentAt.size > 0) throw new Error(`${sentAt.size} honest edits never arrived`)
  latencies.sort((a, b) => a - b)
  return { ...run, p50: percentile(latencies, 50), p95: percentile(latencies, 95) }
}

function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'))!
  return Number(/(\d+)/.exec(line)![1]) / 1024
}

async function bodyAttacks(
  server: AccordServer,
): Promise<{ before: number; after: number; statuses: number[] }> {
  const invites = server.invitations()
  const drafter = invites.find((i) => i.participant === 'osaka-drafter')!.token
  const pid = server.child!.pid!
  const before = peakRssMiB(pid)
  const big = Buffer.alloc(50 * MiB, 0x20)
  const declared = () =>
    fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Uint8Array(big),
    }).then((r) => r.status)
  const streamed = () =>
    fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 50; i++) controller.enqueue(new Uint8Array(MiB))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
      .then((r) => r.status)
      .catch(() => 413) // the server may close the stream it refused mid-way
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
  zip.file('word/document.xml', ' '.repeat(100 * MiB))
  const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
  const statuses = await Promise.all([
    declared(),
    declared(),
    declared(),
    streamed(),
    streamed(),
    fetch(`${server.url}/api/documents/closing-statement/import`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${drafter}`,
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      body: new Uint8Array(bomb),
    }).then((r) => r.status),
  ])
  return { before, after: peakRssMiB(pid), statuses }
}

if (process.env.HOSTILE_ATTACK_URL) {
  await attack(process.env.HOSTILE_ATTACK_URL, process.env.HOSTILE_ATTACK_TOKEN!)
}
const pinned = pinSelf(1)
const runs: Run[] = []
runs.push(await withServer({}, (s) => honestLatency(s, 'quiet', false)))
runs.push(await withServer({}, (s) => honestLatency(s, 'hostile, budgets as shipped', true)))
runs.push(
  await withServer(
    {
      ACCORD_LIMIT_MAX_REFUSED_UPDATES_PER_PARTICIPANT: UNBOUNDED,
      ACCORD_LIMIT_MAX_TICKETS_PER_PARTICIPANT: UNBOUNDED,
      ACCORD_LIMIT_MAX_FAILED_LOGINS_PER_ADDRESS: UNBOUNDED,
    },
    (s) => honestLatency(s, 'hostile, no budgets', true),
  ),
)
const bodies = await withServer({}, bodyAttacks)

const quiet = runs[0]!
console.log(`## One hostile participant beside honest ones (${EDITS} honest edits at 20/s per run)\n`)
console.log(
  pinned
    ? 'Server pinned to core 0; this generator to core 1, the attack beside it at nice 19.\n'
    : 'Not pinned (no taskset): the attack shares the machine with the server.\n',
)
console.log(
  '| run | honest edit → relayed p50 | p95 | p95 ÷ quiet | hostile updates refused | hostile tickets refused (429) |',
)
console.log('|---|---|---|---|---|---|')
for (const r of runs)
  console.log(
    `| ${r.name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${(r.p95 / quiet.p95).toFixed(2)} | ${r.refused} | ${r.throttled} |`,
  )
console.log(`\n## Body attacks: five concurrent 50 MiB bodies and a drafter's 100 MiB zip bomb\n`)
console.log('| peak RSS before | peak RSS after | answers |')
console.log('|---|---|---|')
console.log(
  `| ${bodies.before.toFixed(0)} MiB | ${bodies.after.toFixed(0)} MiB | ${bodies.statuses.join(', ')} |`,
)
