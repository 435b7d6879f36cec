/**
 * @module Support for a pending proposal (issue 19): a delegation backs another's proposal in one action, and the
 * chair sees at a glance which proposals are widely supported. Pure: the server keeps who supports what in the
 * workflow map (`SUPPORT`: suggestion id → supporters, in the order they came); the page, the projector, the
 * compilation and the Word export list them.
 */

export interface Supporter {
  delegation: string
  at: string
}

/** Suggestion id → its supporters, in order. */
export type Support = Readonly<Record<string, readonly Supporter[]>>

export type SupportOutcome = { ok: true; support: Support } | { ok: false; refused: string }

/** What the workflow map holds, read defensively (written only by the server, but may be absent). */
export function supportOf(value: unknown): Support {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([, list]) => Array.isArray(list)),
  ) as Support
}

/** The delegations supporting a suggestion, in order. */
export function supportersOf(support: Support, suggestion: string): string[] {
  return (support[suggestion] ?? []).map((s) => s.delegation)
}

/** A delegation supports another delegation's pending proposal, once. */
export function addSupport(
  support: Support,
  proposal: { id: string; delegation: string },
  supporter: Supporter,
): SupportOutcome {
  if (proposal.delegation === supporter.delegation)
    return { ok: false, refused: 'A delegation does not support its own proposal.' }
  const current = support[proposal.id] ?? []
  if (current.some((s) => s.delegation === supporter.delegation))
    return { ok: false, refused: 'Your delegation supports this proposal already.' }
  return { ok: true, support: { ...support, [proposal.id]: [...current, supporter] } }
}

/** A delegation withdraws its support. */
export function withdrawSupport(support: Support, suggestion: string, delegation: string): SupportOutcome {
  const current = support[suggestion] ?? []
  if (!current.some((s) => s.delegation === delegation))
    return { ok: false, refused: 'Your delegation does not support this proposal.' }
  const rest = current.filter((s) => s.delegation !== delegation)
  const next = { ...support }
  if (rest.length === 0) delete (next as Record<string, readonly Supporter[]>)[suggestion]
  else (next as Record<string, readonly Supporter[]>)[suggestion] = rest
  return { ok: true, support: next }
}

/**
 * Support kept only for proposals still pending: a decided proposal's supporters leave the map (they stay in the
 * audit log), so that it grows with what is on the table, not with the meeting's history.
 */
export function pendingOnly(support: Support, pending: ReadonlySet<string>): Support {
  return Object.fromEntries(Object.entries(support).filter(([id]) => pending.has(id)))
}
