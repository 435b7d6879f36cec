/**
 * @module `POST /api/documents/:id/stage {stage}`: the chair moves the text between stages. The rules in
 * workflows/ decide; the server writes the new stage into the document's `workflow` map, so every open
 * connection sees it and is held to it from the next update on.
 */
import { Hono } from 'hono'
import { openBrackets } from '../../../workflows/brackets/brackets.js'
import { NUMBERS, THREADS, WORKFLOW } from '../../../workflows/document/format.js'
import { renumber } from '../../document/numbers.js'
import { pendingSuggestions } from '../../../workflows/suggestions/pending.js'
import type { Thread } from '../../../workflows/threads/thread.js'
import { paragraphRuns } from '../../document/suggestion-text.js'
import type { Position } from '../../../workflows/consensus/positions.js'
import { consensusOf, positionsOf, silenceOf } from '../../document/consensus.js'
import type { Silence } from '../../../workflows/consensus/silence.js'
import { canonicalDocument, type CanonicalDocument } from '../../document/canonical.js'
import {
  numberingOnMove,
  reopensNegotiation,
  tryChangeStage,
} from '../../../workflows/rules/stage-changes.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, forbidden } from '../errors.js'
import { keepRevision } from '../../document/revisions.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** Mounted inside the documents routes, which authenticate the caller. */
export function stageRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/stage', async (c) => {
    const identity = c.get('identity')
    const body = await readInput(c, INPUTS.stage)
    const to = body.stage
    const defer = body.deferThreads ?? []
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    let voided: Position[] = []
    let voidedSilence: Silence | undefined
    let adopted: CanonicalDocument | null = null
    let putToConsensus: CanonicalDocument | null = null
    let zeroDraft: CanonicalDocument | null = null
    let renumbered: ReturnType<typeof renumber> = []
    const members = (await services.storage.listDelegations(document.conference))
      .filter((d) => d.kind === 'member')
      .map((d) => d.id)
    const from = await services.registry.change(document.id, (shared) => {
      const from = shared.stage
      const deferred = new Set([
        ...((shared.doc.getMap(WORKFLOW).get('deferredThreads') as string[] | undefined) ?? []),
        ...(defer as string[]),
      ])
      const runs = paragraphRuns(shared.doc)
      let canonical = canonicalDocument(shared.doc)
      const grid = consensusOf(shared, members, services.now(), canonical.hash)
      const facts = {
        pendingPositions: grid.counts.pending,
        objections: grid.objections.length,
        pendingSuggestions: pendingSuggestions(runs).length,
        openBrackets: openBrackets(runs).length,
        openThreads: [...shared.doc.getMap<Thread>(THREADS).values()].filter(
          (t) => t.status === 'open' && !deferred.has(t.id),
        ).length,
      }
      const decision = tryChangeStage(identity.role, from, to, facts)
      if (!decision.ok) {
        throw decision.code === 'forbidden'
          ? forbidden(decision.refused)
          : new ApiError(409, 'conflict', decision.refused)
      }
      const reopening = reopensNegotiation(from, to)
      voided = reopening ? positionsOf(shared) : []
      voidedSilence = reopening ? silenceOf(shared) : undefined
      shared.serverWrite('change stage', (doc) => {
        doc.getMap(WORKFLOW).set('stage', to)
        const numbering = numberingOnMove(from, to)
        if (numbering === 'renumber') renumbered = renumber(doc)
        if (numbering === 'clear') doc.getMap(NUMBERS).clear()
        if (renumbered.length > 0) canonical = canonicalDocument(doc)
        // Reopening negotiation voids every position given; they stay in the history (and the audit log).
        if (voided.length > 0) {
          const history = (doc.getMap(WORKFLOW).get('voidedPositions') as unknown[] | undefined) ?? []
          doc.getMap(WORKFLOW).set('voidedPositions', [...history, ...voided])
          doc.getMap(WORKFLOW).delete('positions')
        }
        // A silence procedure belongs to the consensus call it was set in.
        if (reopening) doc.getMap(WORKFLOW).delete('silence')
        if (defer.length > 0) doc.getMap(WORKFLOW).set('deferredThreads', [...deferred])
        // Adoption fixes the final text and its hash for ever: signatures are bound to it.
        if (to === 'adopted') {
          doc.getMap(WORKFLOW).set('final', {
            hash: canonical.hash,
            adoptedAt: new Date(services.now()).toISOString(),
            adoptedBy: identity.participant,
            // The delegations that adopted it sign it; localities joining later endorse it.
            members,
          })
        }
      })
      if (to === 'adopted') adopted = canonical
      if (to === 'consensus-call') putToConsensus = canonical
      if (to === 'negotiation' && from === 'draft') zeroDraft = canonical
      return from
    })
    await services.storage.setDocumentStage(document.id, to)
    if (voidedSilence) services.silence.cancel(document.id)
    // The text put to the consensus call is kept as a revision (unless already published as one), so every
    // position's hash names a text a delegation can compare the live text with later.
    const kept = zeroDraft || putToConsensus ? await services.storage.listRevisions(document.id) : []
    const keep = async (text: CanonicalDocument, name: string, unlessPublished: boolean) => {
      if (unlessPublished && kept.some((r) => r.hash === text.hash)) return
      const at = new Date(services.now()).toISOString()
      await services.registry.use(document.id, (shared) =>
        keepRevision(services.storage, shared, text, name, identity.participant, at),
      )
    }
    // The text the negotiation starts from is the Zero draft, unless it was published already.
    if (zeroDraft && kept.length === 0) await keep(zeroDraft, 'Zero draft', true)
    if (putToConsensus) await keep(putToConsensus, 'Text put to the consensus call', true)
    if (adopted) await keep(adopted, 'Adopted text', false)
    services.log.info('stage changed', { document: document.id, from, to, by: identity.participant })
    await services.audit.append(document.id, identity.participant, 'change stage', {
      from,
      to,
      deferredThreads: defer,
      ...(voided.length > 0
        ? { voidedPositions: voided.map((p) => ({ delegation: p.delegation, kind: p.kind, hash: p.hash })) }
        : {}),
      ...(voidedSilence ? { voidedSilence: { ...voidedSilence } } : {}),
      ...(renumbered.length > 0 ? { renumbered: renumbered.filter((r) => r.from !== undefined) } : {}),
    })
    return c.json({ id: document.id, stage: to })
  })

  return app
}
