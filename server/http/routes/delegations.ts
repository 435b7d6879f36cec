/**
 * @module `GET /api/delegations`: the delegations of the caller's conference with their colours, so the
 * editor can colour suggestions and presence by delegation; `GET /api/conference`: the conference itself.
 */
import { Hono } from 'hono'
import { authenticate } from '../authenticate.js'
import type { AppEnv, Services } from '../context.js'

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
  return app
}

/** `GET /api/conference`: the caller's conference and its settings. */
export function conferenceRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))
  app.get('/', async (c) => {
    const caller = await services.storage.getParticipant(c.get('identity').participant)
    const conference = caller && (await services.storage.getConference(caller.conference))
    return c.json(conference ?? null)
  })
  return app
}
