/**
 * @module `POST /api/documents/:id/stage {stage}`: the chair moves the text between stages. The rules in
 * workflows/ decide; the server writes the new stage into the document's `workflow` map, so every open
 * connection sees it and is held to it from the next update on.
 */
import { Hono } from 'hono'
import { isStage, STAGES } from '../../../workflows/conference/roles.js'
import { openBrackets } from '../../../workflows/brackets/brackets.js'
import { THREADS, WORKFLOW } from '../../../workflows/document/format.js'
import { pendingSuggestions } from '../../../workflows/suggestions/pending.js'
import type { Thread } from '../../../workflows/threads/thread.js'
import { paragraphRuns } from '../../document/suggestion-text.js'
import type { Position } from '../../../workflows/consensus/positions.js'
import { positionsOf } from './positions.js'
import { consensusGrid } from '../../../workflows/consensus/positions.js'
import { canonicalDocument, type CanonicalDocument } from '../../document/canonical.js'
import { tryChangeStage } from '../../../workflows/rules/stage-changes.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden } from '../errors.js'
import { readJsonObject } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** Mounted inside the documents routes, which authenticate the caller. */
export function stageRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/stage', async (c) => {
    const identity = c.get('identity')
    const body = await readJsonObject(c)
    if (!isStage(body.stage)) throw badRequest(`"stage" must be one of: ${STAGES.join(', ')}.`)
    const to = body.stage
    const defer = body.deferThreads ?? []
    if (!Array.isArray(defer) || defer.some((t) => typeof t !== 'string'))
      throw badRequest('"deferThreads" must be a list of thread ids.')
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    let voided: Position[] = []
    let adopted: CanonicalDocument | null = null
    const members = (await services.storage.listDelegations(document.conference))
      .filter((d) => d.kind === 'member')
      .map((d) => d.id)
    const from = await services.registry.use(document.id, (shared) => {
      const from = shared.stage
      const deferred = new Set([
        ...((shared.doc.getMap(WORKFLOW).get('deferredThreads') as string[] | undefined) ?? []),
        ...(defer as string[]),
      ])
      const runs = paragraphRuns(shared.doc)
      const canonical = canonicalDocument(shared.doc)
      const grid = consensusGrid(members, positionsOf(shared), canonical.hash)
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
      voided = from === 'consensus-call' && to === 'negotiation' ? positionsOf(shared) : []
      shared.serverWrite('change stage', (doc) => {
        doc.getMap(WORKFLOW).set('stage', to)
        // Reopening negotiation voids every position given; they stay in the history (and the audit log).
        if (voided.length > 0) {
          const history = (doc.getMap(WORKFLOW).get('voidedPositions') as unknown[] | undefined) ?? []
          doc.getMap(WORKFLOW).set('voidedPositions', [...history, ...voided])
          doc.getMap(WORKFLOW).delete('positions')
        }
        if (defer.length > 0) doc.getMap(WORKFLOW).set('deferredThreads', [...deferred])
        // Adoption fixes the final text and its hash for ever: signatures are bound to it.
        if (to === 'adopted') {
          doc.getMap(WORKFLOW).set('final', {
            hash: canonical.hash,
            adoptedAt: new Date(services.now()).toISOString(),
            adoptedBy: identity.participant,
          })
        }
      })
      if (to === 'adopted') adopted = canonical
      return from
    })
    await services.storage.setDocumentStage(document.id, to)
    if (adopted) {
      const { text, hash, paragraphs } = adopted
      await services.storage.appendRevision(document.id, (seq) => ({
        document: document.id,
        seq,
        name: 'Adopted text',
        hash,
        text,
        paragraphs,
        createdAt: new Date(services.now()).toISOString(),
        createdBy: identity.participant,
      }))
    }
    services.log.info('stage changed', { document: document.id, from, to, by: identity.participant })
    await services.audit.append(document.id, identity.participant, 'change stage', {
      from,
      to,
      deferredThreads: defer,
      ...(voided.length > 0
        ? { voidedPositions: voided.map((p) => ({ delegation: p.delegation, kind: p.kind, hash: p.hash })) }
        : {}),
    })
    return c.json({ id: document.id, stage: to })
  })

  return app
}
