/**
 * @module Reads a DevTools trace (as bench:browser's BROWSER_PROFILE writes while the drafter types) and prints
 * where the page's main thread spent its time by kind of work — script, style, layout, paint, and the rest —
 * the split a CPU profile lumps together as "(program)". Only top-level slices of the renderer's main thread
 * are counted; each slice's self time goes to its name (script, style recalculation, layout, paint …).
 *
 * Run: `node dist/bench/trace-summary.js FILE.trace.json [ROWS]`.
 */
import { readFileSync } from 'node:fs'

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  args?: { name?: string }
}

const [file, rowsArgument] = process.argv.slice(2)
if (!file) {
  console.error('usage: node dist/bench/trace-summary.js FILE.trace.json [ROWS]')
  process.exit(2)
}
const rows = Number(rowsArgument ?? 25)
const raw = JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] }
const events = Array.isArray(raw) ? raw : raw.traceEvents

const mainThreads = new Set(
  events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`),
)
// Slices on the main threads: complete ones (X), and begin/end pairs (B, E) made complete.
const onMain = events.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`))
const slices = onMain.filter((e) => e.ph === 'X' && e.dur !== undefined)
const open = new Map<string, TraceEvent[]>()
for (const e of onMain.filter((e) => e.ph === 'B' || e.ph === 'E').sort((a, b) => a.ts - b.ts)) {
  const thread = `${e.pid}:${e.tid}`
  const begun = open.get(thread) ?? []
  open.set(thread, begun)
  if (e.ph === 'B') begun.push(e)
  else {
    const begin = begun.pop()
    if (begin) slices.push({ ...begin, ph: 'X', dur: e.ts - begin.ts })
  }
}
// Outer slices first where two start together; the one thread's slices nest.
slices.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)

// Each page has its own renderer main thread; each is summarised on its own, busiest first.
const threads = [...new Set(slices.map((e) => `${e.pid}:${e.tid}`))]
const summaries = threads.map((thread) => summarise(slices.filter((e) => `${e.pid}:${e.tid}` === thread)))
for (const { total, byName } of summaries.sort((a, b) => b.total - a.total)) {
  console.log(`\n${total.toFixed(0)} ms of work on one page's main thread (self time by kind of work)`)
  for (const [name, { ms, count }] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, rows)) {
    console.log(
      `${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name} (${count}×)`,
    )
  }
}

/** Self time of every slice (its duration less its direct children's), summed by name. */
function summarise(threadSlices: TraceEvent[]) {
  const byName = new Map<string, { ms: number; count: number }>()
  let total = 0
  const stack: { end: number; name: string; self: number }[] = []
  const close = (until: number) => {
    while (stack.length > 0 && stack.at(-1)!.end <= until) {
      const done = stack.pop()!
      const entry = byName.get(done.name) ?? { ms: 0, count: 0 }
      entry.ms += done.self / 1000
      entry.count++
      byName.set(done.name, entry)
    }
  }
  for (const e of threadSlices) {
    close(e.ts)
    const parent = stack.at(-1)
    if (parent) parent.self -= e.dur!
    else total += e.dur! / 1000
    stack.push({ end: e.ts + e.dur!, name: e.name, self: e.dur! })
  }
  close(Infinity)
  return { total, byName }
}
