/**
 * @module Store, then relay. Every change accepted into a served document is appended to storage (one
 * transaction per document per event-loop turn); every outgoing sync message waits in order until the
 * changes it reflects are durable. A storage error holds the relay and retries: nothing is dropped, and no
 * client ever hears of a change that a crash could lose.
 */
import type { Logger } from '../logger.js'
import type { Storage } from '../storage/storage.js'
import type { Connection } from './connection.js'

interface Outgoing {
  /** The message may leave once this many accepted changes are stored. */
  needsStored: number
  to: Connection | 'all'
  except: Connection | null
  message: Uint8Array
}

const STORAGE_RETRY_MS = [100, 500, 2000, 5000]

export class DurableRelay {
  private unstored: Uint8Array[] = []
  private accepted = 0
  private stored = 0
  private outbox: Outgoing[] = []
  private scheduled = false
  private writing: Promise<void> | null = null

  constructor(
    private readonly document: string,
    private readonly storage: Storage,
    private readonly connections: () => Iterable<Connection>,
    private readonly log: Logger,
    private readonly afterStore: (count: number) => void,
  ) {}

  /** Changes accepted but not yet stored, in order (a restore re-applies them). */
  get pending(): readonly Uint8Array[] {
    return this.unstored
  }

  /** An accepted change: store it, then send it to every connection but its author. */
  accept(update: Uint8Array, message: Uint8Array, author: Connection | null): void {
    this.accepted += 1
    this.unstored.push(update)
    this.outbox.push({ needsStored: this.accepted, to: 'all', except: author, message })
    this.schedule()
  }

  /** A reply to one connection, sent once everything accepted before it is stored. */
  send(to: Connection, message: Uint8Array): void {
    this.outbox.push({ needsStored: this.accepted, to, except: null, message })
    this.deliver()
  }

  forget(connection: Connection): void {
    this.outbox = this.outbox.filter((outgoing) => outgoing.to !== connection)
  }

  /** Resolves when everything accepted so far is stored. */
  async flush(): Promise<void> {
    while (this.unstored.length > 0 || this.writing) await (this.writing ?? this.persist())
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      if (!this.writing) void this.persist()
    })
  }

  private deliver(): void {
    let sent = 0
    for (const outgoing of this.outbox) {
      if (outgoing.needsStored > this.stored) break
      sent += 1
      if (outgoing.to !== 'all') {
        outgoing.to.send(outgoing.message)
        continue
      }
      for (const connection of this.connections()) {
        if (connection !== outgoing.except) connection.send(outgoing.message)
      }
    }
    if (sent > 0) this.outbox.splice(0, sent)
  }

  private persist(): Promise<void> {
    this.writing = this.writeAll().finally(() => {
      this.writing = null
    })
    return this.writing
  }

  private async writeAll(): Promise<void> {
    let attempt = 0
    while (this.unstored.length > 0) {
      const batch = this.unstored.slice()
      try {
        await this.storage.appendUpdates(this.document, batch)
      } catch (error) {
        const wait = STORAGE_RETRY_MS[Math.min(attempt, STORAGE_RETRY_MS.length - 1)]!
        attempt += 1
        this.log.error('storing updates failed; holding them and their relay, retrying', {
          document: this.document,
          updates: batch.length,
          retryInMs: wait,
          error: String(error),
        })
        await new Promise((resolve) => setTimeout(resolve, wait))
        continue
      }
      attempt = 0
      this.unstored.splice(0, batch.length)
      this.stored += batch.length
      this.deliver()
      this.afterStore(batch.length)
    }
  }
}
