/**
 * @module The silence procedure of a consensus call.
 *
 * - `POST /api/documents/:id/silence {deadline: "2022-09-20T18:00"}` — the chair sets the deadline, a wall-clock
 *   time in the host's time zone (seconds optional); replaces a broken silence
 * - `GET  /api/documents/:id/silence` → `{state: none|running|broken|passed, deadline, timeZone, stated, …}`
 *
 * The record lives in the document's server-written `workflow` map; objections break it (positions route),
 * the silence clock records its passing, reopening negotiation ends it.
 */
import { Hono } from 'hono'
import { silenceState, trySetSilence, type Silence } from '../../../workflows/consensus/silence.js'
import { describeInHostTime, instantOfLocalTime } from '../../../workflows/conference/host-time.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { consensusOf, silenceOf } from '../../document/consensus.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

/** Mounted inside the documents routes, which authenticate the caller. */
export function silenceRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  const view = (silence: Silence | undefined) => ({
    state: silenceState(silence, services.now()),
    ...(silence
      ? { ...silence, stated: describeInHostTime(Date.parse(silence.deadline), silence.timeZone) }
      : {}),
  })

  app.get('/:id/silence', async (c) => {
    const document = await documentOfCaller(services, c.req.param('id'), c.get('identity').participant)
    return c.json(view(await services.registry.use(document.id, silenceOf)))
  })

  app.post('/:id/silence', async (c) => {
    const identity = c.get('identity')
    const body = await readInput(c, INPUTS.silence)
    const document = await documentOfCaller(services, c.req.param('id'), identity.participant)
    const conference = await services.storage.getConference(document.conference)
    if (!conference) throw new ApiError(409, 'conflict', 'The document has no conference.')
    const timeZone = conference.hostTimeZone
    const deadline = instantOfLocalTime(body.deadline, timeZone)
    if (deadline === null)
      throw badRequest(
        `"deadline" must be a time in ${timeZone} written YYYY-MM-DDTHH:mm (seconds optional).`,
      )
    const members = (await services.storage.listDelegations(document.conference))
      .filter((d) => d.kind === 'member')
      .map((d) => d.id)
    const silence = await services.registry.change(document.id, (shared) => {
      const now = services.now()
      const current = silenceState(silenceOf(shared), now)
      const decision = trySetSilence(identity.role, shared.stage, deadline, now, {
        objections: consensusOf(shared, members, now).objections.length,
        current,
      })
      if (!decision.ok)
        throw decision.code === 'forbidden'
          ? forbidden(decision.refused)
          : new ApiError(409, 'conflict', decision.refused)
      const silence: Silence = {
        deadline: new Date(deadline).toISOString(),
        timeZone,
        setBy: identity.participant,
        setAt: new Date(now).toISOString(),
      }
      shared.serverWrite('set silence deadline', (doc) => doc.getMap(WORKFLOW).set('silence', silence))
      return silence
    })
    services.silence.watch(document.id, deadline)
    await services.audit.append(document.id, identity.participant, 'set silence deadline', {
      ...silence,
      stated: describeInHostTime(deadline, timeZone),
    })
    return c.json(view(silence), 201)
  })

  return app
}
