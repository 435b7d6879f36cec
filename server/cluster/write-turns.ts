/**
 * @module Turns to write a document on the server's own authority, across Accord processes.
 *
 * The server keeps the speakers' list, support, positions and signatures as whole values in the document's
 * `workflow` map, and changes them by reading the value and writing the next one. Two processes doing so at the
 * same moment would each write a value built without the other's change, and the Yjs map keeps only one: a
 * request for the floor, a supporter or a position, acknowledged to its sender, would be gone. So such a change
 * takes a turn: one process at a time per document (a lock in Redis, with an expiry in case its holder dies), and
 * on taking it the process first waits until it has the previous turn's change — the turn leaves behind the
 * document's state vector after it (its *mark*), and the next holder waits for the bus to bring that much, or
 * catches up from storage, before it reads.
 *
 * A single process needs none of this (its changes are made one after another in one event loop).
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

/** What a turn ran, and the mark it leaves for the next. */
export interface TurnResult<T> {
  value: T
  mark: Uint8Array
}

export interface WriteTurns {
  /**
   * Runs `write` while no other process holds the document's turn; `write` is given the mark the previous turn
   * left (null: none yet). Rejects with `TurnUnavailable` when the turn cannot be had (Redis down, or held for
   * longer than `waitMs`): nothing is then written.
   */
  take<T>(document: string, write: (mark: Uint8Array | null) => Promise<TurnResult<T>>): Promise<T>
}

export class TurnUnavailable extends Error {}

/** A turn longer than this is taken to belong to a process that died in it. */
const TURN_EXPIRY_MS = 10_000
/** How long a process waits for another's turn to end before it gives up (and its caller is asked to retry). */
const WAIT_MS = 5_000

/**
 * Ends the turn — setting the mark, when one is given — only if the turn is still ours (it may have expired and
 * passed on).
 */
const END_TURN = `
if redis.call('get', KEYS[1]) == ARGV[1] then
  if ARGV[2] ~= '' then redis.call('set', KEYS[2], ARGV[2]) end
  return redis.call('del', KEYS[1])
end
return 0`

export class RedisWriteTurns implements WriteTurns {
  constructor(private readonly redis: Redis) {}

  async take<T>(document: string, write: (mark: Uint8Array | null) => Promise<TurnResult<T>>): Promise<T> {
    const turn = `accord:turn:${document}`
    const markKey = `accord:turn-mark:${document}`
    const token = randomBytes(12).toString('hex')
    const giveUpAt = Date.now() + WAIT_MS
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      const taken = await this.redis.set(turn, token, 'PX', TURN_EXPIRY_MS, 'NX').catch((error: unknown) => {
        throw new TurnUnavailable(`Redis did not answer: ${String(error)}`)
      })
      if (taken === 'OK') break
      if (Date.now() > giveUpAt) throw new TurnUnavailable('another process has held the turn too long')
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
    let result: TurnResult<T> | undefined
    try {
      const mark = await this.redis.getBuffer(markKey)
      result = await write(mark ? new Uint8Array(mark) : null)
      return result.value
    } finally {
      // Ends the turn whatever happened; the mark moves on only after a write that finished.
      await this.redis
        .eval(END_TURN, 2, turn, markKey, token, result ? Buffer.from(result.mark) : '')
        .catch(() => undefined) // Then the turn expires by itself.
    }
  }
}
