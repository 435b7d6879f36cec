/**
 * @module The roster of the caller's conference, for its secretariat only (the server checks; the page only hides).
 *
 * - `GET  /api/roster?format=csv|xlsx` → the roster as a file, in the columns an import takes
 * - `POST /api/roster/preview` (body: the CSV or Excel file) → what importing it would do, and every row it
 *   cannot use with the reason; writes nothing
 * - `POST /api/roster/import` (same body) → 201 and what was done; or 422 with the problems and nothing written
 */
import { Hono, type Context } from 'hono'
import { inLanguage } from '../../../workflows/i18n/server-messages.js'
import { importRoster, previewRoster, rosterLines } from '../../roster/import-roster.js'
import { UnreadableRoster, writeRosterFile } from '../../roster/roster-file.js'
import { authenticate } from '../authenticate.js'
import type { AppEnv, Services } from '../context.js'
import { badRequest } from '../errors.js'
import { languageOf } from '../language.js'
import { secretariatConference } from '../secretariat.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function rosterRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))

  app.get('/', async (c) => {
    const conference = await secretariatConference(services, c)
    const format = c.req.query('format') ?? 'csv'
    if (format !== 'csv' && format !== 'xlsx') throw badRequest('format is csv or xlsx.')
    const bytes = await writeRosterFile(await rosterLines(services.storage, conference.id), format)
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
    c.header('Content-Disposition', `attachment; filename="roster-${conference.id}.${format}"`)
    return c.body(bytes as Uint8Array<ArrayBuffer>)
  })

  const upload = async (c: Context<AppEnv>) => new Uint8Array(await c.req.arrayBuffer())
  const unreadable = (error: unknown): never => {
    if (error instanceof UnreadableRoster) throw badRequest(error.message)
    throw error
  }

  app.post('/preview', async (c) => {
    const conference = await secretariatConference(services, c)
    const preview = await previewRoster(services.storage, conference, await upload(c)).catch(unreadable)
    return c.json(inCallersLanguage(c, preview))
  })

  app.post('/import', async (c) => {
    const identity = c.get('identity')
    const conference = await secretariatConference(services, c)
    const started = Date.now()
    const result = await importRoster(
      services.storage,
      services.invitationSecret,
      conference,
      await upload(c),
    ).catch(unreadable)
    if (result.problems.length > 0)
      return c.json(
        {
          error: {
            code: 'roster_refused',
            message: inLanguage(
              languageOf(c),
              `${result.problems.length} problems in the file; nothing was imported.`,
            ),
          },
          ...inCallersLanguage(c, result),
        },
        422,
      )
    services.log.info('roster imported', {
      conference: conference.id,
      by: identity.participant,
      delegations: result.createDelegations.length,
      participants: result.createParticipants.length,
      updated: result.updateDelegations.length + result.updateParticipants.length,
      ms: Date.now() - started,
    })
    return c.json(result, 201)
  })
  return app
}

/** A roster's problems, each said in the caller's language. */
function inCallersLanguage<T extends { problems: { message: string }[] }>(c: Context, outcome: T): T {
  const language = languageOf(c)
  return {
    ...outcome,
    problems: outcome.problems.map((p) => ({ ...p, message: inLanguage(language, p.message) })),
  }
}
