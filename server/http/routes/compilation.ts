/**
 * @module The compilation of proposals (issue 19): per paragraph, its words and every pending proposal with
 * proponent, supporters, time and conflicts (workflows/meeting/compilation.ts). Anyone who may read the text may
 * read it.
 *
 * - `GET /api/documents/:id/compilation` → `{paragraphs, summary}` for the whole text
 * - `?paragraph=<id>` for one paragraph, `?floor` for the paragraph on the floor (the whole text when none is)
 * - `GET /api/documents/:id/compilation.docx` and `…/compilation.pdf` — the same, as Word or PDF (the fixed words in
 *   the caller's language; the text's words as they are)
 */
import { Hono, type Context } from 'hono'
import { describeInHostTime, hostMoment } from '../../../workflows/conference/host-time.js'
import { LOCALES } from '../../../workflows/i18n/catalogue.js'
import { FLOOR, SUPPORT, WORKFLOW } from '../../../workflows/document/format.js'
import { compilation, compilationSummary } from '../../../workflows/meeting/compilation.js'
import { supportOf } from '../../../workflows/meeting/support.js'
import { canonicalDocument } from '../../document/canonical.js'
import { paragraphRuns } from '../../document/suggestion-text.js'
import type { AppEnv, Services } from '../context.js'
import { notFound } from '../errors.js'
import { languageOf } from '../language.js'
import { documentOfCaller } from './document-of-caller.js'
import type { Floor } from '../../../workflows/meeting/floor.js'
import type { CompilationExport } from '../../export/compilation-docx.js'

/** The two printed forms of the compilation: how each is made and sent. */
const FORMATS = {
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    make: async (input: CompilationExport) =>
      (await import('../../export/compilation-docx.js')).compilationDocx(input),
  },
  pdf: {
    type: 'application/pdf',
    make: async (input: CompilationExport) =>
      (await import('../../export/compilation-pdf.js')).compilationPdf(input),
  },
} as const

export function compilationRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  /** The compilation asked for: the whole text, `?paragraph=`, or `?floor`. */
  const compile = async (c: Context<AppEnv>) => {
    const document = await documentOfCaller(services, c.req.param('id') ?? '', c.get('identity').participant)
    const wanted = c.req.query('paragraph')
    const onFloor = c.req.query('floor') !== undefined
    const paragraphs = await services.registry.use(document.id, (shared) => {
      const numbers = new Map(canonicalDocument(shared.doc).paragraphs.map((p) => [p.id, p.number]))
      const workflow = shared.doc.getMap(WORKFLOW)
      const floor = (workflow.get(FLOOR) as Floor | undefined)?.paragraph
      const only = wanted ?? (onFloor ? floor : undefined)
      if (only !== undefined && !numbers.has(only)) throw notFound('The paragraph')
      return compilation(
        paragraphRuns(shared.doc),
        (block) => numbers.get(block) ?? '',
        supportOf(workflow.get(SUPPORT)),
        only === undefined ? undefined : new Set([only]),
      )
    })
    return { document, paragraphs }
  }

  app.get('/:id/compilation', async (c) => {
    const { paragraphs } = await compile(c)
    return c.json({ paragraphs, summary: compilationSummary(paragraphs) })
  })

  for (const [extension, format] of Object.entries(FORMATS))
    app.get(`/:id/compilation.${extension}`, async (c) => {
      const { document, paragraphs } = await compile(c)
      // What only the printed forms need: the delegations' names and the time in the host's zone.
      const [conference, delegations] = await Promise.all([
        services.storage.getConference(document.conference),
        services.storage.listDelegations(document.conference),
      ])
      const names = new Map(delegations.map((d) => [d.id, d.name]))
      const language = languageOf(c)
      const zone = conference?.hostTimeZone ?? 'UTC'
      const bytes = await format.make({
        title: document.title,
        asOf: describeInHostTime(services.now(), zone, LOCALES[language]),
        timeOf: (iso) => hostMoment(Date.parse(iso), zone, LOCALES[language]),
        paragraphs,
        nameOf: (id: string) => names.get(id) ?? id,
        language,
      })
      c.header('Content-Type', format.type)
      c.header('Content-Disposition', `attachment; filename="${document.id}-compilation.${extension}"`)
      return c.body(bytes as Uint8Array<ArrayBuffer>)
    })

  return app
}
