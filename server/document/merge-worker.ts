/**
 * @module The worker thread that merges stored updates for compaction. Merging a large text takes tens of
 * milliseconds; on the main thread that would stall every relay for as long (measured: compaction was a
 * latency spike every 500 updates under load), so the server hands it to this thread.
 */
import { parentPort } from 'node:worker_threads'
import { unpack, type Packed } from '../storage/pack.js'
import { mergeStoredUpdates } from './merge-updates.js'

parentPort!.on('message', ({ id, packed }: { id: number; packed: Packed }) => {
  try {
    const merged = mergeStoredUpdates(unpack(packed))
    parentPort!.postMessage({ id, merged }, [merged.buffer as ArrayBuffer])
  } catch (error) {
    parentPort!.postMessage({ id, error: String(error) })
  }
})
