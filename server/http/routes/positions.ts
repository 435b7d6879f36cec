/**
 * @module The consensus call: positions and the consensus grid.
 *
 * - `POST /api/documents/:id/positions {kind, statement?, paragraphs?}` — a head (the chair for the host)
 *   records its delegation's position, bound to the hash of the frozen text
 * - `GET  /api/documents/:id/consensus` → every member delegation's position on the current text, counts,
 *   whether consensus holds, and the objections
 *
 * Positions live in the document's `workflow` map (written by the server only), so the grid is live in every
 * browser; each position and each voiding (on reopening negotiation) is in the audit log.
 */
import { Hono } from 'hono'
import {
  consensusGrid,
  isPositionKind,
  tryRecordPosition,
  type Position,
} from '../../../workflows/consensus/positions.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { may } from '../../../workflows/rules/rulebook.js'
import type { SharedDocument } from '../../collab/shared-document.js'
import { canonicalDocument } from '../../document/canonical.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden } from '../errors.js'
import { readJsonObject } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** A delegation's signature on the adopted text. */
export interface Signature {
  delegation: string
  delegationName: string
  signatory: string
  participant: string
  at: string
  /** The final hash the signature is bound to. */
  hash: string
  position: string
}

export function positionsOf(shared: SharedDocument): Position[] {
  return Object.values(
    (shared.doc.getMap(WORKFLOW).get('positions') as Record<string, Position> | undefined) ?? {},
  )
}

/** Mounted inside the documents routes, which authenticate the caller. */
export function positionRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/positions', async (c) => {
    const identity = c.get('identity')
    const body = await readJsonObject(c)
    if (!isPositionKind(body.kind))
      throw badRequest('"kind" must be approve, approve-ad-ref, reservation or object.')
    const statement = typeof body.statement === 'string' ? body.statement.trim().slice(0, 4000) : undefined
    const paragraphs = Array.isArray(body.paragraphs)
      ? body.paragraphs.filter((p): p is string => typeof p === 'string').slice(0, 200)
      : undefined
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const position = await services.registry.use(document.id, (shared) => {
      const decision = tryRecordPosition(identity.role, shared.stage, {
        kind: body.kind as Position['kind'],
        statement,
        paragraphs,
      })
      if (!decision.ok)
        throw decision.code === 'forbidden'
          ? forbidden(decision.refused)
          : new ApiError(409, 'conflict', decision.refused)
      const recorded: Position = {
        delegation: identity.delegation,
        kind: body.kind as Position['kind'],
        ...(statement ? { statement } : {}),
        ...(paragraphs?.length ? { paragraphs } : {}),
        hash: canonicalDocument(shared.doc).hash,
        participant: identity.participant,
        at: new Date(services.now()).toISOString(),
      }
      shared.serverWrite('record position', (doc) => {
        const workflow = doc.getMap(WORKFLOW)
        const all = (workflow.get('positions') as Record<string, Position> | undefined) ?? {}
        workflow.set('positions', { ...all, [identity.delegation]: recorded })
      })
      return recorded
    })
    await services.audit.append(document.id, identity.participant, 'record position', { ...position })
    return c.json(position, 201)
  })

  /** A head signs the adopted text for its delegation: once, bound to the final hash. */
  app.post('/:id/signatures', async (c) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const signature = await services.registry.use(document.id, (shared) => {
      if (!may(identity.role, 'sign', shared.stage))
        throw forbidden("A delegation's head signs the adopted text.")
      const workflow = shared.doc.getMap(WORKFLOW)
      const final = workflow.get('final') as { hash: string } | undefined
      const signatures = (workflow.get('signatures') as Record<string, Signature> | undefined) ?? {}
      if (!final) throw new ApiError(409, 'conflict', 'There is no adopted text to sign.')
      if (signatures[identity.delegation])
        throw new ApiError(409, 'conflict', 'Your delegation has already signed.')
      const signed: Signature = {
        delegation: identity.delegation,
        delegationName: identity.delegationName,
        signatory: identity.name,
        participant: identity.participant,
        at: new Date(services.now()).toISOString(),
        hash: final.hash,
        position: positionsOf(shared).find((p) => p.delegation === identity.delegation)?.kind ?? 'approve',
      }
      shared.serverWrite('sign', (doc) =>
        doc.getMap(WORKFLOW).set('signatures', { ...signatures, [identity.delegation]: signed }),
      )
      return signed
    })
    await services.audit.append(document.id, identity.participant, 'sign', { ...signature })
    return c.json(signature, 201)
  })

  app.get('/:id/signatures', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    const signatures = await services.registry.use(document.id, (shared) =>
      Object.values(
        (shared.doc.getMap(WORKFLOW).get('signatures') as Record<string, Signature> | undefined) ?? {},
      ),
    )
    return c.json(signatures.sort((a, b) => a.at.localeCompare(b.at)))
  })

  app.get('/:id/consensus', async (c) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const members = (await services.storage.listDelegations(document.conference))
      .filter((d) => d.kind === 'member')
      .map((d) => d.id)
    const grid = await services.registry.use(document.id, (shared) =>
      consensusGrid(members, positionsOf(shared), canonicalDocument(shared.doc).hash),
    )
    return c.json(grid)
  })

  return app
}
