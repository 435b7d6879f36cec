/**
 * @module Who sets up a conference: its secretariat. The one guard of the setup routes (roster, invitations,
 * participants, delegations, documents, the conference's facts): the caller's own conference, if the caller is its
 * secretariat — another conference is never reachable from here.
 */
import type { Context } from 'hono'
import { may } from '../../workflows/rules/rulebook.js'
import type { ConferenceRecord } from '../storage/storage.js'
import type { AppEnv, Services } from './context.js'
import { forbidden } from './errors.js'

/** The caller's conference, if the caller is its secretariat. */
export async function secretariatConference(
  services: Services,
  c: Context<AppEnv>,
): Promise<ConferenceRecord> {
  const identity = c.get('identity')
  // Conference-wide: the stage does not matter, so ask the rulebook with any stage.
  if (!may(identity.role, 'manage roster', 'draft'))
    throw forbidden("The conference's secretariat sets it up: its roster, invitations and documents.")
  const caller = await services.storage.getParticipant(identity.participant)
  const conference = caller && (await services.storage.getConference(caller.conference))
  if (!conference) throw forbidden('Unknown participant.')
  return conference
}
