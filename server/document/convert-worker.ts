/**
 * @module The worker thread that reads one zero draft (convert-draft.ts): Word through mammoth, then Markdown
 * into a declaration. It runs with a heap limit and is terminated at a deadline, so a hostile or pathological
 * file costs this thread, never the event loop that relays everyone's typing.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { readDraft, type DraftInput } from './read-draft.js'

readDraft(workerData as DraftInput).then(
  (draft) => parentPort!.postMessage({ draft }),
  (error: unknown) =>
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
)
