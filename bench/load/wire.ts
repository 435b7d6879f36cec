/**
 * @module How a load client talks to each server under test. Accord and the reference y-websocket server speak
 * the same y-protocols messages (Accord wants a single-use ticket in the URL); Hocuspocus prefixes every
 * message with the document name and wants an Auth message first; the raw relay forwards bytes and keeps no
 * document, so there is nothing to sync with.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'

export interface Wire {
  name: string
  /** Opens one client connection. */
  open(): Promise<WebSocket>
  /** Whether the server answers a sync step 1 (the raw relay does not). */
  syncs: boolean
  /** Wraps a y-protocols message for this server. */
  frame(message: Uint8Array): Uint8Array
  /** The y-protocols message inside a frame from the server, or null for anything else. */
  unframe(data: Uint8Array): Uint8Array | null
}

function connect(url: string, first?: Uint8Array): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    ws.binaryType = 'nodebuffer'
    ws.once('open', () => {
      if (first) ws.send(first)
      resolve(ws)
    })
    ws.once('error', reject)
  })
}

const identity = (m: Uint8Array) => m

/** Accord: a ticket per connection, bought with an invitation token. */
export function accordWire(url: string, document: string, tokens: readonly string[]): Wire {
  let next = 0
  return {
    name: 'Accord',
    syncs: true,
    frame: identity,
    unframe: identity,
    async open() {
      const token = tokens[next++ % tokens.length]!
      const response = await fetch(`${url}/api/documents/${document}/ticket`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      })
      if (!response.ok) throw new Error(`ticket: ${response.status}`)
      const { ticket } = (await response.json()) as { ticket: string }
      return connect(`${url.replace(/^http/, 'ws')}/collab/${document}?ticket=${ticket}`)
    },
  }
}

/** The reference server (@y/websocket-server): the room is the URL path. */
export function yWebsocketWire(url: string, document: string): Wire {
  return {
    name: 'y-websocket server',
    syncs: true,
    frame: identity,
    unframe: identity,
    open: () => connect(`${url.replace(/^http/, 'ws')}/${document}`),
  }
}

const HOCUSPOCUS_SYNC = 0
const HOCUSPOCUS_AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4

/** Hocuspocus: every message starts with the document name; the client authenticates first. */
export function hocuspocusWire(url: string, document: string): Wire {
  const auth = encoding.createEncoder()
  encoding.writeVarString(auth, document)
  encoding.writeVarUint(auth, HOCUSPOCUS_AUTH)
  encoding.writeVarUint(auth, 0) // token
  encoding.writeVarString(auth, 'bench')
  const authMessage = encoding.toUint8Array(auth)
  return {
    name: 'Hocuspocus',
    syncs: true,
    frame(message) {
      // The y-protocols message starts with its type (0 = sync), which Hocuspocus shares.
      const e = encoding.createEncoder()
      encoding.writeVarString(e, document)
      encoding.writeUint8Array(e, message)
      return encoding.toUint8Array(e)
    },
    unframe(data) {
      const d = decoding.createDecoder(data)
      decoding.readVarString(d)
      const type = decoding.readVarUint(d)
      if (type !== HOCUSPOCUS_SYNC && type !== HOCUSPOCUS_SYNC_REPLY) return null
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeUint8Array(e, decoding.readTailAsUint8Array(d))
      return encoding.toUint8Array(e)
    },
    open: () => connect(`${url.replace(/^http/, 'ws')}/${document}`, authMessage),
  }
}

/** A relay of bytes with no Yjs at all: the floor of what one message per update per receiver costs. */
export function rawWire(url: string, document: string): Wire {
  return {
    name: 'raw ws relay',
    syncs: false,
    frame: identity,
    unframe: identity,
    open: () => connect(`${url.replace(/^http/, 'ws')}/${document}`),
  }
}
