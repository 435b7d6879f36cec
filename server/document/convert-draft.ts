/**
 * @module A zero draft is read off the event loop, bounded in time and memory: one worker thread per import
 * (imports are rare; a fresh thread gives each a clean heap and can be killed outright), with a heap limit of
 * `LIMITS.conversionMemoryMb` and a deadline of `LIMITS.conversionTimeoutMs`. A Word file whose XML is built to
 * be slow or large to read then fails with a clear reason instead of stalling every delegate's typing — mammoth
 * on a 100 MB inflated document once held the event loop for 141 s at 3.9 GB.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ImportedDraft } from '../../workflows/document/import-draft.js'
import { LIMITS } from '../collab/limits.js'
import { readDraft, UnreadableDraft, type DraftInput } from './read-draft.js'

/** Why a draft could not be converted within its bounds. */
export class ConversionBound extends Error {
  constructor(
    readonly bound: 'time' | 'memory',
    message: string,
  ) {
    super(message)
  }
}

export { UnreadableDraft }

const WORKER = fileURLToPath(new URL('./convert-worker.js', import.meta.url))

export function convertDraft(input: DraftInput): Promise<ImportedDraft> {
  // Running from TypeScript sources (unit tests) there is no compiled worker: read it here.
  if (!existsSync(WORKER)) return readDraft(input)
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: LIMITS.conversionMemoryMb, maxYoungGenerationSizeMb: 32 },
    })
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      void worker.terminate()
      outcome()
    }
    const deadline = setTimeout(
      () =>
        settle(() =>
          reject(
            new ConversionBound(
              'time',
              `Reading this draft took longer than ${LIMITS.conversionTimeoutMs / 1000} s; nothing was imported.`,
            ),
          ),
        ),
      LIMITS.conversionTimeoutMs,
    )
    worker.on('message', (reply: { draft?: ImportedDraft; error?: string }) =>
      settle(() =>
        reply.draft ? resolve(reply.draft) : reject(new UnreadableDraft(reply.error ?? 'unreadable')),
      ),
    )
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ConversionBound(
                'memory',
                `Reading this draft needs more than ${LIMITS.conversionMemoryMb} MB; nothing was imported.`,
              )
            : new UnreadableDraft(`This draft could not be read (${error.message}).`),
        ),
      ),
    )
    worker.on('exit', (code) =>
      settle(() =>
        reject(new UnreadableDraft(`This draft could not be read (the reader stopped with ${code}).`)),
      ),
    )
  })
}
