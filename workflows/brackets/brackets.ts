/**
 * @module Brackets: words not yet agreed, possibly with alternatives (Alt 1, Alt 2 …), each backed by the
 * delegations that support it. Delegations bracket words and propose or back alternatives; only the chair
 * removes a bracket (keeping its words) or picks an alternative (the others go). These functions read brackets
 * from a text's runs and say what the chair's decisions do to them; the server applies that to the document.
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from '../rules/rulebook.js'
import type { Decision } from '../rules/stage-changes.js'
import type { TextEdit } from '../suggestions/decisions.js'
import type { ParagraphRuns, Run } from '../suggestions/runs.js'

export interface BracketAttributes {
  id: string
  alt: number
  backers: string[]
  delegation: string
  participant: string
  at: string
}

export interface BracketAlternative extends BracketAttributes {
  text: string
}

export interface OpenBracket {
  id: string
  blocks: string[]
  alternatives: BracketAlternative[]
}

export function isBracketKey(key: string): boolean {
  return key.split('--', 1)[0] === 'bracket'
}

function bracketOf(value: unknown): BracketAttributes | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Partial<BracketAttributes>
  if (typeof v.id !== 'string' || typeof v.alt !== 'number') return null
  return {
    id: v.id,
    alt: v.alt,
    backers: Array.isArray(v.backers) ? v.backers.filter((b): b is string => typeof b === 'string') : [],
    delegation: typeof v.delegation === 'string' ? v.delegation : '',
    participant: typeof v.participant === 'string' ? v.participant : '',
    at: typeof v.at === 'string' ? v.at : '',
  }
}

/** The brackets in force on a run: key → attributes. */
export function bracketsOn(run: Run): [string, BracketAttributes][] {
  const found: [string, BracketAttributes][] = []
  for (const [key, value] of Object.entries(run.marks)) {
    const bracket = isBracketKey(key) ? bracketOf(value) : null
    if (bracket) found.push([key, bracket])
  }
  return found
}

export function openBrackets(blocks: readonly ParagraphRuns[]): OpenBracket[] {
  const byId = new Map<string, OpenBracket>()
  for (const { block, runs } of blocks) {
    for (const run of runs) {
      for (const [, b] of bracketsOn(run)) {
        let bracket = byId.get(b.id)
        if (!bracket) byId.set(b.id, (bracket = { id: b.id, blocks: [], alternatives: [] }))
        if (bracket.blocks.at(-1) !== block) bracket.blocks.push(block)
        let alternative = bracket.alternatives.find((a) => a.alt === b.alt)
        if (!alternative) bracket.alternatives.push((alternative = { ...b, text: '' }))
        alternative.text += run.text
      }
    }
  }
  for (const bracket of byId.values()) bracket.alternatives.sort((a, b) => a.alt - b.alt)
  return [...byId.values()]
}

/** Edits that close a bracket keeping alternative `keep` (its words stay, unbracketed; the others go). */
export function closeBracketEdits(runs: readonly Run[], id: string, keep: number): TextEdit[] {
  const edits: TextEdit[] = []
  let index = 0
  for (const run of runs) {
    const mine = bracketsOn(run).filter(([, b]) => b.id === id)
    if (mine.length > 0) {
      const removes = mine.every(([, b]) => b.alt !== keep)
      edits.push(
        removes
          ? { kind: 'remove', index, length: run.text.length, keys: Object.keys(run.marks) }
          : { kind: 'unmark', index, length: run.text.length, keys: mine.map(([key]) => key) },
      )
    }
    index += run.text.length
  }
  return edits.reverse()
}

const refuse = (refused: string, code: 'forbidden' | 'conflict' = 'forbidden'): Decision => ({
  ok: false,
  code,
  refused,
})

/** Bracketing words, proposing or backing an alternative: whoever may change the text, while it is open. */
export function tryBracket(role: Role, stage: Stage): Decision {
  return may(role, 'suggest', stage) || may(role, 'edit directly', stage)
    ? { ok: true }
    : refuse(`A ${role} cannot bracket text in ${stage}.`)
}

/** Removing a bracket or picking an alternative: the chair. A bracket with alternatives needs a pick. */
export function tryCloseBracket(
  role: Role,
  stage: Stage,
  bracket: OpenBracket,
  keep: number | 'only',
): Decision {
  if (!may(role, 'clean brackets', stage))
    return refuse('Only the chair removes brackets or picks an alternative.')
  if (keep === 'only' && bracket.alternatives.length > 1) {
    return refuse('This bracket holds alternatives: pick one.', 'conflict')
  }
  if (keep !== 'only' && !bracket.alternatives.some((a) => a.alt === keep)) {
    return refuse(`There is no Alt ${keep} in this bracket.`, 'conflict')
  }
  return { ok: true }
}
