/**
 * @module Time to compute the consensus grid for 200 delegations (positions of every kind, a few stale).
 * Run: `npm run bench:consensus`.
 */
import { consensusGrid, POSITION_KINDS, type Position } from '../workflows/consensus/positions.js'

const delegations = Array.from({ length: 200 }, (_, i) => `delegation-${i}`)
const positions: Position[] = delegations.slice(0, 190).map((delegation, i) => ({
  delegation,
  kind: POSITION_KINDS[i % 3]!,
  hash: i % 37 === 0 ? 'older-text' : 'current-text',
  participant: `${delegation}-head`,
  at: '2022-12-03T10:00:00Z',
}))
const runs = 1000
consensusGrid(delegations, positions, 'current-text')
const start = performance.now()
for (let i = 0; i < runs; i++) consensusGrid(delegations, positions, 'current-text')
const perGrid = (performance.now() - start) / runs
const grid = consensusGrid(delegations, positions, 'current-text')
console.log('## Consensus grid for 200 delegations\n')
console.log('| delegations | positions | pending (incl. stale) | holds | time per grid |')
console.log('|---:|---:|---:|---|---:|')
console.log(
  `| ${delegations.length} | ${positions.length} | ${grid.counts.pending} | ${grid.holds} | ${(perGrid * 1000).toFixed(1)} µs |`,
)
