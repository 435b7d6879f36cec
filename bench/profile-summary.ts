/**
 * @module Reads a DevTools CPU profile (.cpuprofile, as bench:browser's BROWSER_PROFILE writes) and prints where the
 * time went: the functions with the most self time, and the functions with the most inclusive time (a function's
 * own time plus everything it called), each with its share of the sampled time.
 *
 * Run: `node dist/bench/profile-summary.js FILE.cpuprofile [ROWS]`.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, rowsArgument] = process.argv.slice(2)
if (!file) {
  console.error('usage: node dist/bench/profile-summary.js FILE.cpuprofile [ROWS]')
  process.exit(2)
}
const rows = Number(rowsArgument ?? 30)
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame
  const where = url ? `${url.replace(/^.*\//, '').replace(/\?.*$/, '')}:${lineNumber + 1}` : ''
  return `${functionName || '(anonymous)'} ${where}`.trim()
}

const self = new Map<string, number>()
const inclusive = new Map<string, number>()
let total = 0
for (const [i, sample] of profile.samples.entries()) {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000
  const node = byId.get(sample)!
  if (node.callFrame.functionName === '(idle)') continue
  total += ms
  self.set(label(node), (self.get(label(node)) ?? 0) + ms)
  // Each function counts once per sample, however deep its recursion.
  const seen = new Set<string>()
  for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
    const name = label(byId.get(id)!)
    if (seen.has(name)) continue
    seen.add(name)
    inclusive.set(name, (inclusive.get(name) ?? 0) + ms)
  }
}

const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [name, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
  }
}
console.log(`${total.toFixed(0)} ms sampled (idle excluded)`)
print('self time', self)
print('inclusive time', inclusive)
