/**
 * @module Comment threads, as server actions: commenting needs no edit right and never changes the text.
 * The server anchors each thread with Yjs relative positions and writes threads into the document's
 * `threads` map, so every client sees them live; the rules are in workflows/threads.
 *
 * - `GET    /api/documents/:id/threads` → threads, each with `detached` and the words it covers now
 * - `POST   /api/documents/:id/threads {startBlock, startOffset, endBlock, endOffset, quote, text}`
 * - `POST   /api/documents/:id/threads/:thread/messages {text}` — reply
 * - `PATCH  /api/documents/:id/threads/:thread/messages/:message {text}` — edit one's own message
 * - `DELETE /api/documents/:id/threads/:thread/messages/:message` — delete one's own message
 * - `POST   /api/documents/:id/threads/:thread/(resolve|reopen)` — the chair
 * - `POST   /api/documents/:id/threads/:thread/(defer|undefer)` — the chair defers an open thread to after the
 *   consensus call (the workflow's `deferredThreads`), or takes it back
 */
import { randomBytes } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { THREADS, WORKFLOW } from '../../../workflows/document/format.js'
import {
  cleanMessageText,
  deleteMessage,
  editMessage,
  MAX_MESSAGE_LENGTH,
  mayComment,
  openThread,
  reply,
  setStatus,
  tryChangeMessage,
  trySetStatus,
  tryDeferThread,
  type Commenter,
  type Thread,
} from '../../../workflows/threads/thread.js'
import type { Decision } from '../../../workflows/rules/stage-changes.js'
import type { SharedDocument } from '../../collab/shared-document.js'
import { anchorRange, resolveAnchor } from '../../../workflows/document/thread-anchors.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, badRequest, forbidden, notFound } from '../errors.js'
import { INPUTS } from '../inputs.js'
import { readInput } from '../json-body.js'
import { documentOfCaller } from './document-of-caller.js'

const newId = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`

/** The message as stored: cleaned of control characters and markup, then 1 to MAX_MESSAGE_LENGTH long. */
function messageText(body: { text: string }): string {
  const text = cleanMessageText(body.text)
  if (text.length === 0 || text.length > MAX_MESSAGE_LENGTH) {
    throw badRequest(`"text" must be 1 to ${MAX_MESSAGE_LENGTH} characters of plain text.`)
  }
  return text
}

function enforce(decision: Decision): void {
  if (!decision.ok)
    throw decision.code === 'forbidden'
      ? forbidden(decision.refused)
      : new ApiError(409, 'conflict', decision.refused)
}

function threadsOf(shared: SharedDocument) {
  return shared.doc.getMap<Thread>(THREADS)
}

/** Mounted inside the documents routes, which authenticate the caller. */
export function threadRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const now = () => new Date(services.now()).toISOString()

  async function context(c: Context<AppEnv>) {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id') ?? '', identity.participant)
    const conference = await services.storage.getConference(document.conference)
    const who: Commenter = {
      participant: identity.participant,
      delegation: identity.delegation,
      name: identity.name,
      role: identity.role,
    }
    return { document, who, observersMayComment: conference?.observersMayComment ?? false }
  }

  /** Loads the thread, lets `change` compute its new value, and writes it as the server. */
  async function changeThread(
    c: Context<AppEnv>,
    action: string,
    change: (thread: Thread, shared: SharedDocument, who: Commenter) => Thread,
  ) {
    const { document, who } = await context(c)
    const id = c.req.param('thread') ?? ''
    const thread = await services.registry.change(document.id, (shared) => {
      const current = threadsOf(shared).get(id)
      if (!current) throw notFound('The thread')
      const next = change(current, shared, who)
      shared.serverWrite(action, () => threadsOf(shared).set(id, next))
      return next
    })
    return { document, who, thread }
  }

  app.get('/:id/threads', async (c) => {
    const { document } = await context(c)
    const threads = await services.registry.use(document.id, (shared) =>
      [...threadsOf(shared).values()].map((thread) => ({
        ...thread,
        ...resolveAnchor(shared.doc, thread.anchor),
      })),
    )
    threads.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    return c.json(threads)
  })

  app.post('/:id/threads', async (c) => {
    const { document, who, observersMayComment } = await context(c)
    const { quote, ...body } = await readInput(c, INPUTS.thread)
    const text = messageText(body)
    const range = {
      startBlock: body.startBlock,
      startOffset: body.startOffset,
      endBlock: body.endBlock,
      endOffset: body.endOffset,
    }
    const thread = await services.registry.change(document.id, (shared) => {
      enforce(mayComment(who, shared.stage, observersMayComment))
      const anchored = anchorRange(shared.doc, range)
      if ('refused' in anchored) throw badRequest(anchored.refused)
      if (quote !== undefined && quote !== anchored.quote) {
        throw new ApiError(409, 'conflict', 'The text changed under the selection; select it again.')
      }
      const created = openThread(who, {
        id: newId('t'),
        messageId: newId('m'),
        at: now(),
        anchor: anchored.anchor,
        quote: anchored.quote,
        text,
      })
      shared.serverWrite('open thread', () => threadsOf(shared).set(created.id, created))
      return created
    })
    return c.json(thread, 201)
  })

  app.post('/:id/threads/:thread/messages', async (c) => {
    const text = messageText(await readInput(c, INPUTS.message))
    const { observersMayComment } = await context(c)
    const { thread } = await changeThread(c, 'reply', (current, shared, who) => {
      enforce(mayComment(who, shared.stage, observersMayComment))
      return reply(current, who, newId('m'), text, now())
    })
    return c.json(thread, 201)
  })

  app.patch('/:id/threads/:thread/messages/:message', async (c) => {
    const text = messageText(await readInput(c, INPUTS.message))
    const messageId = c.req.param('message')
    const { thread } = await changeThread(c, 'edit message', (current, _shared, who) => {
      enforce(tryChangeMessage(current, who, messageId))
      return editMessage(current, messageId, text, now())
    })
    return c.json(thread)
  })

  app.delete('/:id/threads/:thread/messages/:message', async (c) => {
    const messageId = c.req.param('message')
    const { thread } = await changeThread(c, 'delete message', (current, _shared, who) => {
      enforce(tryChangeMessage(current, who, messageId))
      return deleteMessage(current, messageId, now())
    })
    return c.json(thread)
  })

  for (const status of ['resolved', 'open'] as const) {
    const verb = status === 'resolved' ? 'resolve' : 'reopen'
    app.post(`/:id/threads/:thread/${verb}`, async (c) => {
      const identity = c.get('identity')
      const { document, thread } = await changeThread(c, `${verb} thread`, (current, shared) => {
        enforce(trySetStatus(current, identity.role, shared.stage, status))
        return setStatus(current, status, identity.participant, now())
      })
      await services.audit.append(document.id, identity.participant, `${verb} thread`, {
        thread: thread.id,
        openedBy: { delegation: thread.delegation, participant: thread.participant },
      })
      return c.json(thread)
    })
  }

  // Deferring keeps the thread open but out of the consensus call's way; recorded in the workflow and the audit.
  for (const defer of [true, false]) {
    const verb = defer ? 'defer' : 'undefer'
    app.post(`/:id/threads/:thread/${verb}`, async (c) => {
      const identity = c.get('identity')
      const { document } = await context(c)
      const id = c.req.param('thread')
      const thread = await services.registry.change(document.id, (shared) => {
        const thread = threadsOf(shared).get(id)
        if (!thread) throw notFound('The thread')
        const deferred = new Set(
          (shared.doc.getMap(WORKFLOW).get('deferredThreads') as string[] | undefined) ?? [],
        )
        enforce(tryDeferThread(thread, identity.role, shared.stage, deferred.has(id), defer))
        if (defer) deferred.add(id)
        else deferred.delete(id)
        shared.serverWrite(`${verb} thread`, (doc) =>
          doc.getMap(WORKFLOW).set('deferredThreads', [...deferred]),
        )
        return thread
      })
      await services.audit.append(document.id, identity.participant, `${verb} thread`, {
        thread: thread.id,
        openedBy: { delegation: thread.delegation, participant: thread.participant },
      })
      return c.json({ thread: thread.id, deferred: defer })
    })
  }

  return app
}
