/**
 * @module Reading a JSON request body safely: only `application/json`, bounded in size, an object at
 * the top, and then held to that route's input schema (inputs.ts): what passes is typed, what does not is a 400
 * naming each field and what is wrong with it.
 */
import type { Context } from 'hono'
import { z } from 'zod'
import { LIMITS } from '../collab/limits.js'
import { ApiError, badRequest } from './errors.js'
import { languageOf } from './language.js'

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as application/json.')
  }
  const text = await c.req.text()
  if (Buffer.byteLength(text) > LIMITS.maxJsonBodyBytes) {
    throw new ApiError(
      413,
      'payload_too_large',
      `Request bodies are limited to ${LIMITS.maxJsonBodyBytes} bytes.`,
    )
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw badRequest('The request body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.')
  }
  return body as Record<string, unknown>
}

/** `"startOffset": expected an integer; "text": unknown field` — every problem, named by its field. */
function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the body'
      if (issue.code === 'unrecognized_keys')
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      return `${field}: ${issue.message}`
    })
    .join('; ')
}

/** The body checked against `schema`; a 400 with every problem otherwise. */
export async function readInput<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  // Zod's own words for what is wrong, in the caller's language (its locales); the field names stay as sent.
  const language = languageOf(c)
  const parsed = schema.safeParse(
    await readJsonObject(c),
    language === 'en' ? undefined : { error: z.locales[language]().localeError },
  )
  if (!parsed.success) throw badRequest(`${problems(parsed.error)}.`)
  return parsed.data
}
