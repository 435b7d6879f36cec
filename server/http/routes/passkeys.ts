/**
 * @module A head's passkeys (server/auth/passkeys.ts): registered from the browser, used to sign the adopted text.
 *
 * - `GET  /api/passkeys` → the caller's passkeys: `[{credentialId, fingerprint, createdAt}]`
 * - `POST /api/passkeys/options` → WebAuthn registration options (for `navigator.credentials.create`)
 * - `POST /api/passkeys {response}` → 201 and the new passkey's fingerprint; 403 with why it is refused
 *
 * Heads of delegation (and the chair, who signs for the host) register them: they are the signatories.
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server'
import { Hono } from 'hono'
import { may } from '../../../workflows/rules/rulebook.js'
import { keyFingerprint, registerPasskey, registrationOptions } from '../../auth/passkeys.js'
import { authenticate } from '../authenticate.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, forbidden } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { relyingParty } from './signatures.js'

export function passkeyRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))
  app.use('*', async (c, next) => {
    const { role } = c.get('identity')
    if (!may(role, 'sign', 'adopted') && !may(role, 'endorse', 'adopted'))
      throw forbidden('Passkeys are for the heads of delegation, who sign the adopted text.')
    await next()
  })

  app.get('/', async (c) => {
    const passkeys = await services.storage.listPasskeys(c.get('identity').participant)
    return c.json(
      passkeys.map((p) => ({
        credentialId: p.credentialId,
        fingerprint: keyFingerprint(p.publicKey),
        createdAt: p.createdAt,
      })),
    )
  })

  app.post('/options', async (c) => {
    const identity = c.get('identity')
    const existing = await services.storage.listPasskeys(identity.participant)
    return c.json(
      await registrationOptions(
        services.invitationSecret,
        relyingParty(c, services),
        identity,
        existing,
        services.now(),
      ),
    )
  })

  app.post('/', async (c) => {
    const identity = c.get('identity')
    const { response } = await readInput(c, INPUTS.passkey)
    const passkey = await registerPasskey(
      services.invitationSecret,
      relyingParty(c, services),
      identity.participant,
      response as unknown as RegistrationResponseJSON,
      services.now(),
    )
    if (typeof passkey === 'string') throw forbidden(passkey)
    if (!(await services.storage.addPasskey(passkey)))
      throw new ApiError(409, 'conflict', 'This passkey is registered already.')
    services.log.info('passkey registered', { participant: identity.participant })
    return c.json({ credentialId: passkey.credentialId, fingerprint: keyFingerprint(passkey.publicKey) }, 201)
  })
  return app
}
