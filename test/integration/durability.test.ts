import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  tempDataDir,
} from '../helpers/accord-process.js'
import {
  connect,
  connectWithTicket,
  paragraphText,
  ticketFor,
  typeIntoParagraph,
  until,
  type Client,
} from '../helpers/yjs-clients.js'

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

describe('a document whose stored state cannot be loaded', () => {
  it('is refused to clients (4500) and never replaced by an empty document', async () => {
    const dataDir = tempDataDir()
    const first = await startAccord({ dataDir })
    await first.kill()
    const db = new Database(join(dataDir, 'accord.sqlite'))
    const garbage = Buffer.from([0x05, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02, 0x03])
    db.prepare('UPDATE document_snapshots SET state = ? WHERE document = ?').run(garbage, 'closing-statement')
    db.close()

    const second = await startAccord({ dataDir })
    try {
      const token = invitationOf(invitations(dataDir), 'osaka-head').token
      const client = connectWithTicket(second.url, await ticketFor(second.url, token))
      await until(() => client.closes.length > 0, 'refused')
      expect(client.closes[0]!.code).toBe(4500)
      expect(client.provider.synced).toBe(false)
      client.destroy()
      expect(second.stderr()).toContain('document failed to load')
    } finally {
      await second.kill()
    }
    const after = new Database(join(dataDir, 'accord.sqlite'), { readonly: true })
    const row = after
      .prepare('SELECT state FROM document_snapshots WHERE document = ?')
      .get('closing-statement') as {
      state: Buffer
    }
    expect(Buffer.compare(row.state, garbage)).toBe(0)
    expect((after.prepare('SELECT count(*) AS n FROM document_updates').get() as { n: number }).n).toBe(0)
    after.close()
    removeDataDir(dataDir)
  })
})
