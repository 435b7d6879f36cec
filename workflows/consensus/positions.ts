/**
 * @module Positions in the consensus call. Each delegation's head (the chair for the host) records its position
 * on the frozen text: approve, approve ad referendum, approve with a reservation (its statement, tied to
 * paragraphs, printed in an annex), or object (with a reason). A position is bound to the hash of the text it
 * was given on. Consensus holds when no delegation objects and every delegation has approved in some form
 * — or, once a silence deadline has passed unbroken, the delegations still pending count as raising no objection.
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from '../rules/rulebook.js'
import type { Decision } from '../rules/stage-changes.js'
import type { SilenceState } from './silence.js'

export const POSITION_KINDS = ['approve', 'approve-ad-ref', 'reservation', 'object'] as const
export type PositionKind = (typeof POSITION_KINDS)[number]

/** How a delegation stands in the grid: its position, pending, or silent after a silence passed. */
export type GridPosition = PositionKind | 'pending' | 'silent'

/** Every way a delegation can stand in the grid; the catalogue words each (`position.…`, `signature.…`). */
export const GRID_POSITIONS: readonly GridPosition[] = [
  'pending',
  'silent',
  'approve',
  'approve-ad-ref',
  'reservation',
  'object',
]

export const isGridPosition = (value: string): value is GridPosition =>
  (GRID_POSITIONS as readonly string[]).includes(value)

export interface Position {
  delegation: string
  kind: PositionKind
  /** The reservation's statement, or the objection's reason. */
  statement?: string
  /** Paragraph ids a reservation concerns. */
  paragraphs?: string[]
  /** The canonical hash of the text the position was given on. */
  hash: string
  participant: string
  at: string
}

export function isPositionKind(value: unknown): value is PositionKind {
  return typeof value === 'string' && (POSITION_KINDS as readonly string[]).includes(value)
}

export function tryRecordPosition(
  role: Role,
  stage: Stage,
  position: { kind: PositionKind; statement?: string; paragraphs?: string[] },
  /** The ids of the text's paragraphs, which a reservation's paragraphs must be among. */
  textParagraphs?: ReadonlySet<string>,
): Decision {
  if (!may(role, 'record position', stage)) {
    return {
      ok: false,
      code: 'forbidden',
      refused: "Only a delegation's head records its position, during the consensus call.",
    }
  }
  if ((position.kind === 'reservation' || position.kind === 'object') && !position.statement?.trim()) {
    return {
      ok: false,
      code: 'conflict',
      refused:
        position.kind === 'object' ? 'An objection needs its reason.' : 'A reservation needs its statement.',
    }
  }
  if (position.kind === 'reservation' && !(position.paragraphs?.length ?? 0)) {
    return { ok: false, code: 'conflict', refused: 'A reservation names the paragraphs it concerns.' }
  }
  const unknown = position.paragraphs?.find((id) => textParagraphs && !textParagraphs.has(id))
  if (unknown !== undefined) {
    return { ok: false, code: 'conflict', refused: `There is no paragraph "${unknown}" in the text.` }
  }
  return { ok: true }
}

export interface GridRow {
  delegation: string
  position: GridPosition
  /** A position given on another text than the current one does not count. */
  stale: boolean
  /** Of a position on the current text: what the plenary reads beside the grid, and who gave it when. */
  statement?: string
  paragraphs?: string[]
  participant?: string
  at?: string
}

export interface Consensus {
  rows: GridRow[]
  counts: Record<GridPosition, number>
  holds: boolean
  silence: SilenceState
  objections: string[]
}

/** The consensus grid: every member delegation's position on the current text, and whether consensus holds. */
export function consensusGrid(
  delegations: readonly string[],
  positions: readonly Position[],
  currentHash: string,
  silence: SilenceState = 'none',
): Consensus {
  const byDelegation = new Map(positions.map((p) => [p.delegation, p]))
  const counts: Consensus['counts'] = {
    pending: 0,
    silent: 0,
    approve: 0,
    'approve-ad-ref': 0,
    reservation: 0,
    object: 0,
  }
  const rows = delegations.map((delegation): GridRow => {
    const position = byDelegation.get(delegation)
    const valid = position && position.hash === currentHash
    const kind: GridPosition = valid ? position.kind : silence === 'passed' ? 'silent' : 'pending'
    counts[kind] += 1
    return {
      delegation,
      position: kind,
      stale: Boolean(position && !valid),
      ...(valid
        ? {
            ...(position.statement ? { statement: position.statement } : {}),
            ...(position.paragraphs?.length ? { paragraphs: position.paragraphs } : {}),
            participant: position.participant,
            at: position.at,
          }
        : {}),
    }
  })
  const objections = rows.filter((r) => r.position === 'object').map((r) => r.delegation)
  return { rows, counts, holds: objections.length === 0 && counts.pending === 0, objections, silence }
}
