/**
 * @module Signatures and endorsements of the adopted text.
 *
 * - `POST /api/documents/:id/signatures` — a head (the chair for the host) of a delegation that adopted the
 *   text signs it: once, bound to the final hash; by a click, or with their passkey (`{passkey: {statement,
 *   response}}`, the statement from `POST …/signatures/options`, server/auth/passkeys.ts)
 * - `GET  /api/documents/:id/signatures` → every signature, in order
 * - `POST /api/documents/:id/endorsements` — a head of a locality admitted after adoption endorses the text
 * - `GET  /api/documents/:id/endorsements` → every endorsement, in order
 *
 * Both live in the document's server-written `workflow` map and in the audit log.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import { Hono, type Context } from 'hono'
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
import {
  newStatement,
  signingOptions,
  SIGNING_WINDOW_MS,
  verifySigning,
  type PasskeyAssertion,
  type Relying,
} from '../../auth/passkeys.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import type { Decision } from '../../../workflows/rules/stage-changes.js'

/** A delegation's signature on the adopted text. */
export interface Signature extends Endorsement {
  /** The position the delegation took in the consensus call (or "silent" if it let the silence pass). */
  position: string
  /** Made with the head's own passkey: the assertion, kept whole. */
  passkey?: PasskeyAssertion
}

/** Which page the WebAuthn ceremony runs on: the public address when one is set, else the request's own. */
export function relyingParty(c: Context, services: Services): Relying {
  const origin = new URL(services.publicUrl ?? c.req.url).origin
  return { origin, rpId: new URL(origin).hostname }
}

function refuse(decision: Exclude<Decision, { ok: true }>): never {
  throw decision.code === 'forbidden'
    ? forbidden(decision.refused)
    : new ApiError(409, 'conflict', decision.refused)
}

/** Mounted inside the documents routes, which authenticate the caller. */
export function signatureRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  const record = (key: 'signatures' | 'endorsements', action: 'sign' | 'endorse') => {
    // The statement a head's passkey signs (a click needs none): issued here, checked on the way back.
    app.post(`/:id/${key}/options`, async (c) => {
      const identity = c.get('identity')
      const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
      const passkeys = await services.storage.listPasskeys(identity.participant)
      if (passkeys.length === 0) throw new ApiError(409, 'conflict', 'You have no passkey registered.')
      const final = await services.registry.use(
        document.id,
        (shared) => shared.doc.getMap(WORKFLOW).get('final') as FinalText | undefined,
      )
      if (!final) throw new ApiError(409, 'conflict', 'There is no adopted text to sign.')
      const statement = newStatement({
        document: document.id,
        title: document.title,
        hash: final.hash,
        delegation: identity.delegation,
        delegationName: identity.delegationName,
        participant: identity.participant,
        signatory: identity.name,
        at: new Date(services.now()).toISOString(),
      })
      return c.json({
        statement,
        options: await signingOptions(relyingParty(c, services), statement, passkeys),
      })
    })

    app.post(`/:id/${key}`, async (c) => {
      const identity = c.get('identity')
      const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
      const body =
        c.req.header('content-length') === '0' || !c.req.header('content-type')
          ? {}
          : await readInput(c, INPUTS.signature)
      let passkey: PasskeyAssertion | undefined
      if (body.passkey) {
        const { statement, response } = body.passkey
        const age = services.now() - Date.parse(statement.at)
        if (statement.participant !== identity.participant || statement.document !== document.id)
          throw forbidden('This statement was not issued to you for this document.')
        if (age < 0 || age > SIGNING_WINDOW_MS)
          throw new ApiError(409, 'conflict', 'This statement is too old to sign: ask for a new one.')
        const passkeys = await services.storage.listPasskeys(identity.participant)
        const outcome = await verifySigning(
          relyingParty(c, services),
          statement,
          response as unknown as AuthenticationResponseJSON,
          passkeys,
        )
        if (typeof outcome === 'string') throw forbidden(outcome)
        await services.storage.setPasskeyCounter(outcome.assertion.credentialId, outcome.counter)
        passkey = outcome.assertion
      }
      const entry = await services.registry.change(document.id, (shared) => {
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
        if (passkey && passkey.statement.hash !== final!.hash)
          throw new ApiError(409, 'conflict', 'The statement names another text than the adopted one.')
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
          ...(passkey ? { passkey } : {}),
        }
        shared.serverWrite(action, (doc) =>
          doc.getMap(WORKFLOW).set(key, { ...existing, [identity.delegation]: entry }),
        )
        return entry
      })
      await services.audit.append(document.id, identity.participant, action, { ...entry })
      return c.json(entry, 201)
    })
  }
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
