import { afterAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  tempDataDir,
} from '../helpers/accord-process.js'
import { connect, paragraphText, typeIntoParagraph, until, type Client } from '../helpers/yjs-clients.js'

describe('durability', () => {
  const dataDir = tempDataDir()
  const clients: Client[] = []
  afterAll(() => {
    for (const client of clients) client.destroy()
    removeDataDir(dataDir)
  })

  it('serves, after SIGKILL and restart, every update a client sent and saw relayed to another', async () => {
    const first = await startAccord({ dataDir })
    const invites = invitations(dataDir)
    const writer = await connect(first.url, invitationOf(invites, 'secretariat-officer').token)
    const reader = await connect(first.url, invitationOf(invites, 'rotterdam-head').token)
    clients.push(writer, reader)

    const words = Array.from({ length: 200 }, (_, i) => `w${i} `)
    for (const [i, word] of words.entries()) {
      typeIntoParagraph(writer.doc, 'op-economy', word, 0)
      if (i % 20 === 0) await new Promise((r) => setImmediate(r))
    }
    const expected = words.slice().reverse().join('')
    await until(
      () => paragraphText(reader.doc, 'op-economy').startsWith(expected),
      'reader saw all 200 updates',
    )

    await first.kill('SIGKILL')
    expect(first.child.signalCode).toBe('SIGKILL')

    const second = await startAccord({ dataDir })
    try {
      const fresh = await connect(second.url, invitationOf(invites, 'leipzig-head').token)
      clients.push(fresh)
      expect(paragraphText(fresh.doc, 'op-economy').startsWith(expected)).toBe(true)
    } finally {
      await second.kill()
    }
  })

  it('does not seed the demo again into a data directory that has a conference', async () => {
    const again = await startAccord({ dataDir })
    try {
      expect(again.stderr()).not.toContain('seeded the demo conference')
    } finally {
      await again.kill()
    }
  })
})
