/**
 * @module Login by invitation: `POST /api/session {token}` exchanges an invitation token for a session
 * cookie; `DELETE /api/session` signs out; `GET /api/me` says who the caller is.
 */
import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { participantView } from '../../auth/directory.js'
import { hashSecret } from '../../auth/invitations.js'
import { LIMITS } from '../../collab/limits.js'
import { authenticate, identifyByToken, SESSION_COOKIE } from '../authenticate.js'
import type { AppEnv, Services } from '../context.js'
import { unauthorized } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'

export function sessionRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/session', async (c) => {
    const { token } = await readInput(c, INPUTS.session)
    const identity = await identifyByToken(services, c, token)
    if (!identity) throw unauthorized()
    const session = randomBytes(32).toString('base64url')
    await services.storage.createSession(
      hashSecret(session),
      identity.participant,
      services.now() + LIMITS.sessionLifetimeMs,
    )
    setCookie(c, SESSION_COOKIE, session, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      // Behind a TLS proxy the request reaching us is plain HTTP: the public address says what users reach.
      secure: (services.publicUrl ?? c.req.url).startsWith('https:'),
      maxAge: Math.floor(LIMITS.sessionLifetimeMs / 1000),
    })
    return c.json(participantView(identity))
  })

  app.delete('/session', async (c) => {
    const session = getCookie(c, SESSION_COOKIE)
    if (session) await services.storage.deleteSession(hashSecret(session))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  app.get('/me', authenticate(services), (c) => c.json(participantView(c.get('identity'))))

  return app
}
