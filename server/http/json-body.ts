/**
 * @module Reading a JSON request body safely: only `application/json`, bounded in size, an object at
 * the top. Field checks stay with each route, next to the field's meaning.
 */
import type { Context } from 'hono'
import { LIMITS } from '../collab/limits.js'
import { ApiError, badRequest } from './errors.js'

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

export function requireString(body: Record<string, unknown>, field: string, maxLength: number): string {
  const value = body[field]
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw badRequest(`"${field}" must be a non-empty string of at most ${maxLength} characters.`)
  }
  return value
}
