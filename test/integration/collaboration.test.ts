import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import {
  connect,
  paragraphText,
  sleep,
  suggestInsertion,
  typeIntoParagraph,
  until,
  type Client,
} from '../helpers/yjs-clients.js'
import type { Invitation } from '../../server/invites.js'

describe('live co-editing through stock y-websocket clients', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const clients: Client[] = []
  const open = async (participant: string) => {
    const client = await connect(accord.url, invitationOf(invites, participant).token)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await accord.kill()
    removeDataDir(accord.dataDir)
  })

  it('serves the seeded zero draft to a new client', async () => {
    const osaka = await open('osaka-head')
    expect(paragraphText(osaka.doc, 'op-friendship')).toMatch(/^Agree to strengthen friendship/)
    expect(osaka.doc.getMap('workflow').get('stage')).toBe('draft')
  })

  it('lets two delegations propose text in the same paragraph and converge on the same text', async () => {
    const osaka = await open('osaka-head')
    const rotterdam = await open('rotterdam-drafter')
    suggestInsertion(osaka.doc, 'op-climate', 'OSAKA ', { delegation: 'osaka', participant: 'osaka-head' })
    suggestInsertion(rotterdam.doc, 'op-climate', 'ROTTERDAM ', {
      delegation: 'rotterdam',
      participant: 'rotterdam-drafter',
    })
    await until(
      () =>
        paragraphText(osaka.doc, 'op-climate') === paragraphText(rotterdam.doc, 'op-climate') &&
        paragraphText(osaka.doc, 'op-climate').includes('OSAKA') &&
        paragraphText(osaka.doc, 'op-climate').includes('ROTTERDAM'),
      'both edits on both clients',
    )
    const late = await open('leipzig-drafter')
    expect(paragraphText(late.doc, 'op-climate')).toBe(paragraphText(osaka.doc, 'op-climate'))
  })

  it("stamps presence with the server's record, whatever name the client claims", async () => {
    const manila = await open('manila-head')
    const bangkok = await open('bangkok-drafter')
    manila.provider.awareness.setLocalStateField('user', { name: 'The Secretary-General', color: '#000000' })
    await until(() => {
      const state = bangkok.provider.awareness.getStates().get(manila.doc.clientID)
      return (state?.user as { name?: string } | undefined)?.name !== undefined
    }, 'manila presence at bangkok')
    const seen = bangkok.provider.awareness.getStates().get(manila.doc.clientID)!.user as Record<
      string,
      string
    >
    expect(seen.name).toBe('Head of delegation')
    expect(seen.delegationName).toBe('Manila')
    expect(seen.participant).toBe('manila-head')
    expect(seen.color).toMatch(/^#[0-9a-f]{6}$/)
    expect(seen.color).not.toBe('#000000')
  })

  it("refuses an observer's edit: not applied, not relayed, not stored; the observer is told why", async () => {
    const writer = await open('minsk-head')
    const observer = await open('ministry-of-foreign-affairs-of-viet-nam-observer')
    const before = paragraphText(writer.doc, 'op-thanks')
    typeIntoParagraph(observer.doc, 'op-thanks', 'OBSERVER WAS HERE ')
    await until(() => observer.closes.length > 0, 'observer connection closed')
    expect(observer.closes[0]).toEqual({
      code: 4403,
      reason: 'read-only: this participant may not change the text',
    })
    await sleep(300)
    expect(paragraphText(writer.doc, 'op-thanks')).toBe(before)
    const fresh = await open('shanghai-head')
    expect(paragraphText(fresh.doc, 'op-thanks')).toBe(before)
  })

  it('lets an observer follow along read-only without being disconnected', async () => {
    const observer = await open('japan-viet-nam-friendship-parliamentary-alliance-observer')
    const writer = await open('secretariat-officer')
    typeIntoParagraph(writer.doc, 'op-urban', 'Daegu: ')
    await until(() => paragraphText(observer.doc, 'op-urban').startsWith('Daegu: '), 'observer sees the edit')
    expect(observer.closes).toEqual([])
  })

  it('closes a connection that sends bytes that are not the protocol, and carries on serving others', async () => {
    const writer = await open('guangzhou-head')
    const other = await open('ho-chi-minh-city-chair')
    writer.provider.ws!.send(new Uint8Array([0, 2, 200]))
    await until(() => writer.closes.length > 0, 'malformed sender closed')
    expect(writer.closes[0]!.code).toBe(4400)
    typeIntoParagraph(other.doc, 'op-health', 'still alive ')
    const check = await open('yunnan-province-head')
    await until(() => paragraphText(check.doc, 'op-health').startsWith('still alive '), 'others carry on')
  })

  it('unloads a document when its last connection leaves and reloads it from storage', async () => {
    for (const client of clients.splice(0)) client.destroy()
    await until(
      () => accord.stderr().includes('"message":"compacted document"'),
      'document unloaded and compacted',
    )
    const again = await open('osaka-head')
    expect(paragraphText(again.doc, 'op-urban')).toMatch(/^Daegu: /)
    expect(paragraphText(again.doc, 'op-health')).toMatch(/^still alive /)
    const text = Y.encodeStateAsUpdate(again.doc).byteLength
    expect(text).toBeGreaterThan(1000)
  })
})
