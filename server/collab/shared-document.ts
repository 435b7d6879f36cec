/**
 * @module One open declaration: its Y.Doc, presence and connections. Every client update is checked against
 * the sender's rights before it is kept: its client ids must be the sender's, and the transaction that
 * applies it is audited (which types it touched, what text and marks it changed). A refused update is never
 * stored or relayed; the sender is closed with the reason, and the served document is restored from what
 * was accepted. Accepted changes go through the durable relay: stored, then sent.
 */
import { randomBytes } from 'node:crypto'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { isStage, type Stage } from '../../workflows/conference/roles.js'
import {
  AUTHORS,
  BODY,
  NOTES,
  QUARANTINED,
  AUDIT_HEAD,
  SPEAKERS,
  WORKFLOW,
  parseNotesDocumentId,
} from '../../workflows/document/format.js'
import { keepFormattingItems } from '../../workflows/document/formatting-items.js'
import { bodyAccess, may, type BodyAccess } from '../../workflows/rules/rulebook.js'
import { oralProposalsFor, speakersOf } from '../../workflows/meeting/speakers.js'
import type { Author, Verdict } from '../../workflows/rules/suggestions.js'
import type { Logger } from '../logger.js'
import type { AuditRecord, Storage, StoredDocumentState } from '../storage/storage.js'
import { checkClientIds } from './authority/client-ids.js'
import { SuggestionOwners } from './authority/suggestion-owners.js'
import { auditTransaction, paragraphsWithChangedText } from './authority/transaction-audit.js'
import { reopenChanged, statusOf } from '../document/paragraphs.js'
import { fixNewNumbers, hasNumberBasis } from '../document/numbers.js'
import { reopensOnTextChange } from '../../workflows/rules/paragraph-status.js'
import type { Connection } from './connection.js'
import { DurableRelay, mergedOrEach } from './durable-relay.js'
import { CLOSE, LIMITS } from './limits.js'
import { Presence } from './presence.js'
import * as protocol from './protocol.js'
import { updateChangesDocument } from './update-inspection.js'
import { MergeOffThread } from '../document/merge-off-thread.js'
import { mergeStoredUpdates } from '../document/merge-updates.js'
import { quarantineRecord, sameBytes, sortOutUnservable } from '../document/quarantine.js'
import { AuditLog } from '../audit/audit-log.js'

const OUT_OF_SYNC = 'the update depends on changes the server does not have; resync'

/** Compaction merges off the main thread, so that relaying never waits for one. */
const MERGER = new MergeOffThread()

/** Where a change to the served Y.Doc came from (CONVENTIONS.md §12). */
export type ChangeOrigin =
  | { kind: 'storage' }
  | { kind: 'client'; connection: Connection }
  | { kind: 'server'; action: string }
  /** Stored by another Accord process and relayed to this one (server/cluster): relay, never store again. */
  | { kind: 'remote' }

const REMOTE: ChangeOrigin = { kind: 'remote' }

/**
 * How a served document reaches the other Accord processes serving it (server/cluster/document-link.ts).
 * Absent when Accord runs as one process.
 */
export interface Replication {
  /** Changes made here are stored: tell the other processes. */
  stored(update: Uint8Array): void
  /** The presence of a client connected here changed. */
  presence(update: Uint8Array): void
}

/** The audit of the client update being applied right now. */
interface Audit {
  origin: ChangeOrigin & { kind: 'client' }
  access: BodyAccess
  author: Author
  verdict: Verdict
  closeCode: number
  failed: boolean
  /** Paragraphs whose words a direct edit changed (their agreement no longer holds). */
  changedParagraphs: Y.XmlElement[]
  /** Whether the update added or deleted anything (a sync step 2 often carries nothing new). */
  changed: boolean
  /** Suggestions this update added as oral proposals, by the delegation they were typed for. */
  oralProposals: Map<string, string[]>
}

export class SharedDocument {
  readonly connections = new Set<Connection>()
  readonly presence = new Presence(() => this.connections)
  private current = new Y.Doc({ gc: true })
  private readonly relay: DurableRelay
  private audit: Audit | null = null
  /** Who owns each suggestion id (kept across rebuilds: only accepted updates add to it). */
  private readonly owners = new SuggestionOwners()
  /** While the document is being restored, messages wait here, in order. */
  private held: [Connection, Uint8Array][] | null = null
  /**
   * The whole document encoded, for clients that have nothing yet (a delegate opening the text): encoded once
   * per version instead of once per client, and taken straight from storage when the document was loaded from
   * a snapshot alone. Any change drops it.
   */
  private fullState: Uint8Array | null = null
  /** The compaction under way, if any (shutdown waits for it before storage closes). */
  private compacting: Promise<void> | null = null
  /** The stored snapshot, while it is not yet applied to the Y.Doc (see `applyAfterAnswering`). */
  private unapplied: { snapshot: Uint8Array } | null = null
  private applied: Promise<void> = Promise.resolve()
  private shuttingDown = false
  private replication: Replication | null = null
  /** Told of every update refused as forbidden or malformed, with its sender (for the participant's budget). */
  onRefusal: ((participant: string) => void) | null = null
  /**
   * Told of suggestions a participant began for the delegation holding the floor (oral proposals), so that they
   * are audited as typed by that participant for that delegation.
   */
  onOralProposals: ((participant: string, delegation: string, suggestions: string[]) => void) | null = null
  /** Changes from other processes that arrived while the document was held; applied on release. */
  private heldRemote: Uint8Array[] = []
  /** Updates in the stored log since the last snapshot; compaction starts when it grows large. */
  private storedSinceCompaction = 0
  private lastCompaction = 0

  /**
   * What a connection may write here. A declaration: the body, as the rulebook allows the participant in the
   * current stage. A delegation's private notes: anything in `notes` (only its members ever connect).
   */
  private readonly policy: { writableRoot: string; access: (connection: Connection) => BodyAccess }

  private constructor(
    readonly id: string,
    private readonly storage: Storage,
    private readonly log: Logger,
    /** Only benchmarks turn this off, to measure what the checks cost; no command-line flag exposes it. */
    private readonly checkUpdates: boolean,
  ) {
    this.relay = new DurableRelay(
      id,
      storage,
      () => this.connections,
      log,
      (batch) => {
        if (this.replication) for (const update of mergedOrEach(batch)) this.replication.stored(update)
        this.storedSinceCompaction += batch.length
        if (
          this.storedSinceCompaction >= LIMITS.compactAfterUpdates &&
          Date.now() - this.lastCompaction >= LIMITS.compactionIntervalMs
        )
          void this.compact()
      },
    )
    this.policy = parseNotesDocumentId(id)
      ? { writableRoot: NOTES, access: () => 'edit' }
      : { writableRoot: BODY, access: (connection) => bodyAccess(connection.identity.role, this.stage) }
    this.listen(this.current)
  }

  /** Loads a document from storage. Throws, rather than serving an empty document, if anything fails. */
  static async load(id: string, storage: Storage, log: Logger, checkUpdates = true): Promise<SharedDocument> {
    const shared = new SharedDocument(id, storage, log, checkUpdates)
    const stored = await storage.loadDocumentState(id)
    if (stored.snapshot && stored.updates.length === 0) shared.applyAfterAnswering(stored.snapshot)
    else shared.storedSinceCompaction = await shared.applyStoredOrSetAside(stored)
    return shared
  }

  /**
   * Applies what storage holds, checking that it can be served back (encoded for a fresh client). If it cannot,
   * the stored updates that cannot be are set aside (server/document/quarantine.ts) and the document is served
   * from the rest: a document never fails to load for ever because of one bad update.
   */
  private async applyStoredOrSetAside(stored: StoredDocumentState): Promise<number> {
    try {
      const count = this.applyStored(stored, this.current)
      Y.encodeStateAsUpdate(this.current)
      return count
    } catch (error) {
      const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]
      const { servable, unservable } = sortOutUnservable(parts)
      if (unservable.length === 0) throw error
      const at = new Date().toISOString()
      const records = unservable.map((u) => quarantineRecord(u, at))
      this.log.error('set aside stored updates that cannot be served', { document: this.id, records })
      // No anchor writer here (the document is loading): the head is anchored with the set-aside record below.
      const audit = new AuditLog(this.storage)
      let head: AuditRecord | undefined
      for (const [i, { part }] of unservable.entries())
        head = await audit.append(this.id, 'server', 'set aside an unservable update', {
          ...records[i],
          // The bytes themselves, for whoever investigates (bounded: the record is not a store of large blobs).
          ...(part.length <= 64 * 1024 ? { base64: Buffer.from(part).toString('base64') } : {}),
        })
      await this.storage.compact(this.id, (current) =>
        mergeStoredUpdates(current.filter((p) => !unservable.some((u) => sameBytes(u.part, p)))),
      )
      this.unlisten(this.current)
      this.current.destroy()
      this.current = new Y.Doc({ gc: true })
      this.listen(this.current)
      this.applyStored({ snapshot: null, updates: servable }, this.current)
      this.serverWrite('set aside unservable updates', (doc) => {
        const workflow = doc.getMap(WORKFLOW)
        const earlier = workflow.get(QUARANTINED)
        workflow.set(QUARANTINED, [...(Array.isArray(earlier) ? earlier : []), ...records])
        if (head) workflow.set(AUDIT_HEAD, { seq: head.seq, hash: head.hash })
      })
      return 0
    }
  }

  /**
   * Resolves once the stored state is applied to the served Y.Doc. Until then only fresh clients are
   * answered (from the stored snapshot); everything else waits. Server actions must await it.
   */
  get ready(): Promise<void> {
    return this.applied
  }

  /**
   * A document stored as one snapshot (as every document is after it was last closed) is served to fresh
   * clients from those bytes at once, and applied to the Y.Doc only once their replies have left: applying
   * a 200-page text takes ~100 ms, which a delegate opening it would otherwise wait for.
   */
  private applyAfterAnswering(snapshot: Uint8Array): void {
    this.unapplied = { snapshot }
    this.fullState = snapshot
    this.applied = this.hold(async () => {
      // Let the replies already queued reach the network first (at most ~50 ms): applying blocks the loop.
      const until = Date.now() + 50
      do await new Promise((resolve) => setTimeout(resolve, 1))
      while (Date.now() < until && [...this.connections].some((connection) => connection.buffered() > 0))
      try {
        this.applyStored({ snapshot, updates: [] }, this.current)
      } catch (error) {
        // A stored snapshot that does not apply: as a failed load, never an empty document served.
        this.log.error('document failed to load', { document: this.id, error: String(error) })
        for (const connection of this.connections)
          connection.close(CLOSE.loadFailed, 'document could not be loaded; try again later')
        throw error
      } finally {
        this.unapplied = null
      }
    })
    this.applied.catch(() => undefined) // reported above; `ready` rejects for whoever awaits it
  }

  get doc(): Y.Doc {
    return this.current
  }

  get stage(): Stage {
    const stage = this.current.getMap(WORKFLOW).get('stage')
    return isStage(stage) ? stage : 'draft'
  }

  /** A new connection: greet it with our state vector and everyone's presence. */
  attach(connection: Connection): void {
    this.connections.add(connection)
    // Our state vector asks the client for what we lack. Before the stored state is applied we do not know it
    // without parsing the whole snapshot (tens of ms for a long text), and nothing waits for it: ask after.
    if (this.unapplied)
      this.applied.then(
        () => this.greet(connection),
        () => undefined,
      )
    else this.greet(connection)
    const presence = this.presence.snapshot()
    if (presence) connection.send(presence)
  }

  private greet(connection: Connection): void {
    if (!this.connections.has(connection)) return
    this.relay.send(connection, protocol.syncMessage(protocol.SYNC_STEP1, Y.encodeStateVector(this.current)))
  }

  /** Connects this document to the other processes serving it. */
  replicate(replication: Replication): void {
    this.replication = replication
    this.presence.onLocalChange = (update) => replication.presence(update)
  }

  /**
   * A change another process stored. A change that depends on one not yet received (messages from
   * different processes can arrive in any order) leaves the document waiting for it: then client messages
   * are held while the document catches up from storage, so that no client is refused for the gap.
   */
  applyRemote(update: Uint8Array): void {
    if (this.held) {
      this.heldRemote.push(update)
      return
    }
    Y.applyUpdate(this.current, update, REMOTE)
    if (this.current.store.pendingStructs !== null || this.current.store.pendingDs !== null)
      this.hold(() => this.catchUpFromStorage()).catch((error: unknown) =>
        this.log.error('catching up from storage failed', { document: this.id, error: String(error) }),
      )
  }

  /**
   * Applies what storage holds and this document lacks (after a lost bus message or a reconnection); what
   * is new is relayed to this process's connections like any change from elsewhere.
   */
  async catchUp(): Promise<void> {
    if (this.held) return
    await this.catchUpFromStorage()
    if (this.current.store.pendingStructs !== null || this.current.store.pendingDs !== null)
      await this.hold(() => this.catchUpFromStorage())
  }

  private async catchUpFromStorage(): Promise<void> {
    const { snapshot, updates } = await this.storage.loadDocumentState(this.id)
    const doc = this.current
    Y.transact(
      doc,
      () => {
        if (snapshot) Y.applyUpdate(doc, snapshot, REMOTE)
        for (const update of updates) Y.applyUpdate(doc, update, REMOTE)
      },
      REMOTE,
    )
  }

  detach(connection: Connection): void {
    this.connections.delete(connection)
    this.relay.forget(connection)
    this.presence.leave(connection)
  }

  /** Handles one binary message from a connection. Anything malformed closes that connection only. */
  receive(connection: Connection, message: Uint8Array): void {
    if (connection.closed || this.shuttingDown) return
    if (this.held) {
      if (this.unapplied && isFreshSyncStep1(message))
        return this.relay.send(connection, protocol.syncMessage(protocol.SYNC_STEP2, this.unapplied.snapshot))
      this.held.push([connection, message])
      return
    }
    try {
      const decoder = decoding.createDecoder(message)
      const type = decoding.readVarUint(decoder)
      if (type === protocol.MESSAGE_SYNC) this.receiveSync(connection, decoder)
      else if (type === protocol.MESSAGE_AWARENESS) {
        const refused = this.presence.receive(connection, decoding.readVarUint8Array(decoder))
        if (refused) connection.close(CLOSE.forbidden, refused)
      } else if (type === protocol.MESSAGE_QUERY_AWARENESS) {
        const presence = this.presence.snapshot()
        if (presence) connection.send(presence)
      } else connection.close(CLOSE.badMessage, `unknown message type ${type}`)
    } catch (error) {
      this.log.warn('closing connection after a malformed message', {
        document: this.id,
        error: String(error),
      })
      this.onRefusal?.(connection.identity.participant)
      connection.close(CLOSE.badMessage, 'malformed message')
    }
  }

  /**
   * Writes to the document on the server's own authority (stage changes, later accept/reject): stored and
   * relayed to every connection like any accepted change. Never under a client id that a client holds.
   */
  serverWrite(
    action: string,
    change: (doc: Y.Doc) => void,
    // A write someone may undo passes an origin of its own class (server/document/decision-undo.ts).
    origin: ChangeOrigin & { kind: 'server' } = { kind: 'server', action },
  ): void {
    const authors = this.current.getMap<string>(AUTHORS)
    while (authors.has(String(this.current.clientID)))
      this.current.clientID = randomBytes(4).readUInt32LE() >>> 1
    this.current.transact(() => change(this.current), origin)
  }

  async flush(): Promise<void> {
    await this.relay.flush()
  }

  destroy(): void {
    this.current.destroy()
    this.presence.destroy()
  }

  /** Merges the update log into the snapshot, from what is stored (never from memory alone). */
  compact(): Promise<void> {
    if (this.shuttingDown) return this.compacting ?? Promise.resolve()
    this.compacting ??= this.compactNow().finally(() => {
      this.compacting = null
    })
    return this.compacting
  }

  /**
   * For shutdown: accepts nothing more, starts no compaction, and resolves when everything accepted is
   * stored and the compaction under way (if any) has finished — after that, storage may close.
   */
  async shutDown(): Promise<void> {
    this.shuttingDown = true
    await this.flush()
    await this.compacting
  }

  private async compactNow(): Promise<void> {
    this.lastCompaction = Date.now()
    try {
      const { merged } = await this.storage.compact(this.id, MERGER.merge)
      this.storedSinceCompaction = Math.max(0, this.storedSinceCompaction - merged)
      if (merged > 0) this.log.info('compacted document', { document: this.id, merged })
    } catch (error) {
      this.log.error('compaction failed; the update log is kept as it was', {
        document: this.id,
        error: String(error),
      })
    }
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes after sync message')
    if (step === protocol.SYNC_STEP1) {
      const knowsNothing = payload.length === 1 && payload[0] === 0
      const reply = knowsNothing
        ? (this.fullState ??= Y.encodeStateAsUpdate(this.current))
        : Y.encodeStateAsUpdate(this.current, payload)
      this.relay.send(connection, protocol.syncMessage(protocol.SYNC_STEP2, reply))
    } else if (
      step === protocol.SYNC_UPDATE &&
      !connection.answeredGreeting &&
      this.lacksWhatPrecedes(payload)
    ) {
      this.defer(connection, payload)
    } else if (step === protocol.SYNC_STEP2 || step === protocol.SYNC_UPDATE) {
      this.receiveUpdate(connection, payload)
      if (step === protocol.SYNC_STEP2 && !connection.answeredGreeting) {
        connection.answeredGreeting = true
        for (const update of connection.deferred.splice(0))
          if (!connection.closed) this.receiveUpdate(connection, update)
      }
    } else {
      connection.close(CLOSE.badMessage, `unknown sync step ${step}`)
    }
  }

  /** Keeps an update until the connection's sync step 2 arrives; refuses it if that takes too long or too much. */
  private defer(connection: Connection, update: Uint8Array): void {
    const held = connection.deferred.reduce((bytes, u) => bytes + u.length, update.length)
    if (connection.deferred.length >= LIMITS.maxDeferredUpdates || held > LIMITS.maxMessageBytes)
      return this.refuse(connection, CLOSE.outOfSync, OUT_OF_SYNC)
    if (connection.deferred.length === 0)
      setTimeout(() => {
        if (!connection.answeredGreeting && connection.deferred.length > 0)
          this.refuse(connection, CLOSE.outOfSync, OUT_OF_SYNC)
      }, LIMITS.resyncWaitMs).unref()
    connection.deferred.push(update)
  }

  /**
   * Whether an update builds on changes this document does not have: it continues a client's changes from
   * beyond what we have of that client, or deletes what we have never seen. (Only asked of a connection that
   * has not yet sent its sync step 2, so the decoding costs nothing on the hot path.)
   */
  private lacksWhatPrecedes(update: Uint8Array): boolean {
    const store = this.current.store
    for (const [client, clock] of Y.parseUpdateMeta(update).from)
      if (clock > Y.getState(store, client)) return true
    for (const [client, deleted] of Y.decodeUpdate(update).ds.clients) {
      const known = Y.getState(store, client)
      if (deleted.some((range) => range.clock + range.len > known)) return true
    }
    return false
  }

  /**
   * Whom a writer's update may name: its own delegation and itself; and, for the secretariat and the chair while a
   * delegation holds the floor, that delegation too (its oral proposals, typed for it). Read from the speakers' list
   * as it stands when the update arrives: a few seconds after the turn ends, typing for it is refused.
   */
  private authorOf(identity: Connection['identity']): Author {
    const author: Author = { delegation: identity.delegation, participant: identity.participant }
    if (!may(identity.role, 'type on behalf of the speaker', this.stage)) return author
    const others = oralProposalsFor(
      speakersOf(this.current.getMap(WORKFLOW).get(SPEAKERS)),
      Date.now(),
      LIMITS.oralProposalGraceMs,
    ).filter((delegation) => delegation !== identity.delegation)
    return others.length === 0 ? author : { ...author, onBehalfOf: others }
  }

  private receiveUpdate(connection: Connection, update: Uint8Array): void {
    if (!this.checkUpdates) return void Y.applyUpdate(this.current, update, { kind: 'client', connection })
    const { identity } = connection
    const access = this.policy.access(connection)
    if (access === 'read') {
      // Cheap path: a read-only participant's sync carries nothing new, and anything new is refused unapplied.
      if (updateChangesDocument(this.current, update))
        this.refuse(connection, CLOSE.forbidden, 'read-only: this participant may not change the text')
      return
    }
    const ids = checkClientIds(this.current, update, identity.participant, this.current.clientID)
    if (!ids.ok) return this.refuse(connection, CLOSE.forbidden, ids.refused)

    const origin = { kind: 'client', connection } as const
    const paragraphsBefore = this.current.getXmlFragment(BODY).length
    const audit: Audit = {
      origin,
      access,
      author: this.authorOf(identity),
      verdict: { ok: true },
      closeCode: CLOSE.forbidden,
      failed: false,
      changedParagraphs: [],
      changed: false,
      oralProposals: new Map(),
    }
    this.audit = audit
    // What is stored and relayed is the client's own update, once accepted: Yjs need not encode it again
    // (measured: re-encoding was an eighth of the cost of receiving an update under load).
    this.current.off('update', this.onUpdate)
    try {
      this.current.transact(() => {
        try {
          Y.applyUpdate(this.current, update, origin)
        } catch (error) {
          audit.failed = true
          this.log.warn('an update failed to apply', { document: this.id, error: String(error) })
        }
      }, origin)
    } finally {
      this.audit = null
      this.current.on('update', this.onUpdate)
    }
    if (!audit.verdict.ok) {
      this.refuse(connection, audit.closeCode, audit.verdict.refused)
      void this.restore()
      return
    }
    if (audit.changed) {
      this.fullState = null
      this.relay.accept(update)
      for (const [delegation, suggestions] of audit.oralProposals)
        this.onOralProposals?.(identity.participant, delegation, suggestions)
    } else if (!isEmptyUpdate(update)) {
      // Nothing new (another path brought it first): still acknowledge it to its author, once stored, so that
      // the editor stops counting it as unsaved.
      this.relay.send(connection, protocol.syncMessage(protocol.SYNC_UPDATE, update))
    }
    if (audit.changedParagraphs.some((p) => reopensOnTextChange(statusOf(p)))) {
      this.serverWrite('reopen changed paragraphs', () => reopenChanged(audit.changedParagraphs))
    }
    // A paragraph added to the text by an editor keeps the number it appears with (proposed ones are numbered
    // when accepted: a suggester's Enter walks nothing here).
    if (
      access === 'edit' &&
      this.current.getXmlFragment(BODY).length > paragraphsBefore &&
      hasNumberBasis(this.current)
    ) {
      this.serverWrite('number new paragraphs', (doc) => fixNewNumbers(doc))
    }
    if (ids.bind.length > 0) {
      this.serverWrite('bind client ids', (doc) => {
        for (const client of ids.bind) doc.getMap<string>(AUTHORS).set(String(client), identity.participant)
      })
    }
  }

  private refuse(connection: Connection, code: number, reason: string): void {
    this.log.warn('refused an update', {
      document: this.id,
      participant: connection.identity.participant,
      reason,
    })
    // An honest client can be out of sync; only what no honest client sends counts against its sender.
    if (code !== CLOSE.outOfSync) this.onRefusal?.(connection.identity.participant)
    connection.close(code, reason)
  }

  private listen(doc: Y.Doc): void {
    keepFormattingItems(doc)
    doc.on('afterTransaction', this.onAfterTransaction)
    doc.on('update', this.onUpdate)
  }

  private unlisten(doc: Y.Doc): void {
    doc.off('afterTransaction', this.onAfterTransaction)
    doc.off('update', this.onUpdate)
  }

  private readonly onAfterTransaction = (tr: Y.Transaction): void => {
    const audit = this.audit
    if (!audit || tr.origin !== audit.origin) return
    if (audit.failed) {
      audit.verdict = { ok: false, refused: 'the update could not be applied' }
      audit.closeCode = CLOSE.badMessage
    } else if (this.current.store.pendingStructs !== null || this.current.store.pendingDs !== null) {
      audit.verdict = { ok: false, refused: OUT_OF_SYNC }
      audit.closeCode = CLOSE.outOfSync
    } else {
      audit.changed =
        tr.deleteSet.clients.size > 0 ||
        [...tr.afterState].some(([client, clock]) => clock !== (tr.beforeState.get(client) ?? 0))
      audit.verdict = auditTransaction(
        tr,
        this.current,
        audit.access,
        audit.author,
        this.policy.writableRoot,
        this.owners,
      )
      if (audit.verdict.ok)
        for (const claim of this.owners.commit())
          if (audit.author.onBehalfOf?.includes(claim.delegation))
            audit.oralProposals.set(claim.delegation, [
              ...(audit.oralProposals.get(claim.delegation) ?? []),
              claim.id,
            ])
          else this.owners.discard()
      // Suggestions leave the agreed words as they are; only a direct edit changes them.
      if (audit.verdict.ok && audit.access === 'edit')
        audit.changedParagraphs = paragraphsWithChangedText(tr, this.current)
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = null
    const change = origin as ChangeOrigin | undefined
    if (change?.kind === 'storage') return
    if (change?.kind === 'remote') return this.relay.relayStored(update)
    if (this.audit && !this.audit.verdict.ok) return
    this.relay.accept(update)
  }

  /**
   * Replaces the served document with one rebuilt from storage plus the accepted changes not yet stored, so
   * that nothing of a refused update survives in memory. Messages arriving meanwhile wait, in order.
   */
  private restore(): Promise<void> {
    return this.hold(() => this.rebuildFromStorage())
  }

  /** Runs `work` while messages from clients (and changes from other processes) wait, in order. */
  private async hold(work: () => Promise<void>): Promise<void> {
    if (this.held) return
    this.held = []
    try {
      await work()
    } finally {
      const held = this.held
      const heldRemote = this.heldRemote
      this.held = null
      this.heldRemote = []
      for (const update of heldRemote) this.applyRemote(update)
      for (const [connection, message] of held) this.receive(connection, message)
    }
  }

  private async rebuildFromStorage(): Promise<void> {
    try {
      const fresh = new Y.Doc({ gc: true })
      await this.loadStoredInto(fresh)
      const origin: ChangeOrigin = { kind: 'storage' }
      Y.transact(
        fresh,
        () => {
          for (const update of this.relay.pending) Y.applyUpdate(fresh, update, origin)
        },
        origin,
      )
      this.unlisten(this.current)
      const old = this.current
      this.current = fresh
      this.fullState = null
      this.listen(fresh)
      old.destroy()
    } catch (error) {
      this.log.error('restoring the document after a refused update failed; closing it', {
        document: this.id,
        error: String(error),
      })
      for (const connection of this.connections)
        connection.close(CLOSE.loadFailed, 'document reloading; reconnect')
    }
  }

  /** Applies the stored snapshot and updates to `doc`; returns how many updates followed the snapshot. */
  private async loadStoredInto(doc: Y.Doc): Promise<number> {
    return this.applyStored(await this.storage.loadDocumentState(this.id), doc)
  }

  /** Applies a stored snapshot and updates to `doc`; returns how many updates followed the snapshot. */
  private applyStored({ snapshot, updates }: StoredDocumentState, doc: Y.Doc): number {
    if (!snapshot && updates.length === 0) throw new Error(`document ${this.id} has no stored state`)
    const origin: ChangeOrigin = { kind: 'storage' }
    // What storage holds is neither relayed nor stored again (see onUpdate): without the listener Yjs does not
    // encode the whole text as one update for it (≈ 90 ms per load of a 200-page text, CPU profile).
    const listening = doc === this.current
    if (listening) doc.off('update', this.onUpdate)
    try {
      Y.transact(
        doc,
        () => {
          if (snapshot) Y.applyUpdate(doc, snapshot, origin)
          for (const update of updates) Y.applyUpdate(doc, update, origin)
        },
        origin,
      )
    } finally {
      if (listening) {
        doc.on('update', this.onUpdate)
        this.fullState = null
      }
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      this.log.error('stored document has updates with missing dependencies', { document: this.id })
    } else if (snapshot && updates.length === 0 && doc === this.current) {
      this.fullState = snapshot
    }
    return updates.length
  }
}

/** An update with no structs and no deletions (a sync step 2 from a client that has nothing new). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}

/** Whether a message is a sync step 1 with an empty state vector: a client that has nothing yet. */
function isFreshSyncStep1(message: Uint8Array): boolean {
  // [MESSAGE_SYNC, SYNC_STEP1, length 1, state vector with 0 clients]
  return (
    message.length === 4 &&
    message[0] === protocol.MESSAGE_SYNC &&
    message[1] === protocol.SYNC_STEP1 &&
    message[2] === 1 &&
    message[3] === 0
  )
}
