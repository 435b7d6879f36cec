/**
 * @module Seeds the demo conference — the Ho Chi Minh City Friendship Dialogue 2022 — into empty storage:
 * its delegations, one invitation per participant (only the token's hash is stored) and the zero draft.
 */
import type { NewConference } from '../storage/storage.js'
import { HCMC_2022 } from '../../workflows/demo/hcmc-2022-conference.js'
import { hcmc2022Roster } from '../../workflows/demo/hcmc-2022-roster.js'
import { HCMC_2022_ZERO_DRAFT } from '../../workflows/demo/hcmc-2022-zero-draft.js'
import { declarationJson } from '../../workflows/document/build.js'
import { hashSecret, invitationToken } from '../auth/invitations.js'
import { declarationInitialState } from '../document/declaration-state.js'

export const DEMO_CONFERENCE_ID = 'hcmc-friendship-dialogue-2022'
export const DEMO_DOCUMENT_ID = 'closing-statement'

export function demoConference(secret: Buffer): NewConference {
  const conference = DEMO_CONFERENCE_ID
  const { delegations, participants } = hcmc2022Roster()
  const title = HCMC_2022_ZERO_DRAFT.titles[0]!.text
  return {
    conference: {
      id: conference,
      name: HCMC_2022.name,
      localName: HCMC_2022.nameVi,
      hostTimeZone: HCMC_2022.hostTimeZone,
      observersMayComment: false,
      idPrefix: '',
      hostLocality: HCMC_2022.host.locality,
      venue: HCMC_2022.plenary.venue,
      startsOn: HCMC_2022.dates.from,
      endsOn: HCMC_2022.dates.to,
    },
    delegations: delegations.map((d) => ({ ...d, conference })),
    participants: participants.map((p) => ({
      ...p,
      conference,
      tokenHash: hashSecret(invitationToken(secret, p.id)),
    })),
    documents: [
      {
        record: { id: DEMO_DOCUMENT_ID, conference, title, stage: 'draft' },
        initialState: declarationInitialState(declarationJson(HCMC_2022_ZERO_DRAFT), 'draft'),
      },
    ],
  }
}
