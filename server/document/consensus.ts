/**
 * @module Where a served declaration stands in the consensus call: the positions and the silence procedure
 * in its server-written `workflow` map, judged by workflows/consensus against the current text and the clock.
 */
import { consensusGrid, type Consensus, type Position } from '../../workflows/consensus/positions.js'
import { silenceState, type Silence } from '../../workflows/consensus/silence.js'
import { WORKFLOW } from '../../workflows/document/format.js'
import type { SharedDocument } from '../collab/shared-document.js'
import { canonicalDocument } from './canonical.js'

export function positionsOf(shared: SharedDocument): Position[] {
  return Object.values(
    (shared.doc.getMap(WORKFLOW).get('positions') as Record<string, Position> | undefined) ?? {},
  )
}

export function silenceOf(shared: SharedDocument): Silence | undefined {
  return shared.doc.getMap(WORKFLOW).get('silence') as Silence | undefined
}

/** The grid for `members` on the current text at `now`; pass the hash when the caller has it already. */
export function consensusOf(
  shared: SharedDocument,
  members: readonly string[],
  now: number,
  hash = canonicalDocument(shared.doc).hash,
): Consensus {
  return consensusGrid(members, positionsOf(shared), hash, silenceState(silenceOf(shared), now))
}
