/**
 * @module The open documents of this process. A document loads on its first connection (concurrent
 * connections share one load) and unloads — stored, compacted, presence destroyed — when its last
 * connection leaves. With several Accord processes, each open document is linked to the others serving
 * it (server/cluster) for as long as it is open here.
 */
import * as Y from 'yjs'
import type { DocumentBus } from '../cluster/bus.js'
import { DocumentLink } from '../cluster/document-link.js'
import { TurnUnavailable, type WriteTurns } from '../cluster/write-turns.js'
import type { Logger } from '../logger.js'
import type { Storage } from '../storage/storage.js'
import type { Connection } from './connection.js'
import { SharedDocument } from './shared-document.js'

/** A change the server could not make now, with other processes serving the document; nothing was written. */
export class ChangeUnavailable extends Error {
  constructor() {
    super('The server cannot make this change just now; nothing was changed. Try again in a moment.')
  }
}

/** How long the bus is given to bring another process's change before this one reads it from storage. */
const BUS_GRACE_MS = 500

/** Whether the document holds everything up to the state vector `mark`. */
function holds(shared: SharedDocument, mark: Map<number, number>): boolean {
  const ours = Y.decodeStateVector(Y.encodeStateVector(shared.doc))
  for (const [client, clock] of mark) if ((ours.get(client) ?? 0) < clock) return false
  return true
}

/** Waits until the document has the previous turn's change: from the bus, or else from storage. */
async function caughtUpTo(shared: SharedDocument, encoded: Uint8Array): Promise<void> {
  const mark = Y.decodeStateVector(encoded)
  if (holds(shared, mark)) return
  await new Promise<void>((resolve) => {
    const check = () => {
      if (!holds(shared, mark)) return
      done()
    }
    const done = () => {
      clearTimeout(timer)
      shared.doc.off('afterTransaction', check)
      resolve()
    }
    const timer = setTimeout(done, BUS_GRACE_MS)
    shared.doc.on('afterTransaction', check)
  })
  if (!holds(shared, mark)) await shared.catchUp()
  if (!holds(shared, mark)) throw new TurnUnavailable('the previous change is neither relayed nor stored')
}

export class DocumentRegistry {
  private readonly open = new Map<string, Promise<SharedDocument>>()
  private readonly links = new Map<string, DocumentLink>()
  /**
   * The loaded document of each id. An unload acts only on the document it was asked about and only once:
   * by the time it runs, that id may have been loaded again (then the new document is left alone).
   */
  private readonly loaded = new Map<string, SharedDocument>()
  /** Set on shutdown: everything is flushed then, and documents are no longer compacted on the way out. */
  private closed = false
  /** Unloads under way (their compaction may still run): shutdown waits for them before storage closes. */
  private readonly unloading = new Set<Promise<void>>()
  /** Told of every update refused as forbidden or malformed, with its sender (for the participant's budget). */
  onRefusal: ((participant: string) => void) | null = null
  /** Passed to every document loaded (SharedDocument.onOralProposals), with the document's id. */
  onOralProposals:
    ((document: string, participant: string, delegation: string, suggestions: string[]) => void) | null = null

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly checkUpdates = true,
    /** The bus to the other Accord processes, when there are others. */
    private readonly bus: DocumentBus | null = null,
    /** Turns to change a document on the server's authority, when other processes may change it too. */
    private readonly turns: WriteTurns | null = null,
  ) {}

  /**
   * Closes every connection of a participant, in every open document (their invitation was revoked): a client
   * reconnects by asking for a ticket, which their ended session no longer gets.
   */
  closeConnectionsOf(participant: string, code: number, reason: string): number {
    let closed = 0
    for (const shared of this.loaded.values())
      for (const connection of shared.connections)
        if (connection.identity.participant === participant) {
          connection.close(code, reason)
          closed++
        }
    return closed
  }

  /** The loaded document, loading it if needed. A failed load is forgotten so that a later try can succeed. */
  async get(id: string): Promise<SharedDocument> {
    const shared = await this.opening(id)
    await shared.ready
    return shared
  }

  /**
   * The document as soon as it is read from storage — possibly before its stored state is applied (see
   * SharedDocument.ready): enough to attach a connection, not to act on the text.
   */
  private opening(id: string): Promise<SharedDocument> {
    let loading = this.open.get(id)
    if (!loading) {
      loading = this.load(id)
      this.open.set(id, loading)
      // A document whose stored state fails to apply after it was opened is forgotten like a failed load.
      loading
        .then((shared) => shared.ready)
        .catch(() => {
          if (this.open.get(id) !== loading) return
          this.open.delete(id)
          this.loaded.delete(id)
          const link = this.links.get(id)
          this.links.delete(id)
          void link?.leave()
        })
      loading.catch((error: unknown) => {
        this.log.error('document failed to load', { document: id, error: String(error) })
        if (this.open.get(id) === loading) this.open.delete(id)
      })
    }
    return loading
  }

  private async load(id: string): Promise<SharedDocument> {
    // Join the bus first: a change relayed while the document loads waits in the link, not lost.
    const link = this.bus ? await DocumentLink.join(this.bus, id, this.log) : null
    try {
      const shared = await SharedDocument.load(id, this.storage, this.log, this.checkUpdates)
      shared.onRefusal = this.onRefusal
      shared.onOralProposals = (participant, delegation, suggestions) =>
        this.onOralProposals?.(id, participant, delegation, suggestions)
      this.loaded.set(id, shared)
      if (link) {
        link.attach(shared)
        this.links.set(id, link)
      }
      return shared
    } catch (error) {
      await link?.leave()
      throw error
    }
  }

  /** Opens the document (if needed) and attaches the connection to it. */
  async connect(id: string, connection: Connection): Promise<SharedDocument> {
    const shared = await this.opening(id)
    shared.attach(connection)
    return shared
  }

  /**
   * Runs a server action on a document, loading it if needed; a document nobody is connected to is stored
   * and unloaded again afterwards.
   */
  async use<T>(id: string, action: (shared: SharedDocument) => T | Promise<T>): Promise<T> {
    const shared = await this.opening(id)
    try {
      await shared.ready
      return await action(shared)
    } finally {
      await shared.flush()
      if (shared.connections.size === 0 && this.loaded.get(id) === shared) await this.unload(shared)
    }
  }

  /**
   * Runs a server action that reads a value of the document and writes the next one (the speakers' list,
   * support, positions, signatures): with other processes serving the document, only in this document's turn and
   * only once this process has the previous turn's change (server/cluster/write-turns.ts), so that no process
   * writes over a change it has not seen. Alone, the same as `use`.
   */
  async change<T>(id: string, action: (shared: SharedDocument) => T | Promise<T>): Promise<T> {
    const turns = this.turns
    if (!turns) return this.use(id, action)
    return this.use(id, async (shared) => {
      const outcome = await turns
        .take(id, async (mark) => {
          if (mark) await caughtUpTo(shared, mark)
          let outcome: { ok: true; value: T } | { ok: false; error: unknown }
          try {
            outcome = { ok: true, value: await action(shared) }
          } catch (error) {
            outcome = { ok: false, error }
          }
          // Stored before the turn passes on: the next holder may catch up from storage.
          await shared.flush()
          return { value: outcome, mark: Y.encodeStateVector(shared.doc) }
        })
        .catch((error: unknown) => {
          if (!(error instanceof TurnUnavailable)) throw error
          this.log.warn('no turn to change the document', { document: id, error: error.message })
          throw new ChangeUnavailable()
        })
      if (!outcome.ok) throw outcome.error
      return outcome.value
    })
  }

  /** Detaches a connection; the last one out unloads the document after storing everything. */
  async disconnect(shared: SharedDocument, connection: Connection): Promise<void> {
    shared.detach(connection)
    if (shared.connections.size > 0) return
    await this.unload(shared)
  }

  private unload(shared: SharedDocument): Promise<void> {
    if (this.closed) return Promise.resolve()
    const unloading = this.unloadNow(shared).finally(() => this.unloading.delete(unloading))
    this.unloading.add(unloading)
    return unloading
  }

  private async unloadNow(shared: SharedDocument): Promise<void> {
    await shared.flush()
    if (shared.connections.size > 0 || this.closed || this.loaded.get(shared.id) !== shared) return
    this.loaded.delete(shared.id)
    this.open.delete(shared.id)
    const link = this.links.get(shared.id)
    this.links.delete(shared.id)
    await link?.leave()
    await shared.compact()
    shared.destroy()
  }

  /** Whether a document is loaded in memory now (for tests and metrics). */
  isOpen(id: string): boolean {
    return this.open.has(id)
  }

  async closeAll(): Promise<void> {
    this.closed = true
    await Promise.allSettled(this.unloading)
    const documents = await Promise.allSettled(this.open.values())
    for (const result of documents) if (result.status === 'fulfilled') await result.value.shutDown()
    this.open.clear()
    this.loaded.clear()
    for (const link of this.links.values()) await link.leave()
    this.links.clear()
  }
}
