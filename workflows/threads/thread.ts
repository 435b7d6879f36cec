/**
 * @module Comment threads: the value the server stores for each thread in the document's `threads` map, and
 * the pure rules for changing it. A thread belongs to the delegation that opened it; messages are plain text;
 * the chair resolves and reopens; an author edits or deletes only its own messages (a deleted message stays
 * in place as "deleted", so replies keep their context). Values in, values out: time and ids are arguments.
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from '../rules/rulebook.js'
import type { Decision } from '../rules/stage-changes.js'

/** Where a thread is anchored: Yjs relative positions (base64), written by the server, never by clients. */
export interface ThreadAnchor {
  startBlock: string
  start: string
  endBlock: string
  end: string
}

export interface ThreadMessage {
  id: string
  participant: string
  delegation: string
  name: string
  text: string
  at: string
  editedAt?: string
  deleted?: boolean
}

export interface Thread {
  id: string
  delegation: string
  participant: string
  status: 'open' | 'resolved'
  anchor: ThreadAnchor
  /** The words the thread was opened on, kept so that a detached thread still says what it was about. */
  quote: string
  createdAt: string
  messages: ThreadMessage[]
  resolvedBy?: string
  resolvedAt?: string
}

export interface Commenter {
  participant: string
  delegation: string
  name: string
  role: Role
}

/** Longest message accepted, in characters. */
export const MAX_MESSAGE_LENGTH = 4000

/** Message text is plain text: line breaks kept (as \n), other control characters dropped, ends trimmed. */
export function cleanMessageText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .trim()
  )
}

const refuse = (refused: string, code: 'forbidden' | 'conflict' = 'forbidden'): Decision => ({
  ok: false,
  code,
  refused,
})

export function mayComment(who: Commenter, stage: Stage, observersMayComment: boolean): Decision {
  if (who.role === 'observer' && observersMayComment && stage !== 'adopted' && stage !== 'signed')
    return { ok: true }
  if (may(who.role, 'comment', stage)) return { ok: true }
  return refuse(
    who.role === 'observer'
      ? 'Observers follow the text; this conference does not let them comment.'
      : `A ${who.role} cannot comment once the text is ${stage}.`,
  )
}

export function openThread(
  who: Commenter,
  values: { id: string; messageId: string; at: string; anchor: ThreadAnchor; quote: string; text: string },
): Thread {
  return {
    id: values.id,
    delegation: who.delegation,
    participant: who.participant,
    status: 'open',
    anchor: values.anchor,
    quote: values.quote,
    createdAt: values.at,
    messages: [message(who, values.messageId, values.text, values.at)],
  }
}

function message(who: Commenter, id: string, text: string, at: string): ThreadMessage {
  return { id, participant: who.participant, delegation: who.delegation, name: who.name, text, at }
}

export function reply(thread: Thread, who: Commenter, id: string, text: string, at: string): Thread {
  return { ...thread, messages: [...thread.messages, message(who, id, text, at)] }
}

export function tryChangeMessage(thread: Thread, who: Commenter, messageId: string): Decision {
  const found = thread.messages.find((m) => m.id === messageId)
  if (!found || found.deleted) return refuse('There is no such message.', 'conflict')
  if (found.participant !== who.participant) return refuse('Only its author edits or deletes a message.')
  return { ok: true }
}

export function editMessage(thread: Thread, messageId: string, text: string, at: string): Thread {
  return {
    ...thread,
    messages: thread.messages.map((m) => (m.id === messageId ? { ...m, text, editedAt: at } : m)),
  }
}

export function deleteMessage(thread: Thread, messageId: string, at: string): Thread {
  return {
    ...thread,
    messages: thread.messages.map((m) =>
      m.id === messageId ? { ...m, text: '', deleted: true, editedAt: at } : m,
    ),
  }
}

export function trySetStatus(thread: Thread, role: Role, stage: Stage, status: Thread['status']): Decision {
  if (!may(role, 'resolve threads', stage)) return refuse('Only the chair resolves and reopens threads.')
  if (thread.status === status) return refuse(`The thread is already ${status}.`, 'conflict')
  return { ok: true }
}

/**
 * The chair defers an open thread to after the consensus call (it then no longer blocks putting the text to the
 * call), or takes the deferral back. Each deferral is recorded.
 */
export function tryDeferThread(
  thread: Thread,
  role: Role,
  stage: Stage,
  deferred: boolean,
  defer: boolean,
): Decision {
  if (!may(role, 'resolve threads', stage)) return refuse('Only the chair defers threads.')
  if (thread.status !== 'open') return refuse('Only an open thread is deferred.', 'conflict')
  if (deferred === defer)
    return refuse(defer ? 'The thread is already deferred.' : 'The thread is not deferred.', 'conflict')
  return { ok: true }
}

export function setStatus(thread: Thread, status: Thread['status'], by: string, at: string): Thread {
  return status === 'resolved'
    ? { ...thread, status, resolvedBy: by, resolvedAt: at }
    : { ...thread, status, resolvedBy: undefined, resolvedAt: undefined }
}
