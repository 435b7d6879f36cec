/**
 * @module The shape of every value the document format stores, written once (zod) and used to check client
 * updates on the server, to type the values, and to describe them (docs/document-format.md): the attributes of
 * titles and paragraphs, a paragraph's proposal, and the value of each mark. Known keys only, short strings, no
 * nesting beyond what the format names: a value the server cannot serve back (an array nested 20,000 deep broke
 * every merge and every load) must never get in.
 */
import { z } from 'zod'
import { PARAGRAPH_KINDS, PARAGRAPH_STATUSES } from './format.js'
import { suggestionKindOf } from '../rules/suggestions.js'

/** Longest id, delegation, participant or time string in a stored value. */
export const MAX_VALUE_STRING = 256
/** Most insertions one deletion may name in `covers`. */
export const MAX_COVERED = 200

const shortString = z.string().max(MAX_VALUE_STRING)

/** A paragraph id: stable for the paragraph's life, unique in the document (`p-7kx3m2qa`, `pp-recovery`). */
export const paragraphId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a paragraph id is 1–64 letters, digits, ".", "_", ":" or "-"')

/** Who proposed a suggestion, and when: the attribution every suggestion mark and proposal carries. */
const attribution = {
  id: shortString,
  delegation: shortString,
  participant: shortString,
  at: shortString,
}

export const insertionMark = z.strictObject({ ...attribution, covers: z.null().optional() })
export const deletionMark = z.strictObject({
  ...attribution,
  /** Other delegations' proposed insertions this deletion deliberately covers (their ids). */
  covers: z.array(shortString).max(MAX_COVERED).nullable().optional(),
})
/** Brackets are written by the server only; words typed inside one carry it. */
export const bracketMark = z.strictObject({
  ...attribution,
  alt: z.number().int().min(1).max(99),
  backers: z.array(shortString).max(400),
})
/** Bold and italic carry no attributes (the binding writes `true` or `{}`). */
export const emphasisMark = z.union([z.literal(true), z.strictObject({})])

/** A pending proposal about a whole paragraph: to insert it (possibly by a split) or to delete it (or join it). */
export const paragraphProposal = z.strictObject({
  ...attribution,
  kind: z.enum(['insertion', 'deletion']),
  operation: z.enum(['split', 'join']).optional(),
})

/** The attributes a paragraph may hold; every one optional (a missing one has its default). */
export const paragraphAttributes = {
  id: paragraphId,
  proposal: paragraphProposal,
  status: z.enum(PARAGRAPH_STATUSES),
  kind: z.enum(PARAGRAPH_KINDS),
}

/** A title's language: a BCP 47 tag such as `en` or `vi`. */
export const titleAttributes = {
  lang: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,3}$/, 'a language tag such as "en" or "vi"'),
}

/** The attributes each element of the body may hold, by node name. */
export const ELEMENT_ATTRIBUTES: Record<string, Record<string, z.ZodType>> = {
  title: titleAttributes,
  paragraph: paragraphAttributes,
}

/** Why a value does not fit a schema, in a sentence (the first issue found). */
function problemOf(schema: z.ZodType, value: unknown, what: string): string | undefined {
  const result = schema.safeParse(value)
  if (result.success) return undefined
  const issue = result.error.issues[0]!
  const where = issue.path.length > 0 ? ` (${issue.path.map(String).join('.').slice(0, 60)})` : ''
  return `${what}${where} is not in the document format: ${issue.message}`
}

/** A mark's key: its name, or `name--<8 characters>` as the binding keys overlapping marks apart. */
const MARK_KEY = /^(insertion|deletion|bracket|bold|italic)(?:--[a-zA-Z0-9+/=]{8})?$/

/** Why a mark value does not have the shape of its mark, or undefined when it does. */
export function markValueProblem(key: string, value: unknown): string | undefined {
  const name = MARK_KEY.exec(key)?.[1]
  if (name === undefined) return `"${key.slice(0, 40)}" is not a mark of the document format`
  if (value === null) return undefined // a mark lifted
  const kind = suggestionKindOf(key)
  if (kind === 'insertion') return problemOf(insertionMark, value, 'an insertion mark')
  if (kind === 'deletion') return problemOf(deletionMark, value, 'a deletion mark')
  if (kind === null && name !== 'bracket') return problemOf(emphasisMark, value, `"${name}"`)
  return problemOf(bracketMark, value, 'a bracket')
}

/** Why an element attribute is not one the format allows there, or undefined when it is. */
export function attributeValueProblem(nodeName: string, key: string, value: unknown): string | undefined {
  const schema = ELEMENT_ATTRIBUTES[nodeName]?.[key]
  if (!schema) return `a ${nodeName} has no attribute "${key.slice(0, 40)}"`
  return problemOf(schema, value, `the ${nodeName}'s ${key}`)
}
