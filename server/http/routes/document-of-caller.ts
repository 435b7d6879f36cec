/**
 * @module A document exists for a caller only if it belongs to the caller's own conference; any other id
 * gets the same 404 as a missing one.
 */
import type { Services } from '../context.js'
import { notFound } from '../errors.js'

export async function documentOfCaller(services: Services, id: string, participant: string) {
  const [document, caller] = await Promise.all([
    services.storage.getDocument(id),
    services.storage.getParticipant(participant),
  ])
  if (!document || !caller || document.conference !== caller.conference) throw notFound('The document')
  return document
}
