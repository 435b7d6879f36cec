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

/** A silence belongs to the consensus call it was set in: it runs (and can pass) only in that stage. */
export function silenceRunsIn(stage: Stage): boolean {
  return stage === 'consensus-call'
}
