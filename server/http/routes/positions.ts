/**
 * @module The consensus call: positions and the consensus grid.
 *
 * - `POST /api/documents/:id/positions {kind, statement?, paragraphs?}` — a head (the chair for the host)
 *   records its delegation's position, bound to the hash of the frozen text
 * - `GET  /api/documents/:id/consensus` → every member delegation's position on the current text (with its
 *   statement or reason, the paragraphs a reservation concerns with their numbers, who recorded it and when),
 *   counts, whether consensus holds, and the objections
 *
 * Positions live in the document's `workflow` map (written by the server only), so the grid is live in every
 * browser; each position and each voiding (on reopening negotiation) is in the audit log.
 */
import { Hono } from 'hono'
import { tryRecordPosition, type Position } from '../../../workflows/consensus/positions.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { objectionEffect, silenceState, type Silence } from '../../../workflows/consensus/silence.js'
import { consensusOf, silenceOf } from '../../document/consensus.js'
import { canonicalDocument } from '../../document/canonical.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, forbidden } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** Mounted inside the documents routes, which authenticate the caller. */
export function positionRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/positions', async (c) => {
    const identity = c.get('identity')
    const body = await readInput(c, INPUTS.position)
    const { statement, paragraphs } = body
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    let brokeSilence = false
    const position = await services.registry.change(document.id, (shared) => {
      const text = canonicalDocument(shared.doc)
      const decision = tryRecordPosition(
        identity.role,
        shared.stage,
        { kind: body.kind as Position['kind'], statement, paragraphs },
        new Set(text.paragraphs.map((p) => p.id)),
      )
      if (!decision.ok)
        throw decision.code === 'forbidden'
          ? forbidden(decision.refused)
          : new ApiError(409, 'conflict', decision.refused)
      const silence = silenceOf(shared)
      const effect = body.kind === 'object' ? objectionEffect(silenceState(silence, services.now())) : 'none'
      if (effect === 'too late')
        throw new ApiError(
          409,
          'conflict',
          `The silence procedure ended at ${silence?.deadline} with no objection: consensus holds.`,
        )
      const recorded: Position = {
        delegation: identity.delegation,
        kind: body.kind as Position['kind'],
        ...(statement ? { statement } : {}),
        ...(paragraphs?.length ? { paragraphs: [...new Set(paragraphs)] } : {}),
        hash: text.hash,
        participant: identity.participant,
        at: new Date(services.now()).toISOString(),
      }
      shared.serverWrite('record position', (doc) => {
        const workflow = doc.getMap(WORKFLOW)
        const all = (workflow.get('positions') as Record<string, Position> | undefined) ?? {}
        workflow.set('positions', { ...all, [identity.delegation]: recorded })
        // An objection before the deadline breaks the silence at once, with its time.
        if (effect === 'breaks silence' && silence) {
          brokeSilence = true
          workflow.set('silence', {
            ...silence,
            broken: { delegation: identity.delegation, at: recorded.at },
          } satisfies Silence)
        }
      })
      return recorded
    })
    await services.audit.append(document.id, identity.participant, 'record position', { ...position })
    if (brokeSilence)
      await services.audit.append(document.id, identity.participant, 'break silence', {
        delegation: position.delegation,
        at: position.at,
      })
    return c.json(position, 201)
  })

  app.get('/:id/consensus', async (c) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const members = (await services.storage.listDelegations(document.conference))
      .filter((d) => d.kind === 'member')
      .map((d) => d.id)
    const grid = await services.registry.use(document.id, (shared) => {
      const text = canonicalDocument(shared.doc)
      const numbers = new Map(text.paragraphs.map((p) => [p.id, p.number]))
      const consensus = consensusOf(shared, members, services.now(), text.hash)
      // Each paragraph a reservation concerns, with the number the text shows it under.
      return {
        ...consensus,
        rows: consensus.rows.map(({ paragraphs, ...row }) =>
          paragraphs
            ? { ...row, paragraphs: paragraphs.map((id) => ({ id, number: numbers.get(id) ?? '' })) }
            : row,
        ),
      }
    })
    return c.json(grid)
  })

  return app
}
