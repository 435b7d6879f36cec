/**
 * @module Starts a server under test as its own process, pinned to core 0 when `taskset` is available (the
 * load generator pins itself to core 1), and reads its CPU time and peak memory from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Invitation } from '../../server/invites.js'
import { freePort } from '../../scripts/local-services.js'
import { largeTextState } from '../load/large-text.js'

export type ServerKind = 'accord' | 'y-websocket' | 'hocuspocus' | 'raw'

export interface ServerUnderTest {
  kind: ServerKind
  url: string
  pid: number
  pinned: boolean
  /** Accord only: the demo conference's invitations. */
  invites: Invitation[]
  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number
  /** Resident memory now and at its peak, in MiB. */
  rssMiB(): number
  peakRssMiB(): number
  stop(): Promise<void>
}

const ROOT = join(import.meta.dirname, '..', '..', '..')
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

function canPin(): boolean {
  try {
    execFileSync('taskset', ['-c', '0', 'true'])
    return true
  } catch {
    return false
  }
}

function status(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024
}

export interface LaunchOptions {
  /** Accord: also seed the 200-page text as document `large-text`. */
  largeDocument?: boolean
  /** Accord: keep the data directory (to restart on it). */
  dataDir?: string
  /** Accord: `off` only to measure what the checks cost. */
  checks?: 'on' | 'off'
  /** Accord: PostgreSQL storage and the Redis relay between processes (else SQLite, alone). */
  databaseUrl?: string
  redisUrl?: string
  /** Pin to core 0 (default). Several processes sharing two cores are left to the scheduler. */
  pin?: boolean
}

let largeText: string | null = null

/** The 200-page text's state in a file, made once per run, for Accord to seed from. */
function largeTextFile(): string {
  if (!largeText) {
    largeText = join(mkdtempSync(join(tmpdir(), 'accord-large-text-')), 'large-text.bin')
    writeFileSync(largeText, largeTextState())
  }
  return largeText
}

export async function launch(kind: ServerKind, options: LaunchOptions = {}): Promise<ServerUnderTest> {
  const pinned = options.pin !== false && canPin()
  const port = await freePort()
  const node = (script: string, args: string[], env: Record<string, string> = {}) => {
    const argv = [process.execPath, '--max-old-space-size=4096', script, ...args]
    return spawn(pinned ? 'taskset' : argv[0]!, pinned ? ['-c', '0', ...argv] : argv.slice(1), {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'accord-bench-'))
  let child: ChildProcess
  if (kind === 'accord') {
    child = node(
      join(ROOT, 'dist', 'bench', 'bench-server.js'),
      [
        ...['--port', String(port), '--data', dataDir, '--checks', options.checks ?? 'on'],
        ...(options.largeDocument ? ['--large-document', largeTextFile()] : []),
        ...(options.databaseUrl ? ['--database', options.databaseUrl] : []),
        ...(options.redisUrl ? ['--redis', options.redisUrl] : []),
      ],
      // As shipped, except that every load client comes from one address (raise it behind a proxy, too).
      { ACCORD_LIMIT_MAX_CONNECTIONS_PER_ADDRESS: '100000' },
    )
  } else if (kind === 'y-websocket') {
    child = node(join(ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js'), [], {
      HOST: '127.0.0.1',
      PORT: String(port),
    })
  } else {
    const script = kind === 'hocuspocus' ? 'hocuspocus-server.js' : 'raw-relay-server.js'
    child = node(join(ROOT, 'dist', 'bench', 'servers', script), [String(port)])
  }
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      if (/ready at|running at/.test(out)) resolve()
    })
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}: ${out}`)))
  })
  // Under taskset the node process is the child itself (taskset execs it).
  const pid = child.pid!
  const invites =
    kind === 'accord'
      ? (JSON.parse(
          execFileSync(
            process.execPath,
            [
              ...[join(ROOT, 'dist', 'server', 'cli.js'), 'invites', '--data', dataDir, '--json'],
              ...(options.databaseUrl ? ['--database', options.databaseUrl] : []),
            ],
            { encoding: 'utf8' },
          ),
        ) as Invitation[])
      : []
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    pid,
    pinned,
    invites,
    cpuSeconds() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
    },
    rssMiB: () => status(pid, 'VmRSS'),
    peakRssMiB: () => status(pid, 'VmHWM'),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
