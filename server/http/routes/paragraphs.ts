/**
 * @module `POST /api/documents/:id/paragraphs/:paragraph/status {status}`: the chair marks a paragraph open,
 * agreed ad referendum or agreed. Written by the server into the paragraph, recorded in the audit log.
 */
import { Hono } from 'hono'
import { isParagraphStatus, PARAGRAPH_STATUSES } from '../../../workflows/document/format.js'
import { trySetParagraphStatus } from '../../../workflows/rules/paragraph-status.js'
import { findParagraph, statusOf } from '../../document/paragraphs.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden, notFound } from '../errors.js'
import { readJsonObject } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** Mounted inside the documents routes, which authenticate the caller. */
export function paragraphRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/paragraphs/:paragraph/status', async (c) => {
    const identity = c.get('identity')
    const body = await readJsonObject(c)
    if (!isParagraphStatus(body.status))
      throw badRequest(`"status" must be one of: ${PARAGRAPH_STATUSES.join(', ')}.`)
    const to = body.status
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const paragraphId = c.req.param('paragraph')
    const from = await services.registry.use(document.id, (shared) => {
      const paragraph = findParagraph(shared.doc, paragraphId)
      if (!paragraph) throw notFound('The paragraph')
      const current = statusOf(paragraph)
      const decision = trySetParagraphStatus(identity.role, shared.stage, current, to)
      if (!decision.ok)
        throw decision.code === 'forbidden'
          ? forbidden(decision.refused)
          : new ApiError(409, 'conflict', decision.refused)
      shared.serverWrite('set paragraph status', () => paragraph.setAttribute('status', to))
      return current
    })
    await services.audit.append(document.id, identity.participant, 'set paragraph status', {
      paragraph: paragraphId,
      from,
      to,
    })
    return c.json({ paragraph: paragraphId, status: to })
  })

  return app
}
