/**
 * @module The network address a request came from (the TCP peer: behind a proxy, the proxy), for the budgets
 * that count unauthenticated attempts per address.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // not served by the Node server (in-process requests)
  }
}
