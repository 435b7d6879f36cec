/**
 * @module Invitation cards drawn on a worker thread, so that printing a large conference's cards never holds the
 * event loop that relays everyone's typing. A name the font cannot draw comes back as the same refusal.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { invitationCardsPdf, type CardsInput } from './invitation-cards.js'
import { UnsupportedCharactersError } from './pdf-text.js'

const WORKER = fileURLToPath(new URL('./cards-worker.js', import.meta.url))

export function invitationCardsOffThread(input: CardsInput): Promise<Uint8Array> {
  // Running from TypeScript sources (unit tests) there is no compiled worker: draw them here.
  if (!existsSync(WORKER)) return invitationCardsPdf(input.conference, input.invitations, input.language)
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input })
    worker.once('message', (reply: { pdf?: Uint8Array; error?: string; unsupported?: boolean }) => {
      void worker.terminate()
      if (reply.pdf) resolve(reply.pdf)
      else if (reply.unsupported) reject(new UnsupportedCharactersError([], reply.error))
      else reject(new Error(reply.error ?? 'the cards could not be drawn'))
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the cards' worker stopped with ${code}`)))
  })
}
