/**
 * Delegation-private notes: a document of their own, served only to the delegation's members. Other
 * delegations cannot obtain a ticket for it, cannot open it, and find it in no listing: absent, not hidden.
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
import { connectWithTicket, ticketFor, until, type Client } from '../helpers/yjs-clients.js'
import type { Invitation } from '../../server/invites.js'

describe("a delegation's private notes", () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const clients: Client[] = []
  const token = (participant: string) => invitationOf(invites, participant).token
  const notesTicket = (participant: string) =>
    fetch(`${accord.url}/api/documents/closing-statement/notes/ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(participant)}` },
    })
  const openNotes = async (participant: string) => {
    const { document, ticket } = (await (await notesTicket(participant)).json()) as {
      document: string
      ticket: string
    }
    const client = connectWithTicket(accord.url, ticket, document)
    clients.push(client)
    await until(() => client.provider.synced, 'notes synced')
    return { client, document }
  }

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it("are shared live among the delegation's own members", async () => {
    const drafter = await openNotes('osaka-drafter')
    const head = await openNotes('osaka-head')
    expect(head.document).toBe(drafter.document)
    drafter.client.doc
      .getMap('notes')
      .set('op-economy', 'Ask Tokyo about the trade figures.\nHold until Friday.')
    await until(
      () => head.client.doc.getMap('notes').get('op-economy') !== undefined,
      'note reaches the head',
    )
    expect(head.client.doc.getMap('notes').get('op-economy')).toBe(
      'Ask Tokyo about the trade figures.\nHold until Friday.',
    )
  })

  it('give every other delegation its own, empty notes — never Osaka’s', async () => {
    const leipzig = await openNotes('leipzig-head')
    expect(leipzig.document).not.toContain('osaka')
    expect(leipzig.client.doc.getMap('notes').size).toBe(0)
  })

  it('cannot be opened by another delegation: no ticket, no upgrade, no listing', async () => {
    const osakaNotes = 'closing-statement--notes--osaka'
    // The ordinary ticket route does not know notes documents.
    const ordinary = await fetch(`${accord.url}/api/documents/${osakaNotes}/ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token('leipzig-head')}` },
    })
    expect(ordinary.status).toBe(404)
    // A ticket for the declaration does not open the notes.
    const ticket = await ticketFor(accord.url, token('leipzig-head'))
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${accord.url.replace('http', 'ws')}/collab/${osakaNotes}?ticket=${ticket}`)
      ws.on('open', () => resolve(101))
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('error', () => undefined)
    })
    expect(status).toBe(401)
    const listed = (await (
      await fetch(`${accord.url}/api/documents`, {
        headers: { Authorization: `Bearer ${token('leipzig-head')}` },
      })
    ).json()) as { id: string }[]
    expect(listed.map((d) => d.id)).toEqual(['closing-statement'])
    for (const path of ['/suggestions', '/threads', '/audit']) {
      const body = await (
        await fetch(`${accord.url}/api/documents/closing-statement${path}`, {
          headers: { Authorization: `Bearer ${token('leipzig-head')}` },
        })
      ).text()
      expect(body).not.toContain('Ask Tokyo')
    }
  })

  it('refuse a write outside the notes map, even from a member', async () => {
    const { client } = await openNotes('osaka-drafter')
    client.doc.getMap('workflow').set('stage', 'adopted')
    await until(() => client.closes.length > 0, 'closed')
    expect(client.closes[0]!.code).toBe(4403)
  })
})
