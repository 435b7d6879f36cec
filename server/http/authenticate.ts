/**
 * @module Who is calling: a bearer invitation token (`Authorization: Bearer …`) or the session cookie
 * set by `POST /api/session`. Both are looked up by hash; neither is ever stored or logged in clear.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Identity } from '../collab/connection.js'
import { hashSecret } from '../auth/invitations.js'
import type { AppEnv, Services } from './context.js'
import { clientAddress } from './client-address.js'
import { tooManyRequests, unauthorized } from './errors.js'

export const SESSION_COOKIE = 'accord_session'

export async function identify(services: Services, c: Context): Promise<Identity | undefined> {
  const authorization = c.req.header('authorization')
  if (authorization) {
    const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization)
    return identifyByToken(services, c, match?.[1])
  }
  const session = getCookie(c, SESSION_COOKIE)
  if (!session || session.length > 200) return undefined
  const participant = await services.storage.findSession(hashSecret(session), services.now())
  return participant ? services.directory.identity(participant) : undefined
}

/**
 * The participant an invitation token names. Unknown tokens are counted per address; once an address has spent
 * its budget, its unknown tokens are answered 429 with Retry-After until the window ends. A valid token is
 * always accepted: a conference's delegations share one Wi-Fi address, and one guesser among them must not lock
 * the room out of signing in. (Guessing itself is hopeless — tokens carry 256 bits — and a refused lookup costs
 * one hash and one indexed read; the budget tells a client to slow down and keeps the log readable.)
 */
export async function identifyByToken(
  services: Services,
  c: Context,
  token: string | undefined,
): Promise<Identity | undefined> {
  const participant = token ? await services.storage.findParticipantByTokenHash(hashSecret(token)) : undefined
  const identity = participant && (await services.directory.identityOf(participant))
  if (identity) return identity
  const address = clientAddress(c)
  const wait = services.budgets.failedLogins.retryAfterMs(address, services.now())
  if (wait > 0) throw tooManyRequests('Too many failed sign-ins from this address', wait)
  services.budgets.failedLogins.spend(address, services.now())
  return undefined
}

export function authenticate(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const identity = await identify(services, c)
    if (!identity) throw unauthorized()
    c.set('identity', identity)
    await next()
  }
}
