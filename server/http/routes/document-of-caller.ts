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
  // A delegation's private notes are not a declaration: they are reached only through the notes route.
  if (
    !document ||
    !caller ||
    document.conference !== caller.conference ||
    (document.kind ?? 'declaration') !== 'declaration'
  ) {
    throw notFound('The document')
  }
  return document
}
