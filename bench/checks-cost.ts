/**
 * @module What it costs to check every update against the sender's rights.
 *
 * 1. In process: time to apply a suggestion update to the demo document, plain versus checked (client ids,
 *    audit of the transaction), over many updates.
 * 2. End to end: the same relay load against an Accord server with checks on and with checks off (storage on
 *    in both), server pinned to core 0 and this load generator to core 1.
 *
 * Run: `npm run bench:checks` (prints Markdown tables).
 */
import * as Y from 'yjs'
import { checkClientIds } from '../server/collab/authority/client-ids.js'
import { auditTransaction } from '../server/collab/authority/transaction-audit.js'
import { declarationInitialState } from '../server/document/declaration-state.js'
import { HCMC_2022_ZERO_DRAFT } from '../workflows/demo/hcmc-2022-zero-draft.js'
import { declarationJson } from '../workflows/document/build.js'
import { BODY } from '../workflows/document/format.js'
import { pinSelf, runLoad, type LoadResult } from './load/relay-load.js'
import { accordWire } from './load/wire.js'
import { launch } from './servers/launch.js'

const RATES = (process.env.BENCH_RATES ?? '500,1000,2000,4000').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const RECEIVERS = Number(process.env.BENCH_RECEIVERS ?? 50)
const WRITERS = 10

function inProcessCost(position: (i: number) => number, updates = 5000) {
  const initial = declarationInitialState(declarationJson(HCMC_2022_ZERO_DRAFT), 'negotiation')
  const writer = new Y.Doc()
  Y.applyUpdate(writer, initial)
  const text = (writer.getXmlFragment(BODY).get(5) as Y.XmlElement).get(0) as Y.XmlText
  const made: Uint8Array[] = []
  writer.on('update', (u: Uint8Array) => made.push(u))
  const mark = {
    'insertion--benchkey': { id: 'b', delegation: 'osaka', participant: 'osaka-drafter', at: 't' },
  }
  for (let i = 0; i < updates; i++) text.insert(position(i), 'x', mark)

  const time = (checked: boolean) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, initial)
    doc.getMap('authors').set(String(writer.clientID), 'osaka-drafter')
    const author = { delegation: 'osaka', participant: 'osaka-drafter' }
    const start = performance.now()
    for (const update of made) {
      if (!checked) {
        Y.applyUpdate(doc, update)
        continue
      }
      if (!checkClientIds(doc, update, 'osaka-drafter', doc.clientID).ok) throw new Error('ids refused')
      let verdict
      const origin = {}
      const listen = (tr: Y.Transaction) => {
        if (tr.origin === origin) verdict = auditTransaction(tr, doc, 'suggest', author)
      }
      doc.on('afterTransaction', listen)
      doc.transact(() => Y.applyUpdate(doc, update, origin), origin)
      doc.off('afterTransaction', listen)
      if (!(verdict as { ok: boolean } | undefined)?.ok)
        throw new Error(`refused: ${JSON.stringify(verdict)}`)
    }
    return ((performance.now() - start) * 1000) / made.length
  }
  time(false)
  time(true)
  return { plain: time(false), checked: time(true), updates: made.length }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–')

async function main() {
  const pinnedSelf = pinSelf(1)
  console.log('## Checking one update, in process (5,000 one-character suggestions on the demo text)\n')
  console.log('| edits | apply only | apply + check | the check costs |')
  console.log('|---|---:|---:|---:|')
  const cases: [string, (i: number) => number][] = [
    ['typing: each character after the previous one', (i) => i],
    ['worst case: scattered over the first 7 characters of one paragraph', (i) => i % 7],
  ]
  for (const [label, position] of cases) {
    const micro = inProcessCost(position)
    console.log(
      `| ${label} | ${fmt(micro.plain, 2)} µs | ${fmt(micro.checked, 2)} µs | ${fmt(micro.checked - micro.plain, 2)} µs |`,
    )
  }
  console.log('')

  const rows: { checks: string; rate: number; result: LoadResult }[] = []
  let pinnedServer = false
  for (const checks of ['off', 'on'] as const) {
    for (const rate of RATES) {
      const server = await launch('accord', { checks })
      pinnedServer = server.pinned
      const drafters = server.invites.filter((i) => i.role === 'drafter').slice(0, WRITERS)
      const result = await runLoad({
        writerWire: accordWire(
          server.url,
          'closing-statement',
          drafters.map((d) => d.token),
        ),
        receiverWire: accordWire(
          server.url,
          'closing-statement',
          server.invites.map((i) => i.token),
        ),
        writers: drafters,
        receivers: RECEIVERS,
        rate,
        seconds: SECONDS,
      })
      rows.push({ checks, rate, result })
      await server.stop()
    }
  }
  console.log(
    `## Relay with checks on and off (${WRITERS} writers, ${RECEIVERS} receivers, ${SECONDS} s per rate; server ${pinnedServer ? 'pinned to core 0' : 'not pinned'}, generator ${pinnedSelf ? 'pinned to core 1' : 'not pinned'})\n`,
  )
  console.log('| checks | offered/s | delivered/s | p50 ms | p95 ms | p99 ms | max ms | lost |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
  for (const { checks, rate, result: r } of rows) {
    console.log(
      `| ${checks} | ${rate} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.lost} |`,
    )
  }
}

await main()
