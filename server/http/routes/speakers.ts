/**
 * @module Meeting mode's speakers' list (issue 19): who waits for the floor, who holds it.
 *
 * - `GET    /api/documents/:id/speakers` → `{speakers, turns}`: the list, and every turn given so far (audit log)
 * - `POST   /api/documents/:id/speakers {paragraph?, pointOfOrder?}` — the caller's delegation asks for the floor
 * - `DELETE /api/documents/:id/speakers/:request` — its delegation withdraws it, or the chair removes it
 * - `POST   /api/documents/:id/speakers/turn {request?, seconds?}` — the chair gives the floor (the first on the
 *   list, or the request named), with an optional speaking time; the turn before ends
 * - `DELETE /api/documents/:id/speakers/turn` — the turn ends
 *
 * The server writes the list into the workflow map (`SPEAKERS`), so every page and the projector have it in the same
 * update; the rules are workflows/meeting/speakers.ts and the rulebook's rows. Each change is audited.
 */
import { randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { FLOOR, SPEAKERS, WORKFLOW } from '../../../workflows/document/format.js'
import {
  endTurn,
  giveFloor,
  requestFloor,
  speakersOf,
  withdrawRequest,
  withdrawal,
  type Outcome,
  type SpeakersList,
} from '../../../workflows/meeting/speakers.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { canonicalDocument } from '../../document/canonical.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, forbidden, notFound } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'
import type { Floor } from '../../../workflows/meeting/floor.js'

const MAY_NOT_REQUEST = 'A delegation asks for the floor while the text is discussed.'
const MAY_NOT_GIVE = 'The chair, or the secretariat, gives the floor, while the text is discussed.'

/** What one change to the list does, judged on the list as it stands (inside the document's turn). */
type Change = (list: SpeakersList, context: { paragraphs: Set<string>; floor: Floor | null }) => Outcome

export function speakerRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.get('/:id/speakers', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const speakers = await services.registry.use(document.id, (shared) =>
      speakersOf(shared.doc.getMap(WORKFLOW).get(SPEAKERS)),
    )
    const turns = (await services.audit.list(document.id))
      .filter((e) => e.action === 'give the floor')
      .map((e) => ({ at: e.at, by: e.actor, ...(e.details as object) }))
    return c.json({ speakers, turns })
  })

  /**
   * Applies a change to the list under the rule of `action`, writes it for every page, and audits it with what
   * `details` draws from the list before and after.
   */
  const change = async (
    c: Context<AppEnv>,
    action: 'request the floor' | 'give the floor',
    auditAction: string,
    apply: Change,
    details: (before: SpeakersList, after: SpeakersList) => Record<string, unknown>,
  ) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id') ?? '', identity.participant)
    const { before, after } = await services.registry.change(document.id, (shared) => {
      if (!may(identity.role, action, shared.stage))
        throw forbidden(action === 'request the floor' ? MAY_NOT_REQUEST : MAY_NOT_GIVE)
      const workflow = shared.doc.getMap(WORKFLOW)
      const before = speakersOf(workflow.get(SPEAKERS))
      const paragraphs = new Set(canonicalDocument(shared.doc).paragraphs.map((p) => p.id))
      const outcome = apply(before, {
        paragraphs,
        floor: (workflow.get(FLOOR) as Floor | undefined) ?? null,
      })
      if (!outcome.ok) throw new ApiError(409, 'conflict', outcome.refused)
      shared.serverWrite(auditAction, (doc) => doc.getMap(WORKFLOW).set(SPEAKERS, outcome.list))
      return { before, after: outcome.list }
    })
    await services.audit.append(document.id, identity.participant, auditAction, details(before, after))
    return c.json({ speakers: after })
  }

  app.post('/:id/speakers', async (c) => {
    const input = await readInput(c, INPUTS.floorRequest)
    const identity = c.get('identity')
    const id = `rq-${randomBytes(9).toString('base64url')}`
    return change(
      c,
      'request the floor',
      'request the floor',
      (list, { paragraphs, floor }) => {
        const paragraph = input.paragraph ?? floor?.paragraph ?? null
        if (paragraph !== null && !paragraphs.has(paragraph)) throw notFound('The paragraph')
        return requestFloor(list, {
          id,
          delegation: identity.delegation,
          paragraph,
          kind: input.pointOfOrder ? 'point of order' : 'speak',
          at: new Date(services.now()).toISOString(),
        })
      },
      (_, after) => ({ ...after.queue.find((r) => r.id === id) }),
    )
  })

  app.post('/:id/speakers/turn', async (c) => {
    const input = await readInput(c, INPUTS.turn)
    return change(
      c,
      'give the floor',
      'give the floor',
      (list) =>
        giveFloor(list, {
          ...(input.request ? { id: input.request } : {}),
          seconds: input.seconds ?? null,
          at: new Date(services.now()).toISOString(),
        }),
      (_, after) => ({ ...after.speaking }),
    )
  })

  app.delete('/:id/speakers/turn', async (c) =>
    change(
      c,
      'give the floor',
      'end the turn',
      (list) => endTurn(list, new Date(services.now()).toISOString()),
      (before) => ({
        delegation: before.speaking?.delegation ?? null,
      }),
    ),
  )

  app.delete('/:id/speakers/:request', async (c) => {
    const identity = c.get('identity')
    const id = c.req.param('request')
    const { action, onlyOf } = withdrawal(identity.role, identity.delegation)
    return change(
      c,
      action,
      'withdraw a request for the floor',
      (list) => withdrawRequest(list, id, onlyOf),
      (before) => {
        const request = before.queue.find((r) => r.id === id)
        return { request: id, delegation: request?.delegation ?? null }
      },
    )
  })

  return app
}
