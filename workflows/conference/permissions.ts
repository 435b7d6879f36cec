/**
 * @module Who may write to the declaration's body. The foundation rule: every participant but an
 * observer types directly. The full role × stage matrix (suggestion-only writers, frozen stages) replaces
 * this table when the authority rules land; the server and the editor both ask here, never decide alone.
 */
import type { Role, Stage } from './roles.js'

/** How a participant may change the body of the declaration in a given stage. */
export type BodyAccess = 'edit' | 'read'

export function bodyAccess(role: Role, _stage: Stage): BodyAccess {
  return role === 'observer' ? 'read' : 'edit'
}
