/**
 * @module The Hono application: security headers, the JSON API under `/api`, and the built editor
 * (a single-page app: unknown non-API paths get its index.html). The WebSocket endpoint is attached to
 * the Node HTTP server next to it, not routed through Hono.
 */
import { serveStatic } from '@hono/node-server/serve-static'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv, Services } from './context.js'
import { ChangeUnavailable } from '../collab/registry.js'
import { ApiError, errorResponse, notFound } from './errors.js'
import { OPENAPI } from './openapi.js'
import { authenticate } from './authenticate.js'
import { auditVerifier } from '../audit/verify.js'
import { publicKeyPem } from '../export/signing-key.js'
import { conferenceRoutes, delegationRoutes } from './routes/delegations.js'
import { documentRoutes } from './routes/documents.js'
import { sessionRoutes } from './routes/session.js'
import { rosterRoutes } from './routes/roster.js'
import { invitationRoutes, participantRoutes } from './routes/invitations.js'
import { passkeyRoutes } from './routes/passkeys.js'
import { sameOriginOnly } from './same-origin.js'
import { bodyLimit } from 'hono/body-limit'
import type { MiddlewareHandler } from 'hono'
import { LIMITS } from '../collab/limits.js'

/**
 * Every request body is bounded before anything reads it: by its Content-Length, or counted as it streams in
 * (Transfer-Encoding: chunked, through Hono's bodyLimit). A zero draft may be larger than the JSON bodies of every
 * other route. Without Transfer-Encoding, Content-Length (absent: no body) is all that can come — Node's parser
 * holds the request to it — so the declared size is checked without touching the body: reaching for it builds a
 * full fetch Request, which under a flood of bodiless refused requests cost 17 % of the server's time.
 */
function boundedBodies(): MiddlewareHandler<AppEnv> {
  const tooLarge = (maxSize: number) =>
    new ApiError(413, 'payload_too_large', `Request bodies here are limited to ${maxSize} bytes.`)
  const streamed = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw tooLarge(maxSize)
      },
    })
  const json = { maxSize: LIMITS.maxJsonBodyBytes, streamed: streamed(LIMITS.maxJsonBodyBytes) }
  const draft = { maxSize: LIMITS.maxImportBytes, streamed: streamed(LIMITS.maxImportBytes) }
  return (c, next) => {
    // Files (a zero draft, a roster) are larger than JSON bodies; each reader then applies its own limit.
    const limit = /\/(import|preview)$/.test(c.req.path) ? draft : json
    if (c.req.header('transfer-encoding') !== undefined) return limit.streamed(c, next)
    const declared = Number(c.req.header('content-length') ?? 0)
    if (!(declared <= limit.maxSize)) throw tooLarge(limit.maxSize)
    return next()
  }
}

export function createApp(services: Services) {
  const app = new Hono<AppEnv>()

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Carets and presence colours are set as inline style attributes by the collaboration plugins.
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  )

  app.get('/healthz', (c) => c.json({ ok: true }))

  const api = new Hono<AppEnv>()
  api.use('*', sameOriginOnly())
  api.use('*', boundedBodies())
  api.get('/openapi.json', (c) => c.json(OPENAPI))
  api.get('/signing-key', (c) => {
    c.header('Content-Type', 'application/x-pem-file')
    return c.body(publicKeyPem(services.signingKey))
  })
  api.route('/', sessionRoutes(services))
  api.route('/documents', documentRoutes(services))
  api.route('/delegations', delegationRoutes(services))
  api.route('/conference', conferenceRoutes(services))
  api.route('/roster', rosterRoutes(services))
  api.route('/invitations', invitationRoutes(services))
  api.route('/participants', participantRoutes(services))
  api.route('/passkeys', passkeyRoutes(services))
  // The chain, then the anchors the documents hold of its head (server/audit/anchors.ts).
  const verifyAudit = auditVerifier(services.storage, services.now)
  api.get('/audit/verify', authenticate(services), async (c) => c.json(await verifyAudit()))
  api.all('*', () => {
    throw notFound('This API path')
  })
  app.route('/api', api)

  if (services.editorRoot) {
    const root = services.editorRoot
    app.use('/assets/*', async (c, next) => {
      await next()
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
    })
    app.use('*', serveStatic({ root }))
    const indexHtml = readFile(join(root, 'index.html'), 'utf8')
    app.get('*', async (c) => {
      c.header('Cache-Control', 'no-cache')
      return c.html(await indexHtml)
    })
  }

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    if (error instanceof ChangeUnavailable)
      return errorResponse(c, new ApiError(503, 'unavailable', error.message, { 'Retry-After': '1' }))
    if (error instanceof HTTPException) {
      return errorResponse(
        c,
        new ApiError(error.status as 400, 'http_error', error.message || 'Request refused.'),
      )
    }
    services.log.error('unhandled error in request', { path: c.req.path, error: String(error) })
    return errorResponse(c, new ApiError(500, 'internal', 'Something went wrong on the server.'))
  })
  app.notFound((c) => errorResponse(c, notFound('This path')))

  return app
}
