/**
 * @module Invitations and participants of the caller's conference: changed by its secretariat only.
 *
 * - `GET  /api/invitations?format=json|csv|pdf` → every participant's link: as JSON, as a CSV for a mail merge, or
 *   as a PDF of invitation cards (name, delegation, role, the link as a QR code and as text) for the desk
 * - `GET  /api/participants` → the list of participants (any participant may read it): id, name, function,
 *   delegation, role — no e-mail, no link
 * - `POST /api/participants {delegation, country, name, function, role, email}` → adds one: `{participant, url}`
 * - `PATCH /api/participants/:id {name?, function?, role?, email?}` → renames, changes role …
 * - `DELETE /api/participants/:id` → removes one: signed out for good, kept on what they did
 *   (each held to the roster file's rules: 422 `roster_refused` with the reason; nobody changes or removes themself)
 * - `POST /api/participants/:id/invitation` → revokes the participant's link (a lost card) and issues a new one:
 *   their sessions end and their open connections close; → `{participant, token, url}`
 */
import { inLanguage } from '../../../workflows/i18n/server-messages.js'
import { languageOf } from '../language.js'
import { Hono } from 'hono'
import { refusedRosterChange } from '../../../workflows/rules/rulebook.js'
import type { ListedParticipant } from '../../../workflows/conference/conference.js'
import { invitationToken, invitationUrl } from '../../auth/invitations.js'
import { CLOSE } from '../../collab/limits.js'
import { invitationCardsOffThread } from '../../export/cards-off-thread.js'
import { UnsupportedCharactersError } from '../../export/pdf-text.js'
import { invitationsCsv, listInvitations, reissueInvitation } from '../../invites.js'
import { editRoster, type RosterEdit } from '../../roster/edit-roster.js'
import { authenticate } from '../authenticate.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import type { Context } from 'hono'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden, notFound } from '../errors.js'
import { linkBase } from '../link-base.js'
import { secretariatConference } from '../secretariat.js'

export function invitationRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))
  app.get('/', async (c) => {
    const conference = await secretariatConference(services, c)
    const invitations = await listInvitations(
      services.storage,
      services.invitationSecret,
      linkBase(services, c.req.url),
      conference.id,
    )
    const format = c.req.query('format') ?? 'json'
    if (format === 'json') return c.json(invitations)
    c.header('Content-Disposition', `attachment; filename="invitations-${conference.id}.${format}"`)
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8')
      return c.body(invitationsCsv(invitations))
    }
    if (format !== 'pdf') throw badRequest('format is json, csv or pdf.')
    const pdf = await invitationCardsOffThread({ conference, invitations, language: languageOf(c) }).catch(
      (error: unknown) => {
        if (error instanceof UnsupportedCharactersError)
          throw new ApiError(422, 'unsupported_characters', error.message)
        throw error
      },
    )
    c.header('Content-Type', 'application/pdf')
    return c.body(pdf as Uint8Array<ArrayBuffer>)
  })
  return app
}

/** The delegation the room's screens belong to (as observers are a delegation of their own). */
const ROOM_SCREENS = 'Room screens'

export function participantRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))

  // The list of participants, as a conference publishes it: who speaks for which delegation, never their e-mail.
  // Those removed since stay listed (marked), so that what they proposed keeps its author's name.
  app.get('/', async (c) => {
    const caller = await services.storage.getParticipant(c.get('identity').participant)
    if (!caller) throw forbidden('Unknown participant.')
    const all = await services.storage.listParticipants(caller.conference, true)
    return c.json(
      all.map((p): ListedParticipant => ({
        id: p.id,
        name: p.name,
        function: p.function ?? '',
        delegation: p.delegation,
        role: p.role,
        ...(p.removedAt ? { removed: true as const } : {}),
      })),
    )
  })

  /** Does an edit, answering 422 with the problems, 404 for a participant not of this conference. */
  const edit = async (c: Context<AppEnv>, change: RosterEdit) => {
    const conference = await secretariatConference(services, c)
    const outcome = await editRoster(services.storage, services.invitationSecret, conference, change)
    if ('unknown' in outcome) throw notFound('The participant')
    if ('problems' in outcome)
      throw new ApiError(
        422,
        'roster_refused',
        // Each problem said in the caller's language here: joined, they are no longer one catalogue entry.
        outcome.problems.map((p) => inLanguage(languageOf(c), p.message)).join(' '),
      )
    services.log.info('roster edited', {
      participant: outcome.participant,
      by: c.get('identity').participant,
    })
    return outcome.participant
  }
  const notSelf = (c: Context<AppEnv>) => {
    const refused = refusedRosterChange(c.get('identity').participant, c.req.param('id') ?? '')
    if (refused) throw forbidden(refused)
  }

  app.post('/', async (c) => {
    const line = await readInput(c, INPUTS.participant)
    const participant = await edit(c, { add: line })
    // A new participant's invitation is the first generation's.
    const token = invitationToken(services.invitationSecret, participant)
    return c.json({ participant, url: invitationUrl(linkBase(services, c.req.url), token) }, 201)
  })

  // The room's screen (meeting mode): an observer of a delegation of its own ("Room screens"), whose invitation opens
  // the projector's page — read-only, large type, following the floor.
  app.post('/screens', async (c) => {
    const { name } = await readInput(c, INPUTS.screen)
    const line = { delegation: ROOM_SCREENS, country: '', name, function: '', role: 'observer', email: '' }
    const participant = await edit(c, { add: line, screen: true })
    const token = invitationToken(services.invitationSecret, participant)
    return c.json({ participant, url: invitationUrl(linkBase(services, c.req.url), token) }, 201)
  })

  app.patch('/:id', async (c) => {
    notSelf(c)
    const change = await readInput(c, INPUTS.participantChange)
    return c.json({ participant: await edit(c, { participant: c.req.param('id'), change }) })
  })

  app.delete('/:id', async (c) => {
    notSelf(c)
    const participant = await edit(c, { participant: c.req.param('id'), remove: true })
    services.registry.closeConnectionsOf(participant, CLOSE.signedOut, 'removed from the conference')
    return c.body(null, 204)
  })

  app.post('/:id/invitation', async (c) => {
    const conference = await secretariatConference(services, c)
    const participant = await services.storage.getParticipant(c.req.param('id'))
    // Another conference's participant is as unknown as a missing one.
    if (!participant || participant.conference !== conference.id) throw notFound('The participant')
    const { token, url } = await reissueInvitation(
      services.storage,
      services.invitationSecret,
      participant.id,
      linkBase(services, c.req.url),
    )
    services.registry.closeConnectionsOf(participant.id, CLOSE.signedOut, 'invitation revoked')
    services.log.info('invitation revoked and reissued', {
      participant: participant.id,
      by: c.get('identity').participant,
    })
    return c.json({ participant: participant.id, token, url })
  })
  return app
}
