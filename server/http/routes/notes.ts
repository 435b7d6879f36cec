/**
 * @module A delegation's private notes on a declaration: `POST /api/documents/:id/notes/ticket` issues a
 * WebSocket ticket for the caller's own delegation's notes document (created on first use). No route ever
 * serves another delegation's notes: they are absent, not hidden.
 */
import { Hono } from 'hono'
import * as Y from 'yjs'
import { notesDocumentId } from '../../../workflows/document/format.js'
import type { AppEnv, Services } from '../context.js'
import { documentOfCaller } from './document-of-caller.js'
import { issueTicket } from './ticket.js'

/** Mounted inside the documents routes, which authenticate the caller. */
export function notesRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/notes/ticket', async (c) => {
    const identity = c.get('identity')
    let id = ''
    const ticket = await issueTicket(services, identity.participant, async () => {
      const declaration = await documentOfCaller(services, c.req.param('id'), identity.participant)
      id = notesDocumentId(declaration.id, identity.delegation)
      await services.storage.ensureDocument(
        {
          id,
          conference: declaration.conference,
          title: `Notes of ${identity.delegationName} on ${declaration.title}`,
          stage: 'draft',
          kind: 'notes',
        },
        Y.encodeStateAsUpdate(new Y.Doc()),
      )
      return id
    })
    return c.json({ document: id, ticket })
  })

  return app
}
