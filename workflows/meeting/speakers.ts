/**
 * @module The speakers' list of meeting mode (issue 19): delegations ask for the floor on a paragraph, the chair
 * gives it in order — a point of order before any speaker — with an optional speaking time, and moves on. Pure:
 * the server keeps the list in the workflow map (`SPEAKERS`) and audits each turn; the page and the projector
 * draw it. Every function returns the next list, or why not.
 */
import type { Role } from '../conference/roles.js'
import { RULEBOOK } from '../rules/rulebook.js'

export const REQUEST_KINDS = ['speak', 'point of order'] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

/** A delegation waiting for the floor. */
export interface SpeakerRequest {
  id: string
  delegation: string
  /** The paragraph it wants to speak on (null: the text in general). */
  paragraph: string | null
  kind: RequestKind
  at: string
}

/** The delegation holding the floor: since when, and for how long (null: no speaking time set). */
export interface Turn {
  delegation: string
  paragraph: string | null
  kind: RequestKind
  since: string
  seconds: number | null
}

/** The turn that ended last: whose, and when. */
export interface EndedTurn {
  delegation: string
  ended: string
}

export interface SpeakersList {
  queue: SpeakerRequest[]
  speaking: Turn | null
  /** Absent until a turn has ended. */
  lastTurn?: EndedTurn
}

export const NO_SPEAKERS: SpeakersList = { queue: [], speaking: null }

/** The longest speaking time a chair may set (an hour: a statement, not a filibuster). */
export const MAX_SPEAKING_SECONDS = 3600

export type Outcome = { ok: true; list: SpeakersList } | { ok: false; refused: string }

const refuse = (refused: string): Outcome => ({ ok: false, refused })
const ok = (list: SpeakersList): Outcome => ({ ok: true, list })

/** What the workflow map holds, read defensively (it is written only by the server, but may be absent). */
export function speakersOf(value: unknown): SpeakersList {
  if (typeof value !== 'object' || value === null) return NO_SPEAKERS
  const list = value as Partial<SpeakersList>
  return {
    queue: Array.isArray(list.queue) ? list.queue : [],
    speaking: list.speaking ?? null,
    ...(list.lastTurn ? { lastTurn: list.lastTurn } : {}),
  }
}

/**
 * A delegation asks for the floor. One waiting request of each kind per delegation; a point of order goes ahead
 * of every speaker, after the points of order already raised.
 */
export function requestFloor(list: SpeakersList, request: SpeakerRequest): Outcome {
  if (list.queue.some((r) => r.delegation === request.delegation && r.kind === request.kind))
    return refuse(
      request.kind === 'point of order'
        ? 'Your delegation has already raised a point of order.'
        : 'Your delegation is already on the speakers’ list.',
    )
  if (request.kind === 'speak') return ok({ ...list, queue: [...list.queue, request] })
  const firstSpeaker = list.queue.findIndex((r) => r.kind === 'speak')
  const at = firstSpeaker === -1 ? list.queue.length : firstSpeaker
  return ok({ ...list, queue: [...list.queue.slice(0, at), request, ...list.queue.slice(at)] })
}

/**
 * A request leaves the list: withdrawn by its delegation (`by`), or removed by the chair (`by` null). A
 * delegation cannot withdraw another's request.
 */
/**
 * Under which rule a participant takes a request off the list, and whose requests it may take: whoever gives the
 * floor (the chair, the secretariat) removes any request; a delegation withdraws only its own.
 */
export function withdrawal(
  role: Role,
  delegation: string,
): { action: 'give the floor' | 'request the floor'; onlyOf: string | null } {
  return RULEBOOK['give the floor'].roles.includes(role)
    ? { action: 'give the floor', onlyOf: null }
    : { action: 'request the floor', onlyOf: delegation }
}

export function withdrawRequest(list: SpeakersList, id: string, by: string | null): Outcome {
  const request = list.queue.find((r) => r.id === id)
  if (!request) return refuse('That request is not on the speakers’ list.')
  if (by !== null && request.delegation !== by)
    return refuse('Only its own delegation withdraws a request for the floor.')
  return ok({ ...list, queue: list.queue.filter((r) => r.id !== id) })
}

/**
 * The chair gives the floor: to a request on the list (`id`), or to the first one. The turn before ends. A
 * speaking time, when given, is a whole number of seconds up to MAX_SPEAKING_SECONDS.
 */
export function giveFloor(
  list: SpeakersList,
  options: { id?: string; seconds: number | null; at: string },
): Outcome {
  const { seconds } = options
  if (seconds !== null && (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SPEAKING_SECONDS))
    return refuse(`A speaking time is between 1 and ${MAX_SPEAKING_SECONDS} seconds.`)
  const request = options.id === undefined ? list.queue[0] : list.queue.find((r) => r.id === options.id)
  if (!request)
    return refuse(
      options.id === undefined
        ? 'No one is on the speakers’ list.'
        : 'That request is not on the speakers’ list.',
    )
  return ok({
    ...ended(list, options.at),
    queue: list.queue.filter((r) => r.id !== request.id),
    speaking: {
      delegation: request.delegation,
      paragraph: request.paragraph,
      kind: request.kind,
      since: options.at,
      seconds,
    },
  })
}

/** The list with the turn under way, if any, ended at `at`. */
function ended(list: SpeakersList, at: string): SpeakersList {
  return list.speaking
    ? { ...list, speaking: null, lastTurn: { delegation: list.speaking.delegation, ended: at } }
    : list
}

/** The speaker's turn ends; no one holds the floor until the chair gives it again. */
export function endTurn(list: SpeakersList, at: string): Outcome {
  if (!list.speaking) return refuse('No one holds the floor.')
  return ok(ended(list, at))
}

/** The delegation holding the floor, or null. */
export function speakingDelegation(list: SpeakersList): string | null {
  return list.speaking?.delegation ?? null
}

/**
 * The delegations whose oral proposals may be typed at `now`: the one holding the floor, and the one whose turn
 * ended less than `graceMs` ago — words typed for it before the typist's page heard that the turn had ended (the
 * secretariat finishing the speaker's sentence as the chair moves on) are still on their way, and are its own.
 */
export function oralProposalsFor(list: SpeakersList, now: number, graceMs: number): string[] {
  const delegations = list.speaking ? [list.speaking.delegation] : []
  const last = list.lastTurn
  if (last && now - Date.parse(last.ended) < graceMs && !delegations.includes(last.delegation))
    delegations.push(last.delegation)
  return delegations
}

/** Seconds left of a turn at `now` (negative once over time), or null when no speaking time was set. */
export function secondsLeft(turn: Turn, now: number): number | null {
  if (turn.seconds === null) return null
  return Math.ceil((Date.parse(turn.since) + turn.seconds * 1000 - now) / 1000)
}
