/**
 * @module The silence procedure. During the consensus call the chair may set a deadline, stated in the host's
 * time zone ("Tuesday 20 September 2022, 18:00, Ho Chi Minh City time"). If it passes with no objection, every
 * delegation still pending counts as raising no objection and consensus holds; an objection recorded before
 * the deadline breaks the silence at once (kept with its time). The deadline is an instant, so it passes at
 * the same moment whatever the server's clock zone, and it is judged from the record and the clock alone — a
 * server restarted in between reaches the same verdict.
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from '../rules/rulebook.js'
import type { Decision } from '../rules/stage-changes.js'

export interface Silence {
  /** The instant the silence ends (ISO 8601, UTC). */
  deadline: string
  /** The host's IANA time zone, in which the deadline was stated and is shown. */
  timeZone: string
  setBy: string
  setAt: string
  /** The objection that broke the silence before its deadline. */
  broken?: { delegation: string; at: string }
  /** When the server recorded that the deadline passed unbroken (the verdict does not wait for it). */
  passedAt?: string
}

export type SilenceState = 'none' | 'running' | 'broken' | 'passed'

export function silenceState(silence: Silence | undefined, now: number): SilenceState {
  if (!silence) return 'none'
  if (silence.broken) return 'broken'
  return now >= Date.parse(silence.deadline) ? 'passed' : 'running'
}

export function trySetSilence(
  role: Role,
  stage: Stage,
  deadline: number,
  now: number,
  facts: { objections: number; current: SilenceState },
): Decision {
  if (!may(role, 'set silence deadline', stage)) {
    return {
      ok: false,
      code: 'forbidden',
      refused: 'Only the chair sets a silence deadline, during the consensus call.',
    }
  }
  if (!(deadline > now))
    return { ok: false, code: 'conflict', refused: 'The deadline must be in the future.' }
  if (facts.current === 'passed') {
    return { ok: false, code: 'conflict', refused: 'The silence has already passed: consensus holds.' }
  }
  if (facts.objections > 0) {
    return {
      ok: false,
      code: 'conflict',
      refused: `${facts.objections} delegation(s) object; silence cannot pass over an objection on record.`,
    }
  }
  return { ok: true }
}

/**
 * Whether an objection may still be recorded: once the silence has passed, consensus holds and an objection
 * comes too late; while it runs, the objection breaks it.
 */
export function objectionEffect(state: SilenceState): 'breaks silence' | 'too late' | 'none' {
  if (state === 'running') return 'breaks silence'
  if (state === 'passed') return 'too late'
  return 'none'
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** The offset of `timeZone` from UTC at `instant`, in minutes (Vietnam: +420). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000)
}

/**
 * The instant of a wall-clock time ("2022-09-20T18:00", seconds optional) in `timeZone`, or null when the text
 * is not such a time or the time does not exist there (skipped by a daylight-saving change).
 */
export function instantOfLocalTime(local: string, timeZone: string): number | null {
  const match = LOCAL_DATE_TIME.exec(local)
  if (!match) return null
  const [year, month, day, hour, minute, second = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number?,
  ]
  if (hour > 23 || minute > 59 || second > 59) return null
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  if (new Date(asUtc).getUTCDate() !== day || new Date(asUtc).getUTCMonth() !== month - 1) return null
  // Guess with the offset at the UTC reading, then correct once (enough for every real zone's changes).
  let instant = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000
  instant = asUtc - zoneOffsetMinutes(instant, timeZone) * 60_000
  return localTimeOf(instant, timeZone) === new Date(asUtc).toISOString().slice(0, 19) ? instant : null
}

/** The wall-clock time of an instant in `timeZone`, as "YYYY-MM-DDTHH:mm:ss". */
export function localTimeOf(instant: number, timeZone: string): string {
  const shifted = new Date(instant + zoneOffsetMinutes(instant, timeZone) * 60_000)
  return shifted.toISOString().slice(0, 19)
}

/** "20 September 2022, 18:00 (Asia/Ho_Chi_Minh, UTC+07:00)" — how the deadline is stated to delegations. */
export function describeInHostTime(instant: number, timeZone: string): string {
  const wall = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant))
  const offset = zoneOffsetMinutes(instant, timeZone)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${wall} (${timeZone}, UTC${sign}${hh}:${mm})`
}

/** A silence belongs to the consensus call it was set in: it runs (and can pass) only in that stage. */
export function silenceRunsIn(stage: Stage): boolean {
  return stage === 'consensus-call'
}
