/**
 * @module The document bus over Redis pub/sub (ioredis): one channel per document, one connection to
 * publish and one to subscribe. Publishing never waits for Redis and never queues while it is down (a
 * message that cannot be sent is dropped: its change is stored, and the others catch up from storage when
 * their state vectors disagree or the bus comes back). On every reconnection the subscriber subscribes
 * to its channels again and tells each document to catch up.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import {
  decodeBusMessage,
  encodeBusMessage,
  type BusMessageKind,
  type DocumentBus,
  type DocumentBusHandlers,
  type DocumentChannel,
} from './bus.js'
import { RedisWriteTurns, type WriteTurns } from './write-turns.js'

const channelOf = (document: string) => `accord:document:${document}`

export class RedisBus implements DocumentBus {
  readonly node = randomBytes(8).toString('hex')
  private readonly publisher: Redis
  private readonly subscriber: Redis
  /** Turns to change a document on the server's authority, one process at a time (server/cluster/write-turns.ts). */
  readonly turns: WriteTurns
  private readonly documents = new Map<string, DocumentBusHandlers>()
  private wasReady = false
  private closing = false

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const options = {
      // Reconnect for ever, quickly at first: a restarted Redis is back within seconds.
      retryStrategy: (attempt: number) => Math.min(50 * attempt, 2000),
      maxRetriesPerRequest: null,
    }
    this.publisher = new Redis(url, { ...options, enableOfflineQueue: false })
    this.subscriber = new Redis(url, { ...options, autoResubscribe: false })
    for (const [name, connection] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      connection.on('error', (error: Error) => {
        if (!this.closing) this.log.warn('redis connection error', { connection: name, error: error.message })
      })
    }
    this.turns = new RedisWriteTurns(this.publisher)
    this.subscriber.on('ready', () => void this.onSubscriberReady())
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.onMessage(channel, message),
    )
  }

  /** Resolves when both connections are up (or rejects after `timeoutMs`). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const wait = (connection: Redis) =>
      connection.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('redis did not become ready')), timeoutMs)
            connection.once('ready', () => {
              clearTimeout(timer)
              resolve()
            })
          })
    await Promise.all([wait(this.publisher), wait(this.subscriber)])
  }

  async join(document: string, handlers: DocumentBusHandlers): Promise<DocumentChannel> {
    const channel = channelOf(document)
    this.documents.set(channel, handlers)
    if (this.subscriber.status === 'ready') {
      await this.subscriber.subscribe(channel).catch((error: Error) => {
        this.log.warn('redis subscribe failed; catching up when it is back', {
          document,
          error: error.message,
        })
      })
    }
    return {
      publish: (kind: BusMessageKind, payload: Uint8Array) => {
        if (this.publisher.status !== 'ready') return
        this.publisher
          .publish(channel, encodeBusMessage({ kind, from: this.node, payload }))
          .catch((error: Error) => this.log.warn('redis publish failed', { document, error: error.message }))
      },
      leave: async () => {
        if (this.documents.get(channel) !== handlers) return
        this.documents.delete(channel)
        if (this.subscriber.status === 'ready')
          await this.subscriber.unsubscribe(channel).catch(() => undefined)
      },
    }
  }

  async close(): Promise<void> {
    this.closing = true
    this.documents.clear()
    this.publisher.disconnect()
    this.subscriber.disconnect()
  }

  private async onSubscriberReady(): Promise<void> {
    const channels = [...this.documents.keys()]
    if (channels.length > 0) {
      await this.subscriber.subscribe(...channels).catch((error: Error) => {
        this.log.warn('redis resubscribe failed', { error: error.message })
      })
    }
    // Documents opened while the bus was down (or before it first came up) missed messages too.
    if (this.wasReady)
      this.log.info('redis is back; open documents catch up from storage', { documents: channels.length })
    this.wasReady = true
    for (const handlers of this.documents.values()) handlers.reconnected()
  }

  private onMessage(channel: Buffer, bytes: Buffer): void {
    const handlers = this.documents.get(channel.toString())
    if (!handlers) return
    try {
      const message = decodeBusMessage(bytes)
      if (message.from !== this.node) handlers.message(message)
    } catch (error) {
      this.log.warn('ignoring a malformed bus message', { channel: channel.toString(), error: String(error) })
    }
  }
}
