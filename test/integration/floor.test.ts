/**
 * Meeting mode's floor over the API and real sockets: the chair puts OP4 on the floor and every connected client
 * has it in the document at once; the secretariat moves it on; a delegation may not; an unknown paragraph changes
 * nothing; every move is in the floor's history (the audit log); the floor is not moved once the text is adopted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import { anchorOffsets } from '../../workflows/document/thread-anchors.js'
import type { Floor } from '../../workflows/meeting/floor.js'
import {
  apiAs,
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { connect, proposeWords, until, type Client } from '../helpers/yjs-clients.js'

const CHAIR = 'ho-chi-minh-city-chair'

describe('the floor', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watchers: Client[] = []
  const call = apiAs(
    () => accord,
    () => invites,
  )
  const floorSeen = (client: Client) => client.doc.getMap('workflow').get('floor') as Floor | null | undefined

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await call(CHAIR, '/stage', { stage: 'negotiation' })).status).toBe(200)
    watchers = await Promise.all(
      ['osaka-drafter', 'leipzig-head', 'ministry-of-foreign-affairs-of-viet-nam-observer'].map((p) =>
        connect(accord.url, invitationOf(invites, p).token),
      ),
    )
  })
  afterAll(async () => {
    for (const w of watchers) w.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets the chair put a paragraph on the floor; every client has it at once', async () => {
    const moved = await call(CHAIR, '/floor', { paragraph: 'op-economy' })
    expect(moved.status).toBe(200)
    expect(((await moved.json()) as { floor: Floor }).floor).toMatchObject({
      paragraph: 'op-economy',
      number: 'OP4',
    })
    for (const w of watchers)
      await until(() => floorSeen(w)?.paragraph === 'op-economy', 'the floor reaches a client')
  })

  it('lets the secretariat move it on, refuses a delegation and an unknown paragraph, and keeps the history', async () => {
    expect((await call('osaka-head', '/floor', { paragraph: 'op-health' })).status).toBe(403)
    expect((await call(CHAIR, '/floor', { paragraph: 'no-such-paragraph' })).status).toBe(404)
    expect((await call(CHAIR, '/floor', { paragraph: 7 })).status).toBe(400)
    expect((await call('secretariat-officer', '/floor', { paragraph: 'op-health' })).status).toBe(200)
    for (const w of watchers) await until(() => floorSeen(w)?.paragraph === 'op-health', 'the floor moves on')
    const { floor, history } = (await (await call('osaka-drafter', '/floor')).json()) as {
      floor: Floor
      history: { paragraph: string | null; number?: string; by: string }[]
    }
    expect(floor).toMatchObject({ paragraph: 'op-health', by: 'secretariat-officer' })
    expect(history.map((m) => [m.paragraph, m.number, m.by])).toEqual([
      ['op-economy', 'OP4', CHAIR],
      ['op-health', 'OP5', 'secretariat-officer'],
    ])
  })

  it('puts some words of a paragraph on the floor with it; they follow later edits; a bad range changes nothing', async () => {
    // OP5 begins "Decide to continue cooperation in public health"; the chair puts "public health" on the floor.
    const moved = await call(CHAIR, '/floor', {
      paragraph: 'op-health',
      words: { startOffset: 34, endOffset: 47 },
    })
    expect(moved.status).toBe(200)
    expect(((await moved.json()) as { floor: Floor }).floor.words?.quote).toBe('public health')
    for (const w of watchers)
      await until(() => floorSeen(w)?.words?.quote === 'public health', 'the words reach a client')
    // Osaka proposes "Firmly " before them: on every client the words on the floor move on with the text.
    const osaka = watchers[0]!
    proposeWords(osaka, {
      delegation: 'osaka',
      participant: 'osaka-drafter',
      id: 's-osaka-firmly',
      paragraph: 'op-health',
      words: 'Firmly ',
    })
    for (const w of watchers)
      await until(
        () => anchorOffsets(w.doc, floorSeen(w)!.words!.anchor)?.startOffset === 41,
        'the words on the floor follow the text',
      )
    expect(anchorOffsets(watchers[2]!.doc, floorSeen(watchers[2]!)!.words!.anchor)).toMatchObject({
      startBlock: 'op-health',
      startOffset: 41,
      endOffset: 54,
    })
    for (const [words, status] of [
      [{ startOffset: 5, endOffset: 5 }, 400], // empty
      [{ startOffset: 5, endOffset: 100_000 }, 400], // beyond the paragraph
      [{ startOffset: -1, endOffset: 4 }, 400],
      [{ startOffset: 0, endOffset: 4, extra: true }, 400],
    ] as const)
      expect(
        (await call(CHAIR, '/floor', { paragraph: 'op-health', words })).status,
        JSON.stringify(words),
      ).toBe(status)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(floorSeen(watchers[0]!)?.words?.quote).toBe('public health')
    const { history } = (await (await call('osaka-drafter', '/floor')).json()) as {
      history: { words?: string }[]
    }
    expect(history.at(-1)?.words).toBe('public health')
    // Osaka's words are not for this text (the next test adopts it).
    expect((await call(CHAIR, '/suggestions/s-osaka-firmly/reject', {})).status).toBe(200)
  })

  it('clears the floor, and does not move it once the text is adopted', async () => {
    const cleared = await fetch(`${accord.url}/api/documents/closing-statement/floor`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${invitationOf(invites, CHAIR).token}` },
    })
    expect(cleared.status).toBe(200)
    for (const w of watchers) await until(() => floorSeen(w) === undefined, 'the floor is cleared')
    expect((await call(CHAIR, '/stage', { stage: 'consensus-call' })).status).toBe(200)
    for (const head of invites.filter((i) => i.role === 'head' || i.role === 'chair'))
      expect((await call(head.participant, '/positions', { kind: 'approve' })).status).toBe(201)
    expect((await call(CHAIR, '/stage', { stage: 'adopted' })).status).toBe(200)
    expect((await call(CHAIR, '/floor', { paragraph: 'op-health' })).status).toBe(403)
  })
})
