/**
 * @module Paragraph-level actions:
 * - `POST /api/documents/:id/paragraphs/:paragraph/status {status}` — the chair marks a paragraph open, agreed
 *   ad referendum or agreed (written into the paragraph, recorded in the audit log);
 * - `POST|DELETE /api/documents/:id/paragraphs/:paragraph/clearance` — during the negotiation a head marks (or
 *   unmarks) a paragraph its delegation can accept, bound to the paragraph's current words;
 * - `GET /api/documents/:id/clearances` → paragraph id → how many delegations cleared it as it stands.
 */
import { Hono } from 'hono'
import {
  clearanceCounts,
  paragraphHash,
  withClearance,
  type Clearances,
} from '../../../workflows/consensus/clearances.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { may } from '../../../workflows/rules/rulebook.js'
import type { SharedDocument } from '../../collab/shared-document.js'
import { canonicalDocument } from '../../document/canonical.js'
import { trySetParagraphStatus } from '../../../workflows/rules/paragraph-status.js'
import { findParagraph, statusOf } from '../../document/paragraphs.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, forbidden, notFound } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** Mounted inside the documents routes, which authenticate the caller. */
export function paragraphRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/paragraphs/:paragraph/status', async (c) => {
    const identity = c.get('identity')
    const { status: to } = await readInput(c, INPUTS.paragraphStatus)
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const paragraphId = c.req.param('paragraph')
    const from = await services.registry.change(document.id, (shared) => {
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

  app.get('/:id/clearances', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    return c.json(
      await services.registry.use(document.id, (shared) =>
        clearanceCounts(clearancesOf(shared), canonicalDocument(shared.doc).paragraphs),
      ),
    )
  })

  for (const method of ['post', 'delete'] as const) {
    app[method]('/:id/paragraphs/:paragraph/clearance', async (c) => {
      const identity = c.get('identity')
      const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
      const paragraphId = c.req.param('paragraph')
      await services.registry.change(document.id, (shared) => {
        if (!may(identity.role, 'clear paragraph', shared.stage)) {
          throw forbidden("A delegation's head marks the paragraphs it can accept, during the negotiation.")
        }
        const paragraph = canonicalDocument(shared.doc).paragraphs.find((p) => p.id === paragraphId)
        if (!paragraph) throw notFound('The paragraph')
        const hash = method === 'post' ? paragraphHash(paragraph.text) : null
        shared.serverWrite('clear paragraph', (doc) =>
          doc
            .getMap(WORKFLOW)
            .set('clearances', withClearance(clearancesOf(shared), paragraphId, identity.delegation, hash)),
        )
      })
      await services.audit.append(
        document.id,
        identity.participant,
        method === 'post' ? 'clear paragraph' : 'withdraw clearance',
        {
          paragraph: paragraphId,
          delegation: identity.delegation,
        },
      )
      return c.json({ paragraph: paragraphId, cleared: method === 'post' })
    })
  }

  return app
}

function clearancesOf(shared: SharedDocument): Clearances {
  return (shared.doc.getMap(WORKFLOW).get('clearances') as Clearances | undefined) ?? {}
}
