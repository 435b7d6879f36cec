/**
 * @module Compaction merges on a worker thread (see merge-worker.ts): one lazily started worker per process,
 * which does not keep the process alive. Falls back to merging here when no worker can start (e.g. when running
 * from TypeScript sources in tests).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { pack } from '../storage/pack.js'
import { mergeStoredUpdates } from './merge-updates.js'

type Reply = { id: number; merged?: Uint8Array; error?: string }

export class MergeOffThread {
  private worker: Worker | null = null
  private next = 0
  private readonly waiting = new Map<number, { resolve(m: Uint8Array): void; reject(e: Error): void }>()

  merge = (parts: Uint8Array[]): Promise<Uint8Array> => {
    const worker = this.start()
    if (!worker) return Promise.resolve(mergeStoredUpdates(parts))
    const id = ++this.next
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      worker.ref()
      const packed = pack(parts)
      worker.postMessage({ id, packed }, [packed.bytes.buffer as ArrayBuffer])
    })
  }

  async close(): Promise<void> {
    await this.worker?.terminate()
    this.worker = null
  }

  private start(): Worker | null {
    if (this.worker) return this.worker
    const script = fileURLToPath(new URL('./merge-worker.js', import.meta.url))
    if (!existsSync(script)) return null
    const worker = new Worker(script)
    worker.unref()
    worker.on('message', ({ id, merged, error }: Reply) => {
      const waiter = this.waiting.get(id)
      this.waiting.delete(id)
      if (this.waiting.size === 0) worker.unref()
      if (!waiter) return
      if (merged) waiter.resolve(merged)
      else waiter.reject(new Error(error ?? 'merge failed'))
    })
    worker.on('error', (error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error)
      this.waiting.clear()
      this.worker = null
    })
    this.worker = worker
    return worker
  }
}
