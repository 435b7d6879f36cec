/**
 * @module The one error shape of the API: `{error: {code, message}}` with an HTTP status. Routes throw
 * `ApiError`; `app.onError` turns it (and anything unexpected) into that shape. Messages are written in English and
 * answered in the caller's language (workflows/i18n/server-messages.ts).
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { inLanguage } from '../../workflows/i18n/server-messages.js'
import { languageOf } from './language.js'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. `Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    // An answer, not a fault: no stack trace to capture (it was 4 % of the server's time under a flood of 429s).
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(message)
    Error.stackTraceLimit = limit
  }
}

/** 429: a budget of attempts is spent (server/budgets.ts); says when to try again. */
export const tooManyRequests = (what: string, retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new ApiError(429, 'too_many_requests', `${what}; try again in ${seconds} s.`, {
    'Retry-After': String(seconds),
  })
}

export const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'Sign in with your invitation link, or send a valid bearer token.')
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message)
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`)
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message)

/** The error as the API answers it, its message in the caller's language (server/http/language.ts). */
export function errorResponse(c: Context, error: ApiError) {
  const message = inLanguage(languageOf(c), error.message)
  return c.json({ error: { code: error.code, message } }, error.status, error.headers)
}
