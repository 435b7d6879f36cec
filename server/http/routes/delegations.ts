/**
 * @module Delegations and the conference.
 *
 * - `GET  /api/delegations` → the delegations of the caller's conference with their colours, so the editor can
 *   colour suggestions and presence by delegation
 * - `POST /api/delegations {name, country}` — the secretariat admits a member delegation (a locality joining
 *   later, for instance to endorse the adopted text) → the delegation and its head's and drafter's invitations
 * - `PATCH /api/delegations/:id {name?, country?}` — the secretariat renames a delegation (names stay unique)
 * - `GET  /api/conference` → the conference itself
 */
import { Hono } from 'hono'
import { admitMember } from '../../../workflows/conference/admission.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { hashSecret, invitationToken, invitationUrl } from '../../auth/invitations.js'
import { authenticate } from '../authenticate.js'
import type { AppEnv, Services } from '../context.js'
import { sameName } from '../../../workflows/conference/roster.js'
import { ApiError, badRequest, forbidden, notFound } from '../errors.js'
import { secretariatConference } from '../secretariat.js'
import { DATES_OUT_OF_ORDER, datesInOrder } from '../../setup/conference-setup.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { linkBase } from '../link-base.js'

export function delegationRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))
  app.get('/', async (c) => {
    const caller = await services.storage.getParticipant(c.get('identity').participant)
    const delegations = caller ? await services.storage.listDelegations(caller.conference) : []
    return c.json(
      delegations.map(({ id, name, country, kind, colour }) => ({ id, name, country, kind, colour })),
    )
  })

  app.post('/', async (c) => {
    const identity = c.get('identity')
    // Conference-wide: the stage does not matter, so ask the rulebook with any stage.
    if (!may(identity.role, 'admit delegation', 'draft'))
      throw forbidden('The secretariat admits delegations.')
    const body = await readInput(c, INPUTS.delegation)
    const [name, country] = [body.name.normalize('NFC'), body.country.normalize('NFC')]
    const caller = await services.storage.getParticipant(identity.participant)
    const conference = caller && (await services.storage.getConference(caller.conference))
    if (!caller || !conference) throw forbidden('Unknown participant.')
    const existing = await services.storage.listDelegations(caller.conference)
    const { delegation, participants } = admitMember(name, country, existing, conference.idPrefix ?? '')
    await services.storage.addDelegation(
      { ...delegation, conference: caller.conference },
      participants.map((p) => ({
        ...p,
        conference: caller.conference,
        tokenHash: hashSecret(invitationToken(services.invitationSecret, p.id)),
      })),
    )
    const origin = linkBase(services, c.req.url)
    for (const document of await services.storage.listDocuments(caller.conference))
      await services.audit.append(document.id, identity.participant, 'admit delegation', { ...delegation })
    services.log.info('delegation admitted', { delegation: delegation.id, by: identity.participant })
    return c.json(
      {
        ...delegation,
        invitations: participants.map((p) => {
          const token = invitationToken(services.invitationSecret, p.id)
          return { participant: p.id, role: p.role, name: p.name, token, url: invitationUrl(origin, token) }
        }),
      },
      201,
    )
  })
  app.patch('/:id', async (c) => {
    const conference = await secretariatConference(services, c)
    const change = await readInput(c, INPUTS.delegationChange)
    const delegation = await services.storage.getDelegation(c.req.param('id'))
    // Another conference's delegation is as unknown as a missing one.
    if (!delegation || delegation.conference !== conference.id) throw notFound('The delegation')
    const name = change.name?.normalize('NFC') ?? delegation.name
    const others = (await services.storage.listDelegations(conference.id)).filter(
      (d) => d.id !== delegation.id,
    )
    if (others.some((d) => sameName(d.name) === sameName(name)))
      throw new ApiError(409, 'name_taken', `Another delegation is named ${name}.`)
    const renamed = { ...delegation, name, country: change.country?.normalize('NFC') ?? delegation.country }
    await services.storage.applyRoster(conference.id, {
      createDelegations: [],
      updateDelegations: [renamed],
      createParticipants: [],
      updateParticipants: [],
    })
    services.log.info('delegation changed', { delegation: delegation.id, by: c.get('identity').participant })
    const { id, country, kind, colour } = renamed
    return c.json({ id, name, country, kind, colour })
  })
  return app
}

/**
 * `GET /api/conference`: the caller's conference and its settings; `PATCH /api/conference {name?, localName?,
 * hostTimeZone?, hostLocality?, venue?, startsOn?, endsOn?, observersMayComment?}`: its secretariat changes them.
 */
export function conferenceRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))
  app.get('/', async (c) => {
    const caller = await services.storage.getParticipant(c.get('identity').participant)
    const conference = caller && (await services.storage.getConference(caller.conference))
    return c.json(conference ?? null)
  })
  app.patch('/', async (c) => {
    const conference = await secretariatConference(services, c)
    const change = await readInput(c, INPUTS.conferenceChange)
    if (!datesInOrder({ ...conference, ...change })) throw badRequest(`"endsOn": ${DATES_OUT_OF_ORDER}`)
    await services.storage.updateConference(conference.id, change)
    services.log.info('conference changed', { conference: conference.id, by: c.get('identity').participant })
    return c.json(await services.storage.getConference(conference.id))
  })
  return app
}
