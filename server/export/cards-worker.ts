/**
 * @module The worker thread that draws one sheet of invitation cards (cards-off-thread.ts): 5,000 cards take
 * ~18 s, which on the event loop would stop every delegate's typing for as long.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { invitationCardsPdf, type CardsInput } from './invitation-cards.js'

const { conference, invitations, language } = workerData as CardsInput
invitationCardsPdf(conference, invitations, language).then(
  (pdf) => parentPort!.postMessage({ pdf }, [pdf.buffer as ArrayBuffer]),
  (error: unknown) =>
    parentPort!.postMessage({
      error: error instanceof Error ? error.message : String(error),
      unsupported: error instanceof Error && error.name === 'UnsupportedCharactersError',
    }),
)
