/**
 * @module Every limit Accord enforces and every WebSocket close code it uses, in one place
 * (CONVENTIONS.md §6). README.md lists them for client authors.
 */

export const LIMITS = {
  /** Largest WebSocket message accepted; larger ones close the socket with 1009 (ws enforces it). */
  maxMessageBytes: 2 * 1024 * 1024,
  /** How long a WebSocket ticket stays valid after `POST /api/documents/:id/ticket`. */
  ticketLifetimeMs: 30_000,
  /** How long a login session lasts. */
  sessionLifetimeMs: 14 * 24 * 3600_000,
  /** A document whose update log grows past this is compacted into its snapshot in the background. */
  compactAfterUpdates: 500,
  /** Largest JSON body accepted by the API. */
  maxJsonBodyBytes: 64 * 1024,
} as const

/** Close codes sent to a WebSocket client, with the reason string that accompanies them. */
export const CLOSE = {
  /** The message could not be decoded (bad bytes, truncated, text frame, unknown message type). */
  badMessage: 4400,
  /** The update changes something the participant may not change (e.g. an observer's edit). */
  forbidden: 4403,
  /** The update depends on changes the server does not have: the client must resync from scratch. */
  outOfSync: 4409,
  /** The document could not be loaded from storage; the client should retry later. */
  loadFailed: 4500,
  /** The server is shutting down. */
  goingAway: 1001,
} as const
