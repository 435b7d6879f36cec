/**
 * Starts the built `accord` command as a real child process on a random port with a temporary data
 * directory, the way an operator would. Tests talk to it only over HTTP and WebSocket.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Invitation } from '../../server/invites.js'

export const CLI = join(import.meta.dirname, '../../dist/server/cli.js')

export interface AccordProcess {
  url: string
  port: number
  dataDir: string
  child: ChildProcess
  /** Standard error so far (JSON log lines). */
  stderr(): string
  kill(signal?: NodeJS.Signals): Promise<void>
}

/**
 * The suites that send hundreds of refused updates and bad tokens on purpose (authority, fuzz, hardening) would
 * spend the budgets of server/budgets.ts in seconds: their servers get large ones (`hostile: true`). Every other
 * suite — budgets.test.ts, every browser test — runs with the real limits (honest editors stay far within them).
 */
const HOSTILE_SUITES_BUDGETS = {
  ACCORD_LIMIT_MAX_REFUSED_UPDATES_PER_PARTICIPANT: '1000000',
  ACCORD_LIMIT_MAX_FAILED_LOGINS_PER_ADDRESS: '1000000',
  ACCORD_LIMIT_MAX_TICKETS_PER_PARTICIPANT: '1000000',
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'accord-test-'))
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export async function startAccord(
  options: {
    dataDir?: string
    port?: number
    env?: Record<string, string>
    args?: string[]
    /** A suite that sends refused updates and bad tokens on purpose, by the hundred. */
    hostile?: boolean
  } = {},
): Promise<AccordProcess> {
  const dataDir = options.dataDir ?? tempDataDir()
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', String(options.port ?? 0), '--data', dataDir, ...(options.args ?? [])],
    {
      env: { ...process.env, ...(options.hostile ? HOSTILE_SUITES_BUDGETS : {}), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`accord did not start:\n${stderr}`)), 15_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      // The address it listens on: the public one (--public-url) may be a proxy in front of it.
      const match = /ready at (http:\/\/\S+)|listening on (http:\/\/[^\s)]+)/.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve((match[2] ?? match[1])!)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`accord exited with ${code}:\n${stderr}`))
    })
  })
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    stderr: () => stderr,
    kill: (signal = 'SIGTERM') =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', () => done())
        child.kill(signal)
      }),
  }
}

export function invitations(dataDir: string, args: string[] = []): Invitation[] {
  return JSON.parse(
    execFileSync(process.execPath, [CLI, 'invites', '--data', dataDir, '--json', ...args], {
      encoding: 'utf8',
    }),
  ) as Invitation[]
}

export function invitationOf(list: Invitation[], participant: string): Invitation {
  const found = list.find((i) => i.participant === participant)
  if (!found) throw new Error(`no invitation for ${participant}`)
  return found
}

/** The chair moves the demo declaration to another stage, through the API. */
export async function setStageAsChair(
  accord: AccordProcess,
  list: Invitation[],
  stage: string,
): Promise<void> {
  const response = await fetch(`${accord.url}/api/documents/closing-statement/stage`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${invitationOf(list, 'ho-chi-minh-city-chair').token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ stage }),
  })
  if (!response.ok)
    throw new Error(`stage change to ${stage} refused: ${response.status} ${await response.text()}`)
}

/**
 * Calls the API as a participant of the demo conference: `GET` without a body, `POST` with one. A path is under
 * `/api/documents/closing-statement` unless it starts with `/api/`. Getters, because tests restart the server
 * and admit delegations.
 */
export function apiAs(accord: () => AccordProcess, invites: () => Invitation[]) {
  return (participant: string, path: string, body?: unknown) =>
    fetch(`${accord().url}${path.startsWith('/api/') ? '' : '/api/documents/closing-statement'}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: `Bearer ${invitationOf(invites(), participant).token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? null : JSON.stringify(body),
    })
}
