/**
 * @module Revisions and the canonical text.
 *
 * - `GET  /api/documents/:id/text` → the live canonical text as `text/plain` (UTF-8), its SHA-256 in `X-Accord-Hash`
 * - `POST /api/documents/:id/revisions {name?, renumber?}` — secretariat or chair: publish an immutable revision
 *   (Zero draft, Rev.1, Rev.2 … unless named), also listed live in the document's `workflow.revisions`; with
 *   `renumber`, the paragraphs are numbered afresh first. A text identical to the last revision is not published.
 * - `GET  /api/documents/:id/revisions` → `[{seq, name, hash, createdAt, createdBy}]`
 * - `GET  /api/documents/:id/revisions/:seq` → the revision with its text and paragraphs
 * - `GET  /api/documents/:id/redline?from=SEQ|position&to=SEQ|live` → paragraphs matched by id, words compared;
 *   `from=position` is the text the caller's delegation last recorded a position on (in this or an earlier,
 *   reopened consensus call): "what changed since we last recorded a position"
 */
import { Hono } from 'hono'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { redline } from '../../../workflows/consensus/redline.js'
import { canonicalDocument } from '../../document/canonical.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden, notFound } from '../errors.js'
import type { Position } from '../../../workflows/consensus/positions.js'
import type { SharedDocument } from '../../collab/shared-document.js'
import { positionsOf } from '../../document/consensus.js'
import { keepRevision, revisionSummary } from '../../document/revisions.js'
import { renumber } from '../../document/numbers.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** The latest position a delegation recorded: its current one, or the last one voided by a reopening. */
function lastPositionOf(shared: SharedDocument, delegation: string): Position | undefined {
  const current = positionsOf(shared).find((p) => p.delegation === delegation)
  if (current) return current
  const voided = (shared.doc.getMap(WORKFLOW).get('voidedPositions') as Position[] | undefined) ?? []
  return voided.findLast((p) => p.delegation === delegation)
}

/** Mounted inside the documents routes, which authenticate the caller. */
export function revisionRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.get('/:id/text', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const { text, hash } = await services.registry.use(document.id, (shared) => canonicalDocument(shared.doc))
    c.header('X-Accord-Hash', hash)
    c.header('Content-Type', 'text/plain; charset=utf-8')
    return c.body(text)
  })

  app.get('/:id/revisions', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    return c.json((await services.storage.listRevisions(document.id)).map(revisionSummary))
  })

  app.get('/:id/revisions/:seq', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const revision = (await services.storage.listRevisions(document.id)).find(
      (r) => r.seq === Number(c.req.param('seq')),
    )
    if (!revision) throw notFound('The revision')
    return c.json(revision)
  })

  app.get('/:id/redline', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const revisions = await services.storage.listRevisions(document.id)
    const find = (seq: string | undefined) => revisions.find((r) => String(r.seq) === seq)
    let older = find(c.req.query('from'))
    if (c.req.query('from') === 'position') {
      const delegation = c.get('identity').delegation
      const last = await services.registry.use(document.id, (shared) => lastPositionOf(shared, delegation))
      if (!last) throw new ApiError(409, 'conflict', 'Your delegation has not recorded a position yet.')
      older = revisions.findLast((r) => r.hash === last.hash)
      if (!older)
        throw new ApiError(409, 'conflict', 'The text of your last position was not kept as a revision.')
      older = { ...older, name: `your position of ${last.at}` }
    }
    if (!older) throw badRequest('"from" must name a published revision (its number) or be "position".')
    const to = c.req.query('to') ?? 'live'
    const newer =
      to === 'live'
        ? {
            name: 'live text',
            ...(await services.registry.use(document.id, (shared) => canonicalDocument(shared.doc))),
          }
        : find(to)
    if (!newer) throw badRequest('"to" must name a published revision or be "live".')
    return c.json({
      from: older.name,
      to: newer.name,
      paragraphs: redline(older.paragraphs, newer.paragraphs),
    })
  })

  app.post('/:id/revisions', async (c) => {
    const identity = c.get('identity')
    const body = await readInput(c, INPUTS.revision)
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const revision = await services.registry.use(document.id, async (shared) => {
      if (!may(identity.role, 'publish revision', shared.stage)) {
        throw forbidden('The secretariat or the chair publishes revisions, while the text is open.')
      }
      // Numbered among the revisions people published (not the texts the server keeps on its own).
      const published = (await services.storage.listRevisions(document.id)).filter((r) =>
        /^(Zero draft|Rev\.\d+)$/.test(r.name),
      )
      const last = published.at(-1)
      if (body.renumber) shared.serverWrite('renumber paragraphs', (doc) => void renumber(doc))
      const canonical = canonicalDocument(shared.doc)
      if (last && last.hash === canonical.hash) {
        throw new ApiError(
          409,
          'same_text',
          `The text is the same as ${last.name}, published ${last.createdAt}: nothing to publish.`,
        )
      }
      const name =
        body.name !== undefined
          ? body.name
          : published.length === 0
            ? 'Zero draft'
            : `Rev.${published.length}`
      return keepRevision(
        services.storage,
        shared,
        canonical,
        name,
        identity.participant,
        new Date(services.now()).toISOString(),
      )
    })
    await services.audit.append(document.id, identity.participant, 'publish revision', {
      revision: revision.seq,
      name: revision.name,
      hash: revision.hash,
      ...(body.renumber ? { renumbered: true } : {}),
    })
    return c.json(revisionSummary(revision), 201)
  })

  return app
}
