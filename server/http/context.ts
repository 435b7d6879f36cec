/**
 * @module What every route can reach: the services of this server process and, after authentication,
 * the caller's identity.
 */
import type { KeyObject } from 'node:crypto'
import type { AuditLog } from '../audit/audit-log.js'
import type { DocumentRegistry } from '../collab/registry.js'
import type { Identity } from '../collab/connection.js'
import type { Directory } from '../auth/directory.js'
import type { TicketBook } from '../auth/tickets.js'
import type { Logger } from '../logger.js'
import type { SilenceClock } from '../consensus/silence-clock.js'
import type { Storage } from '../storage/storage.js'
import type { Budgets } from '../budgets.js'

export interface Services {
  storage: Storage
  directory: Directory
  tickets: TicketBook
  registry: DocumentRegistry
  audit: AuditLog
  /** Records silence deadlines passing, and re-arms them after a restart. */
  silence: SilenceClock
  log: Logger
  now: () => number
  /** Derives invitation tokens for delegations admitted while the server runs. */
  invitationSecret: Buffer
  /** Signs the manifests of final PDFs (Ed25519); its public half is served at /api/signing-key. */
  signingKey: KeyObject
  /** The PKCS#12 file of the certificate final PDFs are signed with as files (created on the first one). */
  pdfSignerFile: string
  /** Absolute path of the built editor; absent when the server runs without a UI (some tests). */
  editorRoot: string | null
  /** The address participants use (`--public-url`), when given: e.g. `https://…` behind a TLS proxy. */
  publicUrl: string | null
  /** Budgets of refused attempts (429 once spent). */
  budgets: Budgets
}

export interface AppEnv {
  Variables: { identity: Identity }
}
