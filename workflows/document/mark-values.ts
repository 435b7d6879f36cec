/**
 * @module The shape of every mark value a client may write, as the document format defines it
 * (docs/document-format.md): emphasis carries no attributes; a suggestion mark carries exactly its attribution
 * — short strings — and a deletion the ids it covers. Anything else (an unknown key, a nested value, a long
 * string) is refused before it is stored: a value the server cannot serve back (an array nested 20,000 deep
 * broke every merge and every load) must never get in. Brackets are the server's own and are checked apart.
 */
import { suggestionKindOf } from '../rules/suggestions.js'

/** Longest id, delegation, participant or time string in a mark value. */
export const MAX_MARK_STRING = 256
/** Most insertions one deletion may name in `covers`. */
export const MAX_COVERED = 200

const SUGGESTION_KEYS = new Set(['id', 'delegation', 'participant', 'at', 'covers'])

const shortString = (value: unknown) => typeof value === 'string' && value.length <= MAX_MARK_STRING

/** Why a mark value does not have the shape of its mark, or undefined when it does. */
export function markValueProblem(key: string, value: unknown): string | undefined {
  if (value === null) return undefined // a mark lifted
  const name = key.split('--', 1)[0]!
  const kind = suggestionKindOf(key)
  if (kind === null) {
    if (name !== 'bold' && name !== 'italic') return undefined // other marks are judged by their own rules
    const plain = value === true || (isObject(value) && Object.keys(value).length === 0)
    return plain ? undefined : `"${name}" carries no attributes`
  }
  if (!isObject(value)) return `a ${kind} mark must be {id, delegation, participant, at}`
  for (const [field, v] of Object.entries(value)) {
    if (!SUGGESTION_KEYS.has(field)) return `a ${kind} mark has no "${field.slice(0, 40)}"`
    if (field === 'covers') {
      const fine =
        v === null ||
        (kind === 'deletion' && Array.isArray(v) && v.length <= MAX_COVERED && v.every(shortString))
      if (!fine) return `"covers" must list at most ${MAX_COVERED} suggestion ids`
    } else if (!shortString(v))
      return `"${field}" of a ${kind} mark must be a string of at most ${MAX_MARK_STRING}`
  }
  return undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
