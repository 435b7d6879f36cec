/**
 * @module The built `accord` command as a child process for benchmarks: start, kill (SIGKILL by default),
 * invitations. `ACCORD_BENCH_NODE_ARGS` passes flags to the server's node, e.g. to profile it under load:
 * `ACCORD_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench:hostile` (the profile is written
 * when the server exits on SIGTERM).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Invitation } from '../../server/invites.js'
import { freePort } from '../../scripts/local-services.js'
import { pinSelf } from './relay-load.js'

const CLI = join(import.meta.dirname, '..', '..', 'server', 'cli.js')

export class AccordServer {
  child: ChildProcess | null = null
  constructor(
    readonly port: number,
    readonly dataDir: string,
    /** Extra environment, e.g. `ACCORD_LIMIT_…` overrides. */
    private readonly env: Record<string, string> = {},
    /** Copy the server's log lines to this process's stderr. */
    private readonly debug = false,
    /** Run the server on this core alone (`taskset`), as the benchmarks that measure it do. */
    private readonly core: number | null = null,
  ) {}
  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }
  async start(): Promise<void> {
    const nodeArgs = (process.env.ACCORD_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
    const argv = [
      process.execPath,
      ...nodeArgs,
      CLI,
      'serve',
      '--port',
      String(this.port),
      '--data',
      this.dataDir,
    ]
    const pinned = this.core !== null ? ['taskset', '-c', String(this.core)] : []
    const [command, ...args] = [...pinned, ...argv]
    const child = spawn(command!, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    })
    if (this.debug) child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    else child.stderr!.resume()
    await new Promise<void>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('ready at')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`accord exited with ${code}`)))
    })
    this.child = child
  }
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill(signal)
    })
    this.child = null
  }

  /** The invitations of the demo conference in the server's data directory. */
  invitations(): Invitation[] {
    return JSON.parse(
      execFileSync(process.execPath, [CLI, 'invites', '--data', this.dataDir, '--json'], {
        encoding: 'utf8',
      }),
    ) as Invitation[]
  }
}

/**
 * Accord for a benchmark of the room: pinned to core 0 (this process to core 1, when `taskset` is there), its own
 * data directory, and limits raised so that `participants` sockets from this one address may connect. `stop()`
 * ends it and removes its data.
 */
export async function startRoomServer(
  name: string,
  participants: number,
): Promise<{ server: AccordServer; pinned: boolean; stop: () => Promise<void> }> {
  const pinned = pinSelf(1)
  const dataDir = mkdtempSync(join(tmpdir(), `accord-bench-${name}-`))
  const server = new AccordServer(
    await freePort(),
    dataDir,
    {
      ACCORD_LIMIT_MAX_TICKETS_PER_PARTICIPANT: '100000',
      ACCORD_LIMIT_MAX_CONNECTIONS_PER_ADDRESS: String(participants + 100),
    },
    false,
    pinned ? 0 : null,
  )
  await server.start()
  return {
    server,
    pinned,
    async stop() {
      await server.kill('SIGTERM')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
