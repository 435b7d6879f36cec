/**
 * @module Who is calling: a bearer invitation token (`Authorization: Bearer …`) or the session cookie
 * set by `POST /api/session`. Both are looked up by hash; neither is ever stored or logged in clear.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Identity } from '../collab/connection.js'
import { hashSecret } from '../auth/invitations.js'
import type { AppEnv, Services } from './context.js'
import { unauthorized } from './errors.js'

export const SESSION_COOKIE = 'accord_session'

export async function identify(services: Services, c: Context): Promise<Identity | undefined> {
  const authorization = c.req.header('authorization')
  if (authorization) {
    const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization)
    if (!match) return undefined
    const participant = await services.storage.findParticipantByTokenHash(hashSecret(match[1]!))
    return participant && services.directory.identityOf(participant)
  }
  const session = getCookie(c, SESSION_COOKIE)
  if (!session || session.length > 200) return undefined
  const participant = await services.storage.findSession(hashSecret(session), services.now())
  return participant ? services.directory.identity(participant) : undefined
}

export function authenticate(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const identity = await identify(services, c)
    if (!identity) throw unauthorized()
    c.set('identity', identity)
    await next()
  }
}
