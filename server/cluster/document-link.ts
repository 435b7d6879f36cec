/**
 * @module One served document's link to the other Accord processes serving it. Changes stored here are
 * published; changes stored elsewhere are applied and relayed to this process's clients; presence goes
 * both ways. The link joins the bus before the document loads, and holds what arrives until the loaded
 * document is attached, so nothing falls between the load and the subscription.
 *
 * Convergence does not rest on the bus: every `clusterSyncIntervalMs` each process publishes a Yjs snapshot
 * (state vector and delete set) of the document. A process that sees another's snapshot not contained in
 * its own looks again a moment later (the change may just be in flight), and if it is still missing,
 * catches up from storage — which holds every change that was ever relayed. After a bus reconnection it
 * catches up at once.
 */
import * as Y from 'yjs'
import { LIMITS } from '../collab/limits.js'
import type { SharedDocument } from '../collab/shared-document.js'
import type { Logger } from '../logger.js'
import { BUS_MESSAGE, type BusMessage, type DocumentBus, type DocumentChannel } from './bus.js'

/** How long a missing change may be in flight before the document catches up from storage. */
const IN_FLIGHT_GRACE_MS = 1_000

export class DocumentLink {
  private shared: SharedDocument | null = null
  private early: (BusMessage | 'reconnected')[] = []
  private channel!: DocumentChannel
  private timer: NodeJS.Timeout | null = null
  private readonly rechecks = new Set<NodeJS.Timeout>()
  private catchingUp: Promise<void> | null = null
  private left = false

  private constructor(
    private readonly document: string,
    private readonly log: Logger,
  ) {}

  /** Subscribes to the document's messages (before it loads). */
  static async join(bus: DocumentBus, document: string, log: Logger): Promise<DocumentLink> {
    const link = new DocumentLink(document, log)
    link.channel = await bus.join(document, {
      message: (message) => link.receive(message),
      reconnected: () => link.receive('reconnected'),
    })
    return link
  }

  /** The loaded document: from now on it publishes and receives. */
  attach(shared: SharedDocument): void {
    this.shared = shared
    shared.replicate({
      stored: (update) => this.channel.publish(BUS_MESSAGE.update, update),
      presence: (update) => this.channel.publish(BUS_MESSAGE.presence, update),
    })
    for (const message of this.early.splice(0)) this.receive(message)
    this.channel.publish(BUS_MESSAGE.presenceQuery, new Uint8Array())
    this.timer = setInterval(() => this.publishSnapshot(), LIMITS.clusterSyncIntervalMs)
    this.timer.unref()
  }

  async leave(): Promise<void> {
    this.left = true
    if (this.timer) clearInterval(this.timer)
    for (const timer of this.rechecks) clearTimeout(timer)
    this.rechecks.clear()
    await this.channel.leave()
  }

  private receive(message: BusMessage | 'reconnected'): void {
    const shared = this.shared
    if (this.left) return
    if (!shared) {
      this.early.push(message)
      return
    }
    if (message === 'reconnected') {
      this.catchUp('the bus reconnected')
      this.channel.publish(BUS_MESSAGE.presenceQuery, new Uint8Array())
      this.publishSnapshot()
      return
    }
    switch (message.kind) {
      case BUS_MESSAGE.update:
        shared.applyRemote(message.payload)
        return
      case BUS_MESSAGE.presence:
        shared.presence.applyRemote(message.payload)
        return
      case BUS_MESSAGE.presenceQuery: {
        const local = shared.presence.localSnapshot()
        if (local) this.channel.publish(BUS_MESSAGE.presence, local)
        return
      }
      case BUS_MESSAGE.stateVector:
        this.compare(Y.decodeSnapshot(message.payload), message.from)
        return
    }
  }

  private publishSnapshot(): void {
    if (this.shared && !this.left)
      this.channel.publish(BUS_MESSAGE.stateVector, Y.encodeSnapshot(Y.snapshot(this.shared.doc)))
  }

  /** Another process's snapshot: if it holds changes we lack, give them a moment, then catch up. */
  private compare(theirs: Y.Snapshot, from: string): void {
    if (!this.shared || contains(Y.snapshot(this.shared.doc), theirs)) return
    const timer = setTimeout(() => {
      this.rechecks.delete(timer)
      if (this.shared && !this.left && !contains(Y.snapshot(this.shared.doc), theirs))
        this.catchUp(`process ${from} has changes this one lacks`)
    }, IN_FLIGHT_GRACE_MS)
    timer.unref()
    this.rechecks.add(timer)
  }

  private catchUp(reason: string): void {
    const shared = this.shared
    if (!shared || this.catchingUp) return
    this.log.info('catching up from storage', { document: this.document, reason })
    this.catchingUp = shared
      .catchUp()
      .catch((error: unknown) =>
        this.log.error('catching up from storage failed', { document: this.document, error: String(error) }),
      )
      .finally(() => {
        this.catchingUp = null
      })
  }
}

/** Whether snapshot `ours` includes every insertion and deletion of `theirs`. */
function contains(ours: Y.Snapshot, theirs: Y.Snapshot): boolean {
  for (const [client, clock] of theirs.sv) if ((ours.sv.get(client) ?? 0) < clock) return false
  return Y.equalDeleteSets(Y.mergeDeleteSets([ours.ds, theirs.ds]), ours.ds)
}
