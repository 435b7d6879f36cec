/**
 * @module `POST /api/documents/:id/import` — the secretariat replaces the draft with a zero draft written elsewhere:
 * Markdown (`Content-Type: text/markdown`) or Word (`application/vnd.openxmlformats-officedocument.wordprocessingml.document`,
 * read by mammoth). Paragraph kinds and numbering are recognised (workflows/document/import-draft.ts); whatever
 * formatting is dropped is reported back, and the import is in the audit log.
 */
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import { Hono } from 'hono'
import { declarationJson } from '../../../workflows/document/build.js'
import { BODY } from '../../../workflows/document/format.js'
import { declarationSchema } from '../../../workflows/document/schema.js'
import { may } from '../../../workflows/rules/rulebook.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden } from '../errors.js'
import { documentOfCaller } from './document-of-caller.js'
import { zipInflatedSize } from '../../document/zip-inflated-size.js'
import { LIMITS } from '../../collab/limits.js'
import { convertDraft, ConversionBound, UnreadableDraft } from '../../document/convert-draft.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const MAY_NOT = 'The secretariat imports a zero draft, while the text is a draft.'

/** Mounted inside the documents routes, which authenticate the caller. */
export function importRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.post('/:id/import', async (c) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim()
    if (type !== DOCX && type !== 'text/markdown' && type !== 'text/plain')
      throw badRequest(`Send Markdown (text/markdown) or Word (${DOCX}).`)
    // Who may import, and when, is settled before the body is read or converted.
    await services.registry.use(document.id, (shared) => {
      if (!may(identity.role, 'import draft', shared.stage)) throw forbidden(MAY_NOT)
    })
    const body = Buffer.from(await c.req.arrayBuffer())
    if (type === DOCX) {
      const inflated = zipInflatedSize(body)
      if (inflated === null) throw badRequest('This is not a Word document Accord can read.')
      if (inflated > LIMITS.maxImportInflatedBytes)
        throw new ApiError(
          413,
          'payload_too_large',
          `This Word document unzips to ${inflated} bytes; at most ${LIMITS.maxImportInflatedBytes} are accepted.`,
        )
    }
    const imported = await convertDraft({ format: type === DOCX ? 'docx' : 'markdown', bytes: body }).catch(
      (error: unknown) => {
        if (error instanceof ConversionBound)
          throw error.bound === 'memory'
            ? new ApiError(413, 'payload_too_large', error.message)
            : new ApiError(422, 'conversion_timeout', error.message)
        if (error instanceof UnreadableDraft) throw badRequest(error.message)
        throw error
      },
    )
    const json = declarationJson(imported.spec)
    declarationSchema.nodeFromJSON(json).check()
    await services.registry.use(document.id, (shared) => {
      if (!may(identity.role, 'import draft', shared.stage)) throw forbidden(MAY_NOT)
      shared.serverWrite('import draft', (doc) => {
        const body = doc.getXmlFragment(BODY)
        body.delete(0, body.length)
        prosemirrorJSONToYXmlFragment(declarationSchema, json, body)
      })
    })
    const report = imported.report
    await services.audit.append(document.id, identity.participant, 'import draft', {
      format: type === DOCX ? 'docx' : 'markdown',
      titles: imported.spec.titles.length,
      paragraphs: imported.spec.paragraphs.length,
      report,
    })
    return c.json({ titles: imported.spec.titles, paragraphs: imported.spec.paragraphs.length, report }, 201)
  })

  return app
}
