/**
 * @module Starting and stopping an Accord server: storage in the data directory, the demo seeded into an
 * empty one, the Hono app and the WebSocket endpoint on one Node HTTP server.
 */
import { Budget, type Budgets } from './budgets.js'
import { serve, type ServerType } from '@hono/node-server'
import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AuditLog } from './audit/audit-log.js'
import { anchorInDocument } from './audit/anchors.js'
import { Directory } from './auth/directory.js'
import { loadOrCreateSecret } from './auth/invitations.js'
import { TicketBook } from './auth/tickets.js'
import { DocumentRegistry } from './collab/registry.js'
import { LIMITS } from './collab/limits.js'
import { SilenceClock } from './consensus/silence-clock.js'
import { WebSocketEndpoint } from './collab/websocket-endpoint.js'
import { createApp } from './http/app.js'
import { loadOrCreateSigningKey } from './export/signing-key.js'
import { originMatchesHost } from './http/same-origin.js'
import type { Logger } from './logger.js'
import { demoConference } from './seed/demo.js'
import { SqliteStorage } from './storage/sqlite/sqlite-storage.js'
import type { Storage } from './storage/storage.js'

export interface ServerOptions {
  port: number
  host: string
  dataDir: string
  /** `postgres://…` to store in PostgreSQL; otherwise SQLite in the data directory. */
  databaseUrl?: string
  /** `redis://…` to relay changes and presence to other Accord processes serving the same documents. */
  redisUrl?: string
  seedDemo: boolean
  /** The address participants use, for invitation links; defaults to http://localhost:PORT. */
  publicUrl?: string
  /** Extra origins allowed to open WebSockets (the server's own origin always is). */
  allowedOrigins?: string[]
  /** Check every update against the sender's rights. Always on in Accord; benchmarks turn it off to measure it. */
  checkUpdates?: boolean
  log: Logger
}

export interface RunningServer {
  url: string
  port: number
  storage: Storage
  secret: Buffer
  registry: DocumentRegistry
  close(): Promise<void>
}

/**
 * The storage engine (PostgreSQL when a URL is given, else SQLite in the data directory) and the secrets
 * kept in the data directory. Processes sharing a PostgreSQL database must share these secrets too (the
 * same data directory, or copies of its `invitation-secret` and `signing-key.pem`).
 */
export async function openStorage(
  dataDir: string,
  databaseUrl?: string,
): Promise<{ storage: Storage; secret: Buffer }> {
  mkdirSync(dataDir, { recursive: true })
  const secret = loadOrCreateSecret(join(dataDir, 'invitation-secret'))
  // The PostgreSQL and Redis clients are loaded only when configured (they cost memory in every process).
  const storage = databaseUrl
    ? await (await import('./storage/postgres/postgres-storage.js')).PostgresStorage.open(databaseUrl)
    : new SqliteStorage(join(dataDir, 'accord.sqlite'))
  return { storage, secret }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log } = options
  const { storage, secret } = await openStorage(options.dataDir, options.databaseUrl)
  if (options.seedDemo && (await storage.isEmpty())) {
    try {
      await storage.createConference(demoConference(secret))
      log.info('seeded the demo conference', { dataDir: resolve(options.dataDir) })
    } catch (error) {
      // Another process sharing the database seeded it first: its conference is the one to serve.
      if (await storage.isEmpty()) throw error
    }
  }
  const bus = options.redisUrl
    ? new (await import('./cluster/redis-bus.js')).RedisBus(options.redisUrl, log)
    : null
  if (bus) {
    await bus.ready()
    log.info('relaying to other Accord processes through Redis', { node: bus.node })
  }

  const tickets = new TicketBook(storage)
  const budgets: Budgets = {
    refusedUpdates: new Budget(LIMITS.maxRefusedUpdatesPerParticipant, LIMITS.budgetWindowMs),
    tickets: new Budget(LIMITS.maxTicketsPerParticipant, LIMITS.budgetWindowMs),
    failedLogins: new Budget(LIMITS.maxFailedLoginsPerAddress, LIMITS.budgetWindowMs),
  }
  const directory = new Directory(storage)
  const registry = new DocumentRegistry(storage, log, options.checkUpdates ?? true, bus, bus?.turns ?? null)
  registry.onRefusal = (participant) => budgets.refusedUpdates.spend(participant, Date.now())
  const editorRoot = findEditorBuild()
  if (!editorRoot) log.warn('the editor is not built (run `npm run build`); serving the API only')
  const audit = new AuditLog(storage, Date.now, anchorInDocument(registry))
  // An oral proposal is audited as typed by the secretariat (or the chair) for the delegation holding the floor.
  registry.onOralProposals = (document, participant, delegation, suggestions) =>
    void audit
      .append(document, participant, 'type an oral proposal', { delegation, suggestions })
      .catch((error: unknown) =>
        log.error('could not audit an oral proposal', { document, error: String(error) }),
      )
  const silence = new SilenceClock(registry, storage, audit, log)
  await silence.resume()
  if (bus) silence.resumeEvery(LIMITS.silenceRearmIntervalMs)
  const app = createApp({
    storage,
    directory,
    tickets,
    registry,
    audit,
    silence,
    log,
    now: Date.now,
    editorRoot,
    invitationSecret: secret,
    signingKey: loadOrCreateSigningKey(join(options.dataDir, 'signing-key.pem')),
    pdfSignerFile: join(options.dataDir, 'pdf-signing.p12'),
    publicUrl: options.publicUrl ?? null,
    budgets,
  })

  const allowed = new Set(options.allowedOrigins ?? [])
  const websocket = new WebSocketEndpoint({
    registry,
    tickets,
    log,
    identify: (participant) => directory.identity(participant),
    refusedUpdates: budgets.refusedUpdates,
    originAllowed: (origin, host) =>
      originMatchesHost(origin, host) || (origin !== undefined && allowed.has(origin)),
  })

  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => ready(s))
  })
  server.on('upgrade', websocket.handleUpgrade)
  // Idle keep-alive connections are kept longer than any client or proxy keeps them (Node's default, 5 s, races a
  // client reusing its socket at that moment: the request fails with "other side closed" — seen in the tests). The
  // header timeout stays above it, as Node requires.
  const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number }
  http.keepAliveTimeout = 65_000
  http.headersTimeout = 66_000
  const port = (server.address() as AddressInfo).port
  const url = options.publicUrl ?? `http://localhost:${port}`

  return {
    url,
    port,
    storage,
    secret,
    registry,
    async close() {
      silence.stop()
      websocket.closeAll()
      await registry.closeAll()
      await new Promise<void>((done) => server.close(() => done()))
      await bus?.close()
      await storage.close()
    },
  }
}

/** The built editor (dist/editor) of this package, whether running from dist/ or from sources. */
function findEditorBuild(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) {
      const root = join(dir, 'dist', 'editor')
      return existsSync(join(root, 'index.html')) ? root : null
    }
    dir = dirname(dir)
  }
  return null
}
