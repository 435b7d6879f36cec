/**
 * @module Suggestion ids are owned: an id belongs to the delegation and participant that first used it (a mark or
 * a paragraph proposal carrying it). A writer that puts another's id on its own mark or proposal — to have its
 * words listed, withdrawn or decided as someone else's suggestion — is refused. Marks re-stated with their
 * owner's attribution (Yjs writes the marks in force again after words inserted inside them) are no claim.
 *
 * The owners are read from the document once, when first needed, and grow with every accepted update; an id
 * stays owned after its suggestion is decided, so that it never comes to name another delegation's words in the
 * audit log.
 */
import * as Y from 'yjs'
import { suggestionKindOf, type Verdict } from '../../../workflows/rules/suggestions.js'
import { isAddedIn } from './text-changes.js'

interface Claim {
  id: string
  owner: string
  delegation: string
}

const ownerKey = (value: { delegation: string; participant: string }) =>
  `${value.delegation}\u0000${value.participant}`

/** The suggestion id and owner a stored value names, if it is a suggestion mark value or a proposal. */
function claimOf(value: unknown): Claim | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, delegation, participant } = value as Record<string, unknown>
  if (typeof id !== 'string' || typeof delegation !== 'string' || typeof participant !== 'string') return null
  return { id, owner: ownerKey({ delegation, participant }), delegation }
}

/** The claim an item carries: a suggestion mark's value, or a paragraph's proposal. */
function claimOfItem(item: Y.Item): Claim | null {
  const content = item.content
  if (content instanceof Y.ContentFormat)
    return suggestionKindOf(content.key) === null ? null : claimOf(content.value)
  if (item.parentSub === 'proposal' && content instanceof Y.ContentAny) return claimOf(content.arr[0])
  return null
}

export class SuggestionOwners {
  private owners: Map<string, string> | null = null
  private pending: Claim[] = []

  /** Judges the ids the items added by a transaction name; `commit` keeps them once the update is accepted. */
  verify(tr: Y.Transaction, added: readonly Y.Item[], body: Y.XmlFragment): Verdict {
    const owners = (this.owners ??= ownersIn(body, tr))
    const claimed = new Map<string, string>()
    this.pending = []
    for (const item of added) {
      if (item.deleted) continue
      const claim = claimOfItem(item)
      if (claim === null) continue
      const owner = claimed.get(claim.id) ?? owners.get(claim.id)
      if (owner !== undefined && owner !== claim.owner)
        return {
          ok: false,
          refused: `suggestion id "${claim.id.slice(0, 40)}" belongs to another participant`,
        }
      if (owner === undefined) {
        claimed.set(claim.id, claim.owner)
        this.pending.push(claim)
      }
    }
    return { ok: true }
  }

  /** Keeps the ids the accepted update claimed first; returns them, with the delegation each names. */
  commit(): { id: string; delegation: string }[] {
    const claimed = this.pending.filter(({ id }) => !this.owners?.has(id))
    for (const { id, owner } of claimed) this.owners?.set(id, owner)
    this.pending = []
    return claimed.map(({ id, delegation }) => ({ id, delegation }))
  }

  discard(): void {
    this.pending = []
  }
}

/** The owner of every id in the body before `tr`, by its first appearance in document order. */
function ownersIn(body: Y.XmlFragment, tr: Y.Transaction): Map<string, string> {
  const owners = new Map<string, string>()
  const note = (item: Y.Item) => {
    if (isAddedIn(tr, item)) return
    const claim = claimOfItem(item)
    if (claim && !owners.has(claim.id)) owners.set(claim.id, claim.owner)
  }
  for (let child = body._start; child !== null; child = child.right) {
    const element = child.content instanceof Y.ContentType ? child.content.type : null
    if (child.deleted || !(element instanceof Y.XmlElement)) continue
    const proposal = element._map.get('proposal')
    if (proposal && !proposal.deleted) note(proposal)
    for (let part = element._start; part !== null; part = part.right) {
      const text = part.content instanceof Y.ContentType ? part.content.type : null
      if (part.deleted || !(text instanceof Y.XmlText)) continue
      for (let item = text._start; item !== null; item = item.right) if (!item.deleted) note(item)
    }
  }
  return owners
}
