/**
 * @module The open documents of this process. A document loads on its first connection (concurrent
 * connections share one load) and unloads — stored, compacted, presence destroyed — when its last
 * connection leaves. With several Accord processes, each open document is linked to the others serving
 * it (server/cluster) for as long as it is open here.
 */
import type { DocumentBus } from '../cluster/bus.js'
import { DocumentLink } from '../cluster/document-link.js'
import type { Logger } from '../logger.js'
import type { Storage } from '../storage/storage.js'
import type { Connection } from './connection.js'
import { SharedDocument } from './shared-document.js'

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
