/**
 * @module Hocuspocus as a peer in the benchmarks, in its default configuration (in memory, updates of one
 * event-loop turn merged into one broadcast): `node dist/bench/servers/hocuspocus-server.js PORT`.
 */
import { Server } from '@hocuspocus/server'

const port = Number(process.argv[2] ?? 0)
const server = new Server({ port, address: '127.0.0.1', quiet: true })
await server.listen()
process.stdout.write(`ready at http://127.0.0.1:${server.address.port}\n`)
