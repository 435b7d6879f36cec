/**
 * @module Meeting mode's floor (issue 19, first slice): the paragraph the room is reading.
 *
 * - `POST   /api/documents/:id/floor {paragraph, words?: {startOffset, endOffset}}` — the chair (or the secretariat,
 *   as the screen's operator) puts a paragraph — or some words of it — on the floor; every connected page sees it
 *   at once (the server-written `workflow.floor`; the words anchored so that they follow later edits)
 * - `DELETE /api/documents/:id/floor` — nothing on the floor
 * - `GET    /api/documents/:id/floor` → `{floor, history}`: what is on the floor, and every move, in order
 *
 * Each move is in the audit log, which is the floor's history (which paragraphs were read, when, by whom).
 */
import { Hono, type Context } from 'hono'
import { FLOOR, WORKFLOW } from '../../../workflows/document/format.js'
import { anchorRange } from '../../../workflows/document/thread-anchors.js'
import { floorFrom, type Floor } from '../../../workflows/meeting/floor.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { canonicalDocument } from '../../document/canonical.js'
import type { AppEnv, Services } from '../context.js'
import { badRequest, forbidden, notFound } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

const MAY_NOT = 'The chair, or the secretariat, moves the floor, while the text is discussed.'

export function floorRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.get('/:id/floor', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const floor = await services.registry.use(document.id, (shared) =>
      floorFrom(shared.doc.getMap(WORKFLOW).get(FLOOR)),
    )
    const history = (await services.audit.list(document.id))
      .filter((e) => e.action === 'move the floor')
      .map((e) => ({
        at: e.at,
        by: e.actor,
        ...(e.details as { paragraph: string | null; number?: string }),
      }))
    return c.json({ floor, history })
  })

  const move = async (
    c: Context<AppEnv>,
    paragraph: string | null,
    words?: { startOffset: number; endOffset: number },
  ) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id') ?? '', identity.participant)
    const floor = await services.registry.change(document.id, (shared) => {
      if (!may(identity.role, 'move the floor', shared.stage)) throw forbidden(MAY_NOT)
      let next: Floor | null = null
      if (paragraph !== null) {
        const found = canonicalDocument(shared.doc).paragraphs.find((p) => p.id === paragraph)
        if (!found) throw notFound('The paragraph')
        next = {
          paragraph,
          number: found.number,
          at: new Date(services.now()).toISOString(),
          by: identity.participant,
        }
        if (words) {
          const anchored = anchorRange(shared.doc, { startBlock: paragraph, endBlock: paragraph, ...words })
          if ('refused' in anchored) throw badRequest(anchored.refused)
          next.words = anchored
        }
      }
      shared.serverWrite('move the floor', (doc) =>
        next ? doc.getMap(WORKFLOW).set(FLOOR, next) : doc.getMap(WORKFLOW).delete(FLOOR),
      )
      return next
    })
    await services.audit.append(document.id, identity.participant, 'move the floor', {
      paragraph: floor?.paragraph ?? null,
      ...(floor ? { number: floor.number } : {}),
      ...(floor?.words ? { words: floor.words.quote } : {}),
    })
    return c.json({ floor })
  }

  app.post('/:id/floor', async (c) => {
    const { paragraph, words } = await readInput(c, INPUTS.floor)
    return move(c, paragraph, words)
  })
  app.delete('/:id/floor', async (c) => move(c, null))
  return app
}
