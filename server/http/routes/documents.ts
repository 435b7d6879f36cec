/**
 * @module Documents of the caller's conference: `GET /api/documents` lists them with their stage;
 * `POST /api/documents {title, lang}` — the secretariat creates one (an empty draft: its title and one paragraph);
 * `POST /api/documents/:id/ticket` issues a WebSocket ticket for one of them.
 */
import { Hono } from 'hono'
import { createDocument } from '../../setup/conference-setup.js'
import { authenticate } from '../authenticate.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { secretariatConference } from '../secretariat.js'
import type { AppEnv, Services } from '../context.js'
import { issueTicket } from './ticket.js'
import { documentOfCaller } from './document-of-caller.js'
import { bracketRoutes } from './brackets.js'
import { positionRoutes } from './positions.js'
import { revisionRoutes } from './revisions.js'
import { silenceRoutes } from './silence.js'
import { signatureRoutes } from './signatures.js'
import { exportRoutes } from './exports.js'
import { importRoutes } from './import.js'
import { notesRoutes } from './notes.js'
import { paragraphRoutes } from './paragraphs.js'
import { stageRoutes } from './stage.js'
import { floorRoutes } from './floor.js'
import { speakerRoutes } from './speakers.js'
import { supportRoutes } from './support.js'
import { compilationRoutes } from './compilation.js'
import { suggestionRoutes } from './suggestions.js'
import { threadRoutes } from './threads.js'

export function documentRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  app.use('*', authenticate(services))

  app.get('/', async (c) => {
    const caller = await services.storage.getParticipant(c.get('identity').participant)
    const documents = caller ? await services.storage.listDocuments(caller.conference) : []
    return c.json(documents.map(({ id, title, stage }) => ({ id, title, stage })))
  })

  app.post('/', async (c) => {
    const identity = c.get('identity')
    const conference = await secretariatConference(services, c)
    const input = await readInput(c, INPUTS.document)
    const document = await createDocument(services.storage, conference, input)
    await services.audit.append(document.id, identity.participant, 'create document', {
      title: document.title,
    })
    return c.json({ id: document.id, title: document.title, stage: document.stage }, 201)
  })

  app.post('/:id/ticket', async (c) => {
    const { participant } = c.get('identity')
    const ticket = await issueTicket(services, participant, async () => {
      return (await documentOfCaller(services, c.req.param('id'), participant)).id
    })
    return c.json({ ticket })
  })

  app.route('/', stageRoutes(services))
  app.route('/', floorRoutes(services))
  app.route('/', speakerRoutes(services))
  app.route('/', compilationRoutes(services))
  // Before the suggestion routes: `…/:suggestion/support` is not one of their decisions.
  app.route('/', supportRoutes(services))
  app.route('/', suggestionRoutes(services))
  app.route('/', threadRoutes(services))
  app.route('/', paragraphRoutes(services))
  app.route('/', notesRoutes(services))
  app.route('/', bracketRoutes(services))
  app.route('/', revisionRoutes(services))
  app.route('/', positionRoutes(services))
  app.route('/', silenceRoutes(services))
  app.route('/', signatureRoutes(services))
  app.route('/', exportRoutes(services))
  app.route('/', importRoutes(services))
  return app
}
