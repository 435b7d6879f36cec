/**
 * @module The people of a conference and the stages a declaration goes through (DESIGN.md §1, §3).
 * Plain values only: the server and the editor both read them.
 */

export const ROLES = ['secretariat', 'chair', 'head', 'drafter', 'observer'] as const
export type Role = (typeof ROLES)[number]

export const STAGES = ['draft', 'negotiation', 'consensus-call', 'adopted', 'signed'] as const
export type Stage = (typeof STAGES)[number]

/** Each role as a roster file names it (its Role column, in English); pages show the catalogue's words. */
export const ROLE_LABELS: Record<Role, string> = {
  secretariat: 'Secretariat',
  chair: 'Chair',
  head: 'Head of delegation',
  drafter: 'Drafter',
  observer: 'Observer',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value)
}
