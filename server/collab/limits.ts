/**
 * @module Every limit Accord enforces and every WebSocket close code it uses, in one place
 * (CONVENTIONS.md §6). README.md lists them for client authors. Each limit can be overridden for a
 * deployment (or a test) with an environment variable `ACCORD_LIMIT_<NAME>`, e.g.
 * `ACCORD_LIMIT_MAX_CONNECTIONS_PER_ADDRESS=200`.
 *
 * Nothing is read from a WebSocket before it is authenticated: the single-use ticket is checked during the
 * HTTP upgrade, so an unauthenticated peer can send no message at all.
 */

const DEFAULT_LIMITS = {
  /**
   * Updates a reconnecting client may send before its sync step 2 (what it typed while away) that build on
   * that step 2: they wait for it — at most this many, holding at most `maxMessageBytes` in all, for at most
   * `resyncWaitMs` — instead of being refused. Beyond that the connection is closed with 4409 (resync).
   */
  maxDeferredUpdates: 200,
  resyncWaitMs: 5_000,
  /** Largest WebSocket message accepted; larger ones close the socket with 1009 (ws enforces it). */
  maxMessageBytes: 2 * 1024 * 1024,
  /** Messages per second one connection may send, sustained; bursts up to twice that are absorbed. */
  maxMessagesPerSecond: 1000,
  /** Open WebSockets from one network address (behind a proxy: from the proxy, so raise it there). */
  maxConnectionsPerAddress: 64,
  /** Open WebSockets on one document. */
  maxConnectionsPerDocument: 2500,
  /** A connection that sends nothing (not even a pong to our ping) for this long is closed. */
  idleTimeoutMs: 60_000,
  /**
   * How often the server sends every socket a heartbeat (an empty presence update, which stock y-websocket
   * clients apply as a no-op). The editor treats ~2.5 s without any message as a dropped connection, so that a
   * delegate sees "Offline" within seconds of the Wi-Fi going, not after y-websocket's 30 s of silence.
   */
  heartbeatIntervalMs: 1_000,
  /** How long a WebSocket ticket stays valid after `POST /api/documents/:id/ticket`. */
  ticketLifetimeMs: 30_000,
  /** How long a login session lasts. */
  sessionLifetimeMs: 14 * 24 * 3600_000,
  /** A document whose update log grows past this is compacted into its snapshot in the background. */
  compactAfterUpdates: 500,
  /** …but not more often than this: under heavy typing, compacting every 500 updates costs more than it saves. */
  compactionIntervalMs: 5_000,
  /**
   * With several processes (REDIS_URL): how often each process tells the others its state vector for every
   * open document, so that one that missed a relayed change notices and catches up from storage.
   */
  clusterSyncIntervalMs: 5_000,
  /** With several processes: how often each looks for silence deadlines set through another process. */
  silenceRearmIntervalMs: 60_000,
  /**
   * Largest JSON body accepted by the API — enforced while the body streams in (or from Content-Length), before
   * authentication, so that no request body is ever held whole in memory unread.
   */
  maxJsonBodyBytes: 64 * 1024,
  /** Largest zero draft (Markdown or Word) `POST …/import` accepts, enforced the same way. */
  maxImportBytes: 10 * 1024 * 1024,
  /** Largest a Word draft may grow to once unzipped (its parts' declared sizes): a zip bomb is refused unread. */
  maxImportInflatedBytes: 50 * 1024 * 1024,
  /** A zero draft is read on a worker thread (server/document/convert-draft.ts) with at most this much heap… */
  conversionMemoryMb: 512,
  /** …and for at most this long; then the import is refused and nothing is written. */
  conversionTimeoutMs: 30_000,
  /**
   * Updates one participant may have refused (as forbidden or malformed) per `budgetWindowMs`; after that, its
   * tickets and WebSockets are refused with 429 until the window ends. Each refusal costs a rebuild of the
   * document from storage; an honest editor is refused next to never.
   */
  maxRefusedUpdatesPerParticipant: 10,
  /** WebSocket tickets one participant may take per `budgetWindowMs` (an honest editor reconnects every ≥ 1 s). */
  maxTicketsPerParticipant: 120,
  /** Failed logins and unknown tokens from one network address per `budgetWindowMs`. */
  maxFailedLoginsPerAddress: 30,
  budgetWindowMs: 60_000,
  /**
   * How long after a turn ends the words typed for its delegation are still taken as its oral proposal (they were
   * typed before the typist's page heard of the end); after it, typing for that delegation is refused.
   */
  oralProposalGraceMs: 10_000,
  /** Largest presence (awareness) state one client may publish, as JSON. */
  maxPresenceStateBytes: 16 * 1024,
}

export type Limits = typeof DEFAULT_LIMITS

function envName(key: string): string {
  return `ACCORD_LIMIT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
}

function withOverrides(defaults: Limits, env: NodeJS.ProcessEnv): Limits {
  const limits = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof Limits)[]) {
    const raw = env[envName(key)]
    if (raw === undefined) continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${envName(key)} must be a positive number`)
    limits[key] = value
  }
  return limits
}

export const LIMITS: Readonly<Limits> = Object.freeze(withOverrides(DEFAULT_LIMITS, process.env))

/** Close codes sent to a WebSocket client, with the reason string that accompanies them. */
export const CLOSE = {
  /** The message could not be decoded (bad bytes, truncated, text frame, unknown message type). */
  badMessage: 4400,
  /** The update changes something the participant may not change (e.g. an observer's edit). */
  forbidden: 4403,
  /** Nothing received for `idleTimeoutMs`. */
  idle: 4408,
  /** The update depends on changes the server does not have: the client must resync from scratch. */
  outOfSync: 4409,
  /** More than `maxMessagesPerSecond`. */
  tooManyMessages: 4429,
  /** The document could not be loaded from storage; the client should retry later. */
  loadFailed: 4500,
  /** The participant's invitation was revoked: their sessions are over. */
  signedOut: 4401,
  /** The server is shutting down. */
  goingAway: 1001,
} as const
