/**
 * @module What a suggestion-only writer may do to the text, judged change by change. The server describes
 * each change it finds in an update — content inserted, content deleted, marks changed on existing content —
 * with the marks in force before and after; these rules say yes or no. A writer may:
 * - insert content that carries an insertion mark naming its own delegation and participant;
 * - add a deletion mark naming its own delegation and participant over existing text;
 * - remove its own delegation's pending suggestions (delete its inserted text, lift its deletion marks).
 * Nothing else: no direct edits, no acceptance of its own insertion, no writing as someone else.
 *
 * Oral proposals (meeting mode): while a delegation holds the floor, the secretariat and the chair also write for
 * it (`Author.onBehalfOf`): marks naming that delegation and themselves as the participant who typed them; and they
 * may take back that delegation's pending suggestions, as it asks from the floor.
 */

export type SuggestionKind = 'insertion' | 'deletion'

/** Who is writing, from the server's record of the connection. */
export interface Author {
  delegation: string
  participant: string
  /**
   * The delegations this writer may type oral proposals for now — the one holding the floor, and the one whose turn
   * has just ended (workflows/meeting/speakers.ts) — set by the server from the speakers' list and the rulebook,
   * for each update; never from the client.
   */
  onBehalfOf?: readonly string[]
}

/** Marks in force on a piece of content: Yjs format attributes, key → value. */
export type Marks = Readonly<Record<string, unknown>>

export type TextChange =
  | {
      kind: 'insert'
      marks: Marks
      /** Marks in force where it was inserted, before the change. */ inherited?: Marks
    }
  | { kind: 'delete'; marks: Marks }
  | { kind: 'remark'; before: Marks; after: Marks }

export type Verdict = { ok: true } | { ok: false; refused: string }

const OK: Verdict = { ok: true }
const refuse = (refused: string): Verdict => ({ ok: false, refused })

/** `insertion`, or `insertion--<hash>` as the Yjs binding keys overlapping marks. */
export function suggestionKindOf(key: string): SuggestionKind | null {
  const name = key.split('--', 1)[0]
  return name === 'insertion' || name === 'deletion' ? name : null
}

function attribution(value: unknown): Partial<Author> {
  return typeof value === 'object' && value !== null ? (value as Partial<Author>) : {}
}

/** Whether a suggestion's attribution names the writer: its own delegation, or the one it types for now. */
export function isAuthoredBy(value: unknown, author: Author): boolean {
  const a = attribution(value)
  return (
    a.participant === author.participant &&
    (a.delegation === author.delegation ||
      (a.delegation !== undefined && (author.onBehalfOf ?? []).includes(a.delegation)))
  )
}

export function isOfDelegation(value: unknown, delegation: string): boolean {
  return attribution(value).delegation === delegation
}

/**
 * Whether the writer may take back a suggestion: its own delegation's, or — typing for the delegation holding the
 * floor — that delegation's (a speaker may ask from the floor to withdraw or amend its earlier proposals).
 */
export function mayWithdraw(value: unknown, author: Author): boolean {
  return (
    isOfDelegation(value, author.delegation) ||
    (author.onBehalfOf ?? []).some((delegation) => isOfDelegation(value, delegation))
  )
}

function suggestions(marks: Marks, kind?: SuggestionKind): [string, unknown][] {
  return Object.entries(marks).filter(([key, value]) => {
    const k = suggestionKindOf(key)
    return k !== null && value !== null && value !== undefined && (kind === undefined || k === kind)
  })
}

/** Every suggestion mark in `marks` that a writer adds must name the writer; applies to direct editors too. */
export function checkAttribution(marks: Marks, author: Author): Verdict {
  for (const [key, value] of suggestions(marks)) {
    if (!isAuthoredBy(value, author)) {
      return refuse(`a ${suggestionKindOf(key)} mark must name your own delegation and participant`)
    }
  }
  return OK
}

/**
 * The marks inserted words carry by the writer's doing: all but another delegation's deletion marks they took
 * over from where they landed. Words typed where another delegation was, at the same moment, proposing to
 * delete meet that deletion's marks only when the two changes merge: the typist did not write them, so they
 * are no claim of the typist's (and they do not cover the words: `SuggestionMark.inert`). Concurrency is not
 * forgery.
 */
export function claimedMarks(change: TextChange & { kind: 'insert' }): Marks {
  const inherited = change.inherited ?? {}
  return Object.fromEntries(
    Object.entries(change.marks).filter(
      ([key, value]) => !(suggestionKindOf(key) === 'deletion' && sameValue(inherited[key], value)),
    ),
  )
}

export function checkSuggestedChange(change: TextChange, author: Author): Verdict {
  switch (change.kind) {
    case 'insert': {
      const own = suggestions(change.marks, 'insertion').some(([, value]) => isAuthoredBy(value, author))
      if (!own) return refuse('new text must be a suggestion: an insertion mark naming your delegation')
      return checkAttribution(claimedMarks(change), author)
    }
    case 'delete': {
      const ownInsertion = suggestions(change.marks, 'insertion').some(([, value]) =>
        mayWithdraw(value, author),
      )
      return ownInsertion
        ? OK
        : refuse('text can only be proposed for deletion (a deletion mark), not deleted')
    }
    case 'remark':
      return checkRemark(change.before, change.after, author)
  }
}

function checkRemark(before: Marks, after: Marks, author: Author): Verdict {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    const was = before[key] ?? null
    const is = after[key] ?? null
    if (sameValue(was, is)) continue
    const kind = suggestionKindOf(key)
    if (kind === null) return refuse(`formatting (${key}) can only change by suggestion`)
    if (was === null && kind === 'deletion') {
      if (!isAuthoredBy(is, author))
        return refuse('a deletion mark must name your own delegation and participant')
      continue
    }
    if (is === null && kind === 'deletion') {
      if (!mayWithdraw(was, author)) return refuse("only the chair decides another delegation's suggestion")
      continue
    }
    if (is === null && kind === 'insertion') return refuse('only the chair accepts a suggestion')
    return refuse(`a ${kind} mark cannot be added to or changed on existing text`)
  }
  return OK
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return JSON.stringify(a) === JSON.stringify(b)
}
