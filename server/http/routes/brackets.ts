/**
 * @module Brackets as server actions (brackets are written by the server only):
 *
 * - `GET  /api/documents/:id/brackets` → open brackets with their alternatives and backers
 * - `POST /api/documents/:id/brackets {block, startOffset, endOffset}` — bracket words (Alt 1, backed by the caller's delegation)
 * - `POST /api/documents/:id/brackets/:bracket/alternatives {text}` — propose another alternative
 * - `POST /api/documents/:id/brackets/:bracket/alternatives/:alt/back` — the caller's delegation backs an alternative
 * - `POST /api/documents/:id/brackets/:bracket/remove` — chair: drop the brackets, keep the words (one alternative only)
 * - `POST /api/documents/:id/brackets/:bracket/pick {alt}` — chair: keep one alternative's words, the others go
 */
import { randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import type * as Y from 'yjs'
import {
  closeBracketEdits,
  bracketsOn,
  openBrackets,
  tryBracket,
  tryCloseBracket,
  type BracketAttributes,
  type OpenBracket,
} from '../../../workflows/brackets/brackets.js'
import { markAttributeKey } from '../../../workflows/document/mark-keys.js'
import { declarationSchema } from '../../../workflows/document/schema.js'
import type { Decision } from '../../../workflows/rules/stage-changes.js'
import type { SharedDocument } from '../../collab/shared-document.js'
import { applyTextEdits, paragraphRuns, runsOf, textBlocks } from '../../document/suggestion-text.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden, notFound } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

const keyOf = (attrs: BracketAttributes) => markAttributeKey(declarationSchema.marks.bracket!.create(attrs))

function enforce(decision: Decision): void {
  if (!decision.ok)
    throw decision.code === 'forbidden'
      ? forbidden(decision.refused)
      : new ApiError(409, 'conflict', decision.refused)
}

function findBracket(shared: SharedDocument, id: string): OpenBracket {
  const bracket = openBrackets(paragraphRuns(shared.doc)).find((b) => b.id === id)
  if (!bracket) throw notFound('The bracket')
  return bracket
}

/** Each text holding words of the bracket, with its runs. */
function textsOf(shared: SharedDocument, id: string): { text: Y.XmlText; runs: ReturnType<typeof runsOf> }[] {
  return textBlocks(shared.doc)
    .filter(({ text }) => text.doc !== null)
    .map(({ text }) => ({ text, runs: runsOf(text) }))
    .filter(({ runs }) => runs.some((run) => bracketsOn(run).some(([, b]) => b.id === id)))
}

/** Mounted inside the documents routes, which authenticate the caller. */
export function bracketRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const now = () => new Date(services.now()).toISOString()

  async function act(
    c: Context<AppEnv>,
    action: string,
    change: (shared: SharedDocument) => Record<string, unknown>,
  ) {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id') ?? '', identity.participant)
    const details = await services.registry.change(document.id, (shared) => change(shared))
    await services.audit.append(document.id, identity.participant, action, details)
    return c.json(details)
  }

  app.get('/:id/brackets', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    return c.json(
      await services.registry.use(document.id, (shared) => openBrackets(paragraphRuns(shared.doc))),
    )
  })

  app.post('/:id/brackets', async (c) => {
    const identity = c.get('identity')
    const { block, startOffset: start, endOffset: end } = await readInput(c, INPUTS.bracket)
    return act(c, 'bracket text', (shared) => {
      enforce(tryBracket(identity.role, shared.stage))
      const target = textBlocks(shared.doc).find((b) => b.block === block && b.text.doc !== null)
      if (!target || end > target.text.length) throw badRequest('The range is not in the text.')
      const attrs: BracketAttributes = {
        id: `b-${randomBytes(6).toString('base64url')}`,
        alt: 1,
        backers: [identity.delegation],
        delegation: identity.delegation,
        participant: identity.participant,
        at: now(),
      }
      shared.serverWrite('bracket text', () =>
        target.text.format(start, end - start, { [keyOf(attrs)]: attrs }),
      )
      return { bracket: attrs.id, block }
    })
  })

  app.post('/:id/brackets/:bracket/alternatives', async (c) => {
    const identity = c.get('identity')
    const { text: words } = await readInput(c, INPUTS.alternative)
    const id = c.req.param('bracket')
    return act(c, 'propose alternative', (shared) => {
      enforce(tryBracket(identity.role, shared.stage))
      const bracket = findBracket(shared, id)
      const alt = Math.max(...bracket.alternatives.map((a) => a.alt)) + 1
      const attrs: BracketAttributes = {
        id,
        alt,
        backers: [identity.delegation],
        delegation: identity.delegation,
        participant: identity.participant,
        at: now(),
      }
      // After the last words of the bracket's last alternative.
      const last = textsOf(shared, id).at(-1)!
      let index = 0
      let after = 0
      for (const run of last.runs) {
        index += run.text.length
        if (bracketsOn(run).some(([, b]) => b.id === id)) after = index
      }
      shared.serverWrite('propose alternative', () =>
        last.text.insert(after, words, { [keyOf(attrs)]: attrs }),
      )
      return { bracket: id, alt }
    })
  })

  app.post('/:id/brackets/:bracket/alternatives/:alt/back', async (c) => {
    const identity = c.get('identity')
    const id = c.req.param('bracket')
    const alt = Number(c.req.param('alt'))
    return act(c, 'back alternative', (shared) => {
      enforce(tryBracket(identity.role, shared.stage))
      const bracket = findBracket(shared, id)
      const alternative = bracket.alternatives.find((a) => a.alt === alt)
      if (!alternative) throw notFound(`Alt ${alt}`)
      if (alternative.backers.includes(identity.delegation))
        throw new ApiError(409, 'conflict', 'Your delegation already backs it.')
      shared.serverWrite('back alternative', () => {
        for (const { text, runs } of textsOf(shared, id)) {
          let index = 0
          for (const run of runs) {
            for (const [key, b] of bracketsOn(run)) {
              if (b.id !== id || b.alt !== alt) continue
              const next = { ...b, backers: [...b.backers, identity.delegation] }
              text.format(index, run.text.length, { [key]: null, [keyOf(next)]: next })
            }
            index += run.text.length
          }
        }
      })
      return { bracket: id, alt, backers: [...alternative.backers, identity.delegation] }
    })
  })

  const close = (c: Context<AppEnv>, id: string, keep: number | 'only') => {
    const identity = c.get('identity')
    return act(c, keep === 'only' ? 'remove bracket' : 'pick alternative', (shared) => {
      const bracket = findBracket(shared, id)
      enforce(tryCloseBracket(identity.role, shared.stage, bracket, keep))
      const kept = keep === 'only' ? bracket.alternatives[0]!.alt : keep
      shared.serverWrite('close bracket', () => {
        for (const { text, runs } of textsOf(shared, id))
          applyTextEdits(text, runs, closeBracketEdits(runs, id, kept))
      })
      return {
        bracket: id,
        kept,
        alternatives: bracket.alternatives.map(({ alt, text, backers }) => ({ alt, text, backers })),
      }
    })
  }

  app.post('/:id/brackets/:bracket/remove', (c) => close(c, c.req.param('bracket'), 'only'))
  app.post('/:id/brackets/:bracket/pick', async (c) => {
    const { alt } = await readInput(c, INPUTS.pick)
    return close(c, c.req.param('bracket'), alt)
  })

  return app
}
