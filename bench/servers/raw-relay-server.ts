/**
 * @module The floor of the benchmarks: a `ws` relay with no Yjs at all. Every binary message is forwarded to
 * every other client in the same room (the URL path), one message per update per receiver — the design of the
 * reference y-websocket server without the document. `node dist/bench/servers/raw-relay-server.js PORT`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

const rooms = new Map<string, Set<WebSocket>>()
const http = createServer((_, response) => response.end('okay'))
const wss = new WebSocketServer({ server: http, perMessageDeflate: false })
wss.on('connection', (ws, request) => {
  const room = request.url ?? '/'
  const members = rooms.get(room) ?? new Set<WebSocket>()
  rooms.set(room, members)
  members.add(ws)
  ws.on('message', (data: Buffer) => {
    for (const other of members) if (other !== ws) other.send(data)
  })
  ws.on('close', () => members.delete(ws))
})
http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`ready at http://127.0.0.1:${(http.address() as AddressInfo).port}\n`)
})
