/**
 * @module Documents of the caller's conference: `GET /api/documents` lists them with their stage;
 * `POST /api/documents/:id/ticket` issues a WebSocket ticket for one of them.
 */
import { Hono } from 'hono'
import { authenticate } from '../authenticate.js'
import type { AppEnv, Services } from '../context.js'
import { notFound } from '../errors.js'

export function documentRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))

  /** The document, if it exists in the caller's own conference; other conferences' documents do not exist for them. */
  async function documentOfCaller(id: string, participant: string) {
    const [document, caller] = await Promise.all([
      services.storage.getDocument(id),
      services.storage.getParticipant(participant),
    ])
    if (!document || !caller || document.conference !== caller.conference) throw notFound('The document')
    return document
  }

  app.get('/', async (c) => {
    const caller = await services.storage.getParticipant(c.get('identity').participant)
    const documents = caller ? await services.storage.listDocuments(caller.conference) : []
    return c.json(documents.map(({ id, title, stage }) => ({ id, title, stage })))
  })

  app.post('/:id/ticket', async (c) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(c.req.param('id'), identity.participant)
    return c.json({ ticket: services.tickets.issue(identity.participant, document.id) })
  })

  return app
}
