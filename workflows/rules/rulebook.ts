/**
 * @module Who may do what, in which stage (DESIGN.md §1 and §3), as one table a chair could read. The server
 * enforces it on every request and every update; the editor asks it what to show. Nothing else decides.
 */
import type { Role, Stage } from '../conference/roles.js'

export const ACTIONS = [
  'read',
  'export',
  'edit directly',
  'suggest',
  'withdraw own suggestion',
  'accept or reject suggestions',
  'comment',
  'resolve threads',
  'set paragraph status',
  'clean brackets',
  'publish revision',
  'import draft',
  'change stage',
  'clear paragraph',
  'record position',
  'set silence deadline',
  'adopt',
  'sign',
  'close signing',
  'endorse',
  'admit delegation',
  'manage roster',
  'move the floor',
  'request the floor',
  'give the floor',
  'type on behalf of the speaker',
  'support a proposal',
] as const
export type Action = (typeof ACTIONS)[number]

type Rule = { roles: readonly Role[]; stages: readonly Stage[] }

const EVERYONE: readonly Role[] = ['secretariat', 'chair', 'head', 'drafter', 'observer']
const WRITERS: readonly Role[] = ['secretariat', 'chair', 'head', 'drafter']
const DELEGATIONS: readonly Role[] = ['chair', 'head', 'drafter']
const ALL_STAGES: readonly Stage[] = ['draft', 'negotiation', 'consensus-call', 'adopted', 'signed']
const OPEN_TEXT: readonly Stage[] = ['draft', 'negotiation']
const DISCUSSION: readonly Stage[] = ['draft', 'negotiation', 'consensus-call']

export const RULEBOOK: Record<Action, Rule> = {
  read: { roles: EVERYONE, stages: ALL_STAGES },
  export: { roles: EVERYONE, stages: ALL_STAGES },
  'edit directly': { roles: ['secretariat', 'chair'], stages: ['draft'] },
  suggest: { roles: WRITERS, stages: OPEN_TEXT },
  'withdraw own suggestion': { roles: WRITERS, stages: OPEN_TEXT },
  'accept or reject suggestions': { roles: ['chair'], stages: OPEN_TEXT },
  comment: { roles: WRITERS, stages: DISCUSSION },
  'resolve threads': { roles: ['chair'], stages: DISCUSSION },
  'set paragraph status': { roles: ['chair'], stages: OPEN_TEXT },
  'clean brackets': { roles: ['chair'], stages: OPEN_TEXT },
  'publish revision': { roles: ['secretariat', 'chair'], stages: OPEN_TEXT },
  'import draft': { roles: ['secretariat'], stages: ['draft'] },
  'change stage': { roles: ['chair'], stages: ALL_STAGES },
  'clear paragraph': { roles: ['chair', 'head'], stages: ['negotiation'] },
  'record position': { roles: ['chair', 'head'], stages: ['consensus-call'] },
  'set silence deadline': { roles: ['chair'], stages: ['consensus-call'] },
  adopt: { roles: ['chair'], stages: ['consensus-call'] },
  sign: { roles: ['chair', 'head'], stages: ['adopted'] },
  'close signing': { roles: ['chair'], stages: ['adopted'] },
  // Localities that join after adoption endorse the text (they did not adopt it, so they do not sign it).
  endorse: { roles: ['head'], stages: ['adopted', 'signed'] },
  'admit delegation': { roles: ['secretariat'], stages: ALL_STAGES },
  // The roster, the invitations, new documents: setting up the conference, at any stage.
  'manage roster': { roles: ['secretariat'], stages: ALL_STAGES },
  // Meeting mode: the chair, or the secretariat as the screen's operator, puts a paragraph on the floor.
  'move the floor': { roles: ['secretariat', 'chair'], stages: DISCUSSION },
  // A delegation asks for the floor (and withdraws its request); the chair presides and does not ask.
  'request the floor': { roles: ['head', 'drafter'], stages: DISCUSSION },
  // Gives the floor, sets the speaking time, ends a turn, removes a request: the chair, or the secretariat on the
  // chair's word, as it operates the screen.
  'give the floor': { roles: ['secretariat', 'chair'], stages: DISCUSSION },
  // Oral proposals: typed in as the speaking delegation's suggestion, only while it holds the floor (in the
  // negotiation: while drafting, the secretariat and the chair write the text itself).
  'type on behalf of the speaker': { roles: ['secretariat', 'chair'], stages: ['negotiation'] },
  // A delegation backs another's pending proposal (while proposals are made and decided); the chair presides and
  // decides proposals, so does not take sides on them.
  'support a proposal': { roles: ['head', 'drafter'], stages: OPEN_TEXT },
}

/** Whether a role may take an action in a stage. */
export function may(role: Role, action: Action, stage: Stage): boolean {
  const rule = RULEBOOK[action]
  return rule.roles.includes(role) && rule.stages.includes(stage)
}

/**
 * Whether the secretariat officer `caller` may change or remove the participant `target` (besides 'manage roster'):
 * not themself — a conference must keep its secretariat, so another officer does it. Why not, or undefined.
 */
export function refusedRosterChange(caller: string, target: string): string | undefined {
  return caller === target
    ? 'Another secretariat officer changes or removes you: a conference must keep its secretariat.'
    : undefined
}

/** The roles whose members speak for a delegation (and so own its suggestions and threads). */
export function speaksForDelegation(role: Role): boolean {
  return DELEGATIONS.includes(role)
}

/** How a participant may change the body of the declaration: directly, only by suggestion, or not at all. */
export type BodyAccess = 'edit' | 'suggest' | 'read'

export function bodyAccess(role: Role, stage: Stage): BodyAccess {
  if (may(role, 'edit directly', stage)) return 'edit'
  if (may(role, 'suggest', stage)) return 'suggest'
  return 'read'
}
