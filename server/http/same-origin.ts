/**
 * @module JSON endpoints refuse cross-site requests: a state-changing call must come from Accord's own
 * pages (or from a non-browser client, which sends no Origin). Browsers also need a CORS preflight for
 * `application/json`, which Accord never grants; this check does not rely on that alone.
 */
import type { MiddlewareHandler } from 'hono'
import { forbidden } from './errors.js'

export function originMatchesHost(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true
  if (!host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

export function sameOriginOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const site = c.req.header('sec-fetch-site')
      if (site === 'cross-site' || !originMatchesHost(c.req.header('origin'), c.req.header('host'))) {
        throw forbidden('Cross-site requests are refused.')
      }
    }
    await next()
  }
}
