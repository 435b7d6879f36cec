/**
 * @module Deciding suggestions, as server actions (DESIGN.md §4): the chair accepts or rejects one
 * suggestion, all of one delegation, or all; a delegation withdraws its own. The rules in workflows/ decide
 * who may; the server applies the decision to the document itself and records it — who proposed, who
 * decided — in the audit log, so the provenance of every accepted change stays queryable.
 *
 * - `GET  /api/documents/:id/suggestions` → `{suggestions, counts}` (each suggestion with its `supporters`)
 * - `POST /api/documents/:id/suggestions/:suggestion/(accept|reject|withdraw)[?delegation=…]`
 * - `POST /api/documents/:id/suggestions/(accept|reject) {delegation?, suggestions?}` — all, or all of one
 *   delegation; with `suggestions`, only those ids (what the chair confirmed: one proposed meanwhile stays pending)
 * - `POST /api/documents/:id/suggestions/undo` — the chair undoes the last decision within five minutes: the
 *   suggestions are pending again as they were (workflow `lastDecision` says which one can be undone)
 * - `GET  /api/documents/:id/audit` → the document's audit entries
 */
import { fixNewNumbers } from '../../document/numbers.js'
import { Hono, type Context } from 'hono'
import type { Decision } from '../../../workflows/suggestions/decisions.js'
import {
  countByDelegation,
  pendingSuggestions,
  suggestionKey,
  type PendingSuggestion,
} from '../../../workflows/suggestions/pending.js'
import {
  tryDecideSuggestion,
  tryUndoDecision,
  type LastDecision,
  type SuggestionAction,
} from '../../../workflows/rules/suggestion-decisions.js'
import { SUPPORT, WORKFLOW } from '../../../workflows/document/format.js'
import { supportOf, supportersOf } from '../../../workflows/meeting/support.js'
import type * as Y from 'yjs'
import {
  DecisionWrite,
  canUndoDecision,
  rememberNextDecision,
  undoDecision,
} from '../../document/decision-undo.js'
import { findParagraph, reopenChanged } from '../../document/paragraphs.js'
import { applyDecisions, paragraphRuns, type BlockDecisionEffect } from '../../document/suggestion-text.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden, notFound } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

const ACTIONS = new Set<SuggestionAction>(['accept', 'reject', 'withdraw'])

/** Mounted inside the documents routes, which authenticate the caller. */
export function suggestionRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.get('/:id/suggestions', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const { suggestions, support } = await services.registry.use(document.id, (shared) => ({
      suggestions: pendingSuggestions(paragraphRuns(shared.doc)),
      support: supportOf(shared.doc.getMap(WORKFLOW).get(SUPPORT)),
    }))
    return c.json({
      suggestions: suggestions.map((s) => ({ ...s, supporters: supportersOf(support, s.id) })),
      counts: countByDelegation(suggestions),
    })
  })

  app.get('/:id/audit', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    return c.json(await services.audit.list(document.id))
  })

  app.post('/:id/suggestions/:suggestion/:action', async (c) => {
    const action = parseAction(c.req.param('action'))
    const wanted = c.req.param('suggestion')
    // Only a document from before ids were owned can hold one id under two owners: name the delegation then.
    const of = c.req.query('delegation')
    return decide(
      c,
      action,
      (s) => s.id === wanted && (of === undefined || s.delegation === of),
      `Suggestion ${wanted}`,
      { one: true },
    )
  })

  // Before `/:id/suggestions/:action`, which would read "undo" as an action.
  app.post('/:id/suggestions/undo', async (c) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const { last, restored } = await services.registry.change(document.id, (shared) => {
      const last = shared.doc.getMap(WORKFLOW).get('lastDecision') as LastDecision | undefined
      const verdict = tryUndoDecision(identity.role, shared.stage, last, services.now())
      if (!verdict.ok)
        throw verdict.code === 'forbidden'
          ? forbidden(verdict.refused)
          : new ApiError(409, 'conflict', verdict.refused)
      if (!canUndoDecision(shared.doc)) {
        shared.serverWrite('forget decision', (doc) => doc.getMap(WORKFLOW).delete('lastDecision'))
        throw new ApiError(
          409,
          'conflict',
          'This decision can no longer be undone: the document was reloaded since. Decide again instead.',
        )
      }
      // The text, then the workflow, each in a transaction of its own (as the decision was written).
      shared.serverWrite('undo decision', (doc) => void undoDecision(doc))
      shared.serverWrite('forget decision', (doc) => doc.getMap(WORKFLOW).delete('lastDecision'))
      const decided = new Set(last!.suggestions.map(suggestionKey))
      const restored = pendingSuggestions(paragraphRuns(shared.doc)).filter((s) =>
        decided.has(suggestionKey(s)),
      )
      return { last: last!, restored }
    })
    await services.audit.append(document.id, identity.participant, 'undo decision', {
      undid: last.action,
      decidedBy: last.by,
      decidedAt: last.at,
      suggestions: last.suggestions,
      // What is pending again, attributed as before.
      restored: restored.map((s) => ({
        id: s.id,
        delegation: s.delegation,
        participant: s.participant,
        text: s.text,
      })),
    })
    return c.json({ undone: last.action, suggestions: restored })
  })

  app.post('/:id/suggestions/:action', async (c) => {
    const action = parseAction(c.req.param('action'))
    if (action === 'withdraw') throw badRequest('Withdraw suggestions one at a time.')
    const { delegation, suggestions } =
      c.req.header('content-length') === '0' || !c.req.header('content-type')
        ? {}
        : await readInput(c, INPUTS.decideAll)
    // What the chair confirmed, and nothing proposed since: the decision is judged against what they saw.
    const confirmed = suggestions && new Set(suggestions)
    return decide(
      c,
      action,
      (s) => (delegation === undefined || s.delegation === delegation) && (!confirmed || confirmed.has(s.id)),
      'Pending suggestions',
    )
  })

  async function decide(
    c: Context<AppEnv>,
    action: SuggestionAction,
    select: (s: PendingSuggestion) => boolean,
    what: string,
    { one = false } = {},
  ) {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id') ?? '', identity.participant)
    const decision: Decision = action === 'accept' ? 'accept' : 'reject'
    const decided = await services.registry.change(document.id, (shared) => {
      const chosen = pendingSuggestions(paragraphRuns(shared.doc)).filter(select)
      if (chosen.length === 0) throw notFound(what)
      if (one && chosen.length > 1)
        throw new ApiError(
          409,
          'ambiguous_suggestion',
          `${what} is held by ${chosen.map((s) => s.delegation).join(' and ')}: add ?delegation=… to choose.`,
        )
      for (const suggestion of chosen) {
        const verdict = tryDecideSuggestion(identity, shared.stage, suggestion, action)
        if (!verdict.ok)
          throw verdict.code === 'forbidden'
            ? forbidden(verdict.refused)
            : new ApiError(409, 'conflict', verdict.refused)
      }
      const keys = new Set(chosen.map(suggestionKey))
      let effects: BlockDecisionEffect[] = []
      // The chair's decision can be undone for a few minutes; a delegation's withdrawal is its own to redo.
      const undoable = action !== 'withdraw'
      if (undoable) rememberNextDecision(shared.doc)
      const write = (doc: Y.Doc) => {
        effects = applyDecisions(doc, (id, owner) =>
          keys.has(suggestionKey({ id, ...owner })) ? decision : undefined,
        )
        // An accepted suggestion changes the agreed words of its paragraphs.
        if (decision === 'accept') {
          const blocks = new Set(chosen.flatMap((s) => s.blocks))
          reopenChanged([...blocks].flatMap((block) => findParagraph(doc, block) ?? []))
          // An accepted new paragraph keeps the number it was proposed under (OP6bis stays OP6bis).
          fixNewNumbers(doc)
        }
      }
      shared.serverWrite(`${action} suggestions`, write, new DecisionWrite(`${action} suggestions`))
      // What can be undone, in a transaction of its own: the decision's changes the text and nothing else.
      if (undoable) {
        shared.serverWrite('remember decision', (doc) =>
          doc.getMap(WORKFLOW).set('lastDecision', {
            action: decision,
            suggestions: chosen.map((s) => ({
              id: s.id,
              delegation: s.delegation,
              participant: s.participant,
            })),
            by: identity.participant,
            at: new Date(services.now()).toISOString(),
          } satisfies LastDecision),
        )
      }
      return chosen.map((s) => ({
        ...s,
        changes: effects
          .filter((e) => suggestionKey(e) === suggestionKey(s))
          .map(({ block, text, effect }) => ({ block, effect, text })),
      }))
    })
    await services.audit.appendAll(
      document.id,
      identity.participant,
      decided.map((s) => ({
        action: `${action} suggestion`,
        details: {
          suggestion: s.id,
          kind: s.kind,
          text: s.text,
          blocks: s.blocks,
          proposedBy: { delegation: s.delegation, participant: s.participant, at: s.at },
          // Every change the decision made to the text, word for word.
          changes: s.changes,
          decidedBy: {
            delegation: identity.delegation,
            participant: identity.participant,
            role: identity.role,
          },
        },
      })),
    )
    services.log.info('suggestions decided', {
      document: document.id,
      action,
      count: decided.length,
      by: identity.participant,
    })
    return c.json({ action, decided: decided.map((s) => s.id) })
  }

  return app
}

function parseAction(value: string): SuggestionAction {
  if (!ACTIONS.has(value as SuggestionAction)) throw notFound('This action')
  return value as SuggestionAction
}
