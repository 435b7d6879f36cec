/**
 * @module Signatures and endorsements of the adopted text.
 *
 * - `POST /api/documents/:id/signatures` — a head (the chair for the host) of a delegation that adopted the
 *   text signs it: once, bound to the final hash
 * - `GET  /api/documents/:id/signatures` → every signature, in order
 * - `POST /api/documents/:id/endorsements` — a head of a locality admitted after adoption endorses the text
 * - `GET  /api/documents/:id/endorsements` → every endorsement, in order
 *
 * Both live in the document's server-written `workflow` map and in the audit log.
 */
import { Hono } from 'hono'
import {
  tryEndorse,
  trySign,
  type Endorsement,
  type FinalText,
} from '../../../workflows/consensus/endorsements.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { positionsOf } from '../../document/consensus.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, forbidden } from '../errors.js'
import { documentOfCaller } from './document-of-caller.js'
import type { Decision } from '../../../workflows/rules/stage-changes.js'

/** A delegation's signature on the adopted text. */
export interface Signature extends Endorsement {
  /** The position the delegation took in the consensus call (or "silent" if it let the silence pass). */
  position: string
}

function refuse(decision: Exclude<Decision, { ok: true }>): never {
  throw decision.code === 'forbidden'
    ? forbidden(decision.refused)
    : new ApiError(409, 'conflict', decision.refused)
}

/** Mounted inside the documents routes, which authenticate the caller. */
export function signatureRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  const record = (key: 'signatures' | 'endorsements', action: 'sign' | 'endorse') =>
    app.post(`/:id/${key}`, async (c) => {
      const identity = c.get('identity')
      const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
      const entry = await services.registry.use(document.id, (shared) => {
        const workflow = shared.doc.getMap(WORKFLOW)
        const final = workflow.get('final') as FinalText | undefined
        const existing = (workflow.get(key) as Record<string, Endorsement> | undefined) ?? {}
        const decide = action === 'sign' ? trySign : tryEndorse
        const decision = decide(
          identity.role,
          shared.stage,
          identity.delegation,
          final,
          new Set(Object.keys(existing)),
        )
        if (!decision.ok) refuse(decision)
        const entry: Endorsement | Signature = {
          delegation: identity.delegation,
          delegationName: identity.delegationName,
          signatory: identity.name,
          participant: identity.participant,
          at: new Date(services.now()).toISOString(),
          hash: final!.hash,
          ...(action === 'sign'
            ? {
                position:
                  positionsOf(shared).find((p) => p.delegation === identity.delegation)?.kind ?? 'silent',
              }
            : {}),
        }
        shared.serverWrite(action, (doc) =>
          doc.getMap(WORKFLOW).set(key, { ...existing, [identity.delegation]: entry }),
        )
        return entry
      })
      await services.audit.append(document.id, identity.participant, action, { ...entry })
      return c.json(entry, 201)
    })
  record('signatures', 'sign')
  record('endorsements', 'endorse')

  for (const key of ['signatures', 'endorsements'] as const) {
    app.get(`/:id/${key}`, async (c) => {
      const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
      const entries = await services.registry.use(document.id, (shared) =>
        Object.values(
          (shared.doc.getMap(WORKFLOW).get(key) as Record<string, Endorsement> | undefined) ?? {},
        ),
      )
      return c.json(entries.sort((a, b) => a.at.localeCompare(b.at)))
    })
  }

  return app
}
