import { WebSocket } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { connectWithTicket, DOCUMENT, ticketFor, until, type Client } from '../helpers/yjs-clients.js'

/** Opens a raw WebSocket and reports the HTTP status of a refused upgrade, or 101 when admitted. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', () => undefined)
  })
}

describe('WebSocket tickets', () => {
  let accord: AccordProcess
  let token: string
  const clients: Client[] = []
  const wsUrl = (ticket: string, document = DOCUMENT) =>
    `${accord.url.replace('http', 'ws')}/collab/${document}?ticket=${encodeURIComponent(ticket)}`

  beforeAll(async () => {
    accord = await startAccord({ env: { ACCORD_LIMIT_TICKET_LIFETIME_MS: '400' } })
    token = invitationOf(invitations(accord.dataDir), 'leipzig-head').token
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await accord.kill()
    removeDataDir(accord.dataDir)
  })

  it('admits a fresh ticket', async () => {
    expect(await upgradeStatus(wsUrl(await ticketFor(accord.url, token)))).toBe(101)
  })

  it('refuses an unknown ticket', async () => {
    expect(await upgradeStatus(wsUrl('not-a-ticket'))).toBe(401)
    expect(await upgradeStatus(`${accord.url.replace('http', 'ws')}/collab/${DOCUMENT}`)).toBe(401)
  })

  it('refuses a ticket used a second time', async () => {
    const ticket = await ticketFor(accord.url, token)
    expect(await upgradeStatus(wsUrl(ticket))).toBe(101)
    expect(await upgradeStatus(wsUrl(ticket))).toBe(401)
  })

  it('refuses an expired ticket', async () => {
    const ticket = await ticketFor(accord.url, token)
    await new Promise((r) => setTimeout(r, 600))
    expect(await upgradeStatus(wsUrl(ticket))).toBe(401)
  })

  it('refuses a ticket issued for another document', async () => {
    const ticket = await ticketFor(accord.url, token)
    expect(await upgradeStatus(wsUrl(ticket, 'another-document'))).toBe(401)
  })

  it('refuses a browser upgrade from a foreign origin', async () => {
    const ticket = await ticketFor(accord.url, token)
    expect(await upgradeStatus(wsUrl(ticket), { Origin: 'https://evil.example' })).toBe(403)
  })

  it('never syncs a stock client whose ticket was refused', async () => {
    const client = connectWithTicket(accord.url, 'forged')
    clients.push(client)
    await until(() => client.closes.length > 0, 'refused connection closed')
    expect(client.provider.synced).toBe(false)
  })
})
