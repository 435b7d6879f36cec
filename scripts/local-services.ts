/**
 * @module Real PostgreSQL and Redis servers on loopback, from Debian's packages, each in a temporary
 * directory and on a free port: for the tests, the benchmarks and `npm run services` (a cluster to try by
 * hand). Nothing here is mocked; when a server is not installed the error says which package to install.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface LocalService {
  url: string
  port: number
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>
}

export interface LocalPostgres extends LocalService {
  /** Creates another empty database on the same server; returns its URL. */
  createDatabase(name: string): Promise<string>
}

export interface LocalRedis extends LocalService {
  /** Kills the server and starts it again on the same port, empty (as a restarted Redis without persistence). */
  restart(): Promise<void>
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions.length === 0)
    throw new Error(`PostgreSQL is not installed (apt-get install postgresql): no ${name}`)
  return join(root, versions[0]!, 'bin', name)
}

/** PostgreSQL refuses to run as root; as root, its programs run as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
}

/** Starts a throwaway PostgreSQL cluster with one database, `accord`. */
export async function startPostgres(): Promise<LocalPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-pg-'))
  const data = join(dir, 'data')
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString())
    const [uid, gid] = [id('-u'), id('-g')]
    chownSync(dir, uid, gid)
  }
  chmodSync(dir, 0o700)
  const port = await freePort()
  const run = (name: string, args: string[]) => {
    const [command, fullArgs] = asPostgresUser(postgresBin(name), args)
    execFileSync(command, fullArgs, { stdio: ['ignore', 'ignore', 'pipe'] })
  }
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale'])
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ])
  const createDatabase = async (name: string) => {
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name])
    return `postgres://postgres@127.0.0.1:${port}/${name}`
  }
  return {
    url: await createDatabase('accord'),
    port,
    createDatabase,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

function redisServerPath(): string {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server'])
    if (existsSync(candidate)) return candidate
  throw new Error('Redis is not installed (apt-get install redis-server): no redis-server')
}

async function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    redisServerPath(),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}:\n${output}`))
    })
  })
  return child
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

/** Starts a Redis server without persistence. */
export async function startRedis(): Promise<LocalRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-redis-'))
  const port = await freePort()
  let child = await spawnRedis(port, dir)
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await stopChild(child, 'SIGKILL')
      child = await spawnRedis(port, dir)
    },
    async stop() {
      await stopChild(child, 'SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
