/**
 * @module An Accord server for benchmarks, started as its own process (so it can be pinned to a core):
 * `node dist/bench/bench-server.js --port N --data DIR --checks on|off [--large-document FILE] [--database URL]
 * [--redis URL]`. With `--checks off` updates are
 * applied, stored and relayed without being checked — possible only here, to measure what checking costs.
 */
import { parseArgs } from 'node:util'
import { jsonLogger } from '../server/logger.js'
import { startServer } from '../server/main.js'
import { readFileSync } from 'node:fs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    checks: { type: 'string', default: 'on' },
    /** The 200-page text's Yjs state, written by the harness (made there: generating it here would leave the
     * server's heap larger than serving it needs, and the memory figures would say so). */
    'large-document': { type: 'string' },
    database: { type: 'string' },
    redis: { type: 'string' },
  },
})
if (!values.data) throw new Error('--data is required')
const server = await startServer({
  port: Number(values.port),
  host: '127.0.0.1',
  dataDir: values.data,
  databaseUrl: values.database,
  redisUrl: values.redis,
  seedDemo: true,
  checkUpdates: values.checks !== 'off',
  log: jsonLogger(process.env.BENCH_LOG === 'info' ? 'info' : 'warn'),
})
if (values['large-document']) {
  const [conference] = await server.storage.listConferences()
  await server.storage.ensureDocument(
    { id: 'large-text', conference: conference!.id, title: 'A 200-page text', stage: 'negotiation' },
    new Uint8Array(readFileSync(values['large-document'])),
  )
}
process.stdout.write(`ready at ${server.url}\n`)
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)))
