/**
 * Bad input cannot break the server: each kind of bad message closes only the offending socket with a
 * documented code, the process and every other connection carry on, and nothing of it is stored.
 */
import { WebSocket } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import {
  connect,
  DOCUMENT,
  paragraphText,
  paragraphXmlText,
  suggestionMark,
  ticketFor,
  until,
  type Client,
} from '../helpers/yjs-clients.js'
import type { Invitation } from '../../server/invites.js'

describe('bad bytes', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let witness: Client
  const token = (participant: string) => invitationOf(invites, participant).token
  let round = 0

  /** After each bad message: the witness still gets a fresh valid suggestion, so the process carries on. */
  async function stillServing() {
    round += 1
    const text = `still-serving-${round} `
    const writer = await RawClient.connect(accord.url, token('osaka-drafter'))
    writer.change((doc) =>
      paragraphXmlText(doc, 'op-economy').insert(
        0,
        text,
        suggestionMark('insertion', { delegation: 'osaka', participant: 'osaka-drafter' }),
      ),
    )
    await until(() => paragraphText(witness.doc, 'op-economy').startsWith(text), 'witness still served')
    writer.close()
  }

  async function sendAndExpectClose(bytes: Uint8Array | string, code: number) {
    const attacker = await RawClient.connect(accord.url, token('leipzig-head'))
    attacker.send(bytes)
    expect((await attacker.waitForClose()).code).toBe(code)
    await stillServing()
  }

  beforeAll(async () => {
    accord = await startAccord({ hostile: true })
    invites = invitations(accord.dataDir)
    witness = await connect(accord.url, token('bangkok-head'))
  })
  afterAll(async () => {
    witness?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('closes a socket that sends random bytes (4400)', async () => {
    await sendAndExpectClose(
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]),
      4400,
    )
  })

  it('closes a socket that sends a truncated sync message (4400)', async () => {
    await sendAndExpectClose(new Uint8Array([0, 2, 50, 1, 2, 3]), 4400)
  })

  it('closes a socket that sends an update whose structs do not decode (4400)', async () => {
    await sendAndExpectClose(new Uint8Array([0, 2, 6, 1, 1, 200, 1, 0, 9]), 4400)
  })

  it('closes a socket that sends an unknown message type (4400)', async () => {
    await sendAndExpectClose(new Uint8Array([7, 0]), 4400)
  })

  it('closes a socket that sends a text frame (4400)', async () => {
    await sendAndExpectClose('{"hello":"server"}', 4400)
  })

  it('closes a socket that sends a message over 2 MiB (1009)', async () => {
    await sendAndExpectClose(new Uint8Array(2 * 1024 * 1024 + 16), 1009)
  })

  it('serves the same text after a restart: none of the bad messages was stored', async () => {
    const before = paragraphText(witness.doc, 'op-economy')
    const dataDir = accord.dataDir
    await accord.kill()
    accord = await startAccord({ dataDir, hostile: true })
    const fresh = await connect(accord.url, token('manila-head'))
    expect(paragraphText(fresh.doc, 'op-economy')).toBe(before)
    fresh.destroy()
    witness.destroy()
    witness = await connect(accord.url, token('bangkok-head'))
  })
})

describe('limits', () => {
  let accord: AccordProcess
  let token: string
  const opened: WebSocket[] = []

  function open(): Promise<{ status: number; ws: WebSocket }> {
    return ticketFor(accord.url, token).then(
      (ticket) =>
        new Promise((resolve) => {
          const ws = new WebSocket(`${accord.url.replace('http', 'ws')}/collab/${DOCUMENT}?ticket=${ticket}`)
          opened.push(ws)
          ws.on('open', () => resolve({ status: 101, ws }))
          ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws }))
          ws.on('error', () => undefined)
        }),
    )
  }

  beforeAll(async () => {
    accord = await startAccord({
      hostile: true,
      env: {
        ACCORD_LIMIT_MAX_CONNECTIONS_PER_ADDRESS: '3',
        ACCORD_LIMIT_IDLE_TIMEOUT_MS: '600',
        ACCORD_LIMIT_MAX_MESSAGES_PER_SECOND: '20',
      },
    })
    token = invitationOf(invitations(accord.dataDir), 'osaka-head').token
  })
  afterAll(async () => {
    for (const ws of opened) ws.terminate()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('refuses connections past the per-address limit with 429, and admits again when one closes', async () => {
    const first = await Promise.all([open(), open(), open()])
    expect(first.map((r) => r.status)).toEqual([101, 101, 101])
    expect((await open()).status).toBe(429)
    first[0]!.ws.close()
    await new Promise((r) => setTimeout(r, 200))
    const again = await open()
    expect(again.status).toBe(101)
    for (const { ws } of [...first, again]) ws.close()
    await new Promise((r) => setTimeout(r, 200))
  })

  it('closes a connection that floods messages (4429)', async () => {
    const { ws } = await open()
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    for (let i = 0; i < 100; i++) ws.send(new Uint8Array([3]))
    expect(await closed).toBe(4429)
  })

  it('closes a connection that answers nothing, not even pings (4408)', async () => {
    const { ws } = await open()
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    // Stop reading the socket: pings go unanswered, as from a vanished client.
    ;(ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause()
    await new Promise((r) => setTimeout(r, 1500))
    ;(ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.resume()
    expect(await closed).toBe(4408)
  })
})
