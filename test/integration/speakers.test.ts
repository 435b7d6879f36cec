/**
 * Meeting mode's speakers' list and oral proposals, over the API and real sockets. Delegations ask for the floor; a
 * point of order goes first; the chair gives the floor with a speaking time and every client has the list at once;
 * a delegation withdraws only its own request. While Osaka holds the floor the secretariat types Osaka's oral
 * proposal — stored as Osaka's suggestion, entered by the secretariat, audited as such — and Osaka withdraws it as
 * its own; typing for a delegation that does not hold the floor is refused and changes nothing; words typed for Osaka
 * as its turn ends are still its own (they were on their way), and refused once the grace is over.
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import { BODY } from '../../workflows/document/format.js'
import type { SpeakersList } from '../../workflows/meeting/speakers.js'
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
const SECRETARIAT = 'secretariat-officer'

/** The XmlText of a paragraph, by id, in a client's copy. */
function paragraphText(doc: Y.Doc, id: string): Y.XmlText {
  for (const node of doc.getXmlFragment(BODY).toArray())
    if (node instanceof Y.XmlElement && node.getAttribute('id') === id) {
      const text = node.get(0)
      if (text instanceof Y.XmlText) return text
    }
  throw new Error(`no paragraph ${id}`)
}

/** A paragraph's words, suggestions and all. */
const wordsOf = (doc: Y.Doc, id: string) =>
  (paragraphText(doc, id).toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')

describe("the speakers' list and oral proposals", () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watchers: Client[] = []
  const call = apiAs(
    () => accord,
    () => invites,
  )
  const remove = (participant: string, path: string) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${invitationOf(invites, participant).token}` },
    })
  const listSeen = (client: Client) =>
    client.doc.getMap('workflow').get('speakers') as SpeakersList | undefined
  const listNow = async () =>
    ((await (await call('leipzig-head', '/speakers')).json()) as { speakers: SpeakersList }).speakers

  beforeAll(async () => {
    // Words typed for a speaker are its own for 1.5 s after its turn ends (10 s by default).
    accord = await startAccord({ env: { ACCORD_LIMIT_ORAL_PROPOSAL_GRACE_MS: '1500' } })
    invites = invitations(accord.dataDir)
    expect((await call(CHAIR, '/stage', { stage: 'negotiation' })).status).toBe(200)
    expect((await call(CHAIR, '/floor', { paragraph: 'op-economy' })).status).toBe(200)
    watchers = await Promise.all(
      ['leipzig-head', 'ministry-of-foreign-affairs-of-viet-nam-observer'].map((p) =>
        connect(accord.url, invitationOf(invites, p).token),
      ),
    )
  })
  afterAll(async () => {
    for (const w of watchers) w.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('keeps requests in order, a point of order first, and shows every client the list', async () => {
    expect((await call('osaka-head', '/speakers', {})).status).toBe(200)
    expect((await call('rotterdam-drafter', '/speakers', { paragraph: 'op-health' })).status).toBe(200)
    expect((await call('leipzig-head', '/speakers', { pointOfOrder: true })).status).toBe(200)
    const list = await listNow()
    expect(list.queue.map((r) => [r.delegation, r.kind, r.paragraph])).toEqual([
      ['leipzig', 'point of order', 'op-economy'],
      ['osaka', 'speak', 'op-economy'],
      ['rotterdam', 'speak', 'op-health'],
    ])
    for (const w of watchers)
      await until(() => listSeen(w)?.queue.length === 3, 'the speakers’ list reaches a client')
  })

  it('refuses what the rules do not allow, and changes nothing', async () => {
    const before = await listNow()
    const refusals: [string, string, unknown, number][] = [
      ['osaka-drafter', '/speakers', {}, 409], // Osaka is on the list already
      [CHAIR, '/speakers', {}, 403], // the chair presides
      ['ministry-of-foreign-affairs-of-viet-nam-observer', '/speakers', {}, 403],
      ['osaka-head', '/speakers', { paragraph: 'no-such-paragraph' }, 404],
      ['osaka-head', '/speakers', { pointOfOrder: 'yes' }, 400],
      ['osaka-head', '/speakers/turn', {}, 403], // a delegation does not give the floor
      [CHAIR, '/speakers/turn', { seconds: 0 }, 400],
      [CHAIR, '/speakers/turn', { seconds: 7200 }, 400],
      [CHAIR, '/speakers/turn', { request: 'rq-AAAAAAAAAAAA' }, 409],
      [CHAIR, '/speakers/turn', { request: '<script>' }, 400],
    ]
    for (const [who, path, body, status] of refusals)
      expect((await call(who, path, body)).status, `${who} ${path} ${JSON.stringify(body)}`).toBe(status)
    const osaka = before.queue.find((r) => r.delegation === 'osaka')!
    expect((await remove('rotterdam-head', `/speakers/${osaka.id}`)).status).toBe(409)
    expect((await remove(CHAIR, '/speakers/turn')).status).toBe(409) // no one holds the floor
    expect(await listNow()).toEqual(before)
    const refused = await fetch(`${accord.url}/api/documents/closing-statement/speakers`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${invitationOf(invites, 'osaka-head').token}`,
        'Content-Type': 'application/json',
        'Accept-Language': 'vi',
      },
      body: '{}',
    })
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'Đoàn của bạn đã có trong danh sách phát biểu.',
    )
  })

  it('gives the floor in order with a speaking time, and lets a delegation withdraw its own request', async () => {
    const given = await call(CHAIR, '/speakers/turn', { seconds: 120 })
    expect(given.status).toBe(200)
    const { speakers } = (await given.json()) as { speakers: SpeakersList }
    expect(speakers.speaking).toMatchObject({ delegation: 'leipzig', kind: 'point of order', seconds: 120 })
    for (const w of watchers)
      await until(() => listSeen(w)?.speaking?.delegation === 'leipzig', 'the turn reaches a client')
    const rotterdam = speakers.queue.find((r) => r.delegation === 'rotterdam')!
    expect((await remove('rotterdam-drafter', `/speakers/${rotterdam.id}`)).status).toBe(200)
    expect((await call('secretariat-officer', '/speakers/turn', {})).status).toBe(200)
    const list = await listNow()
    expect(list.speaking).toMatchObject({ delegation: 'osaka', paragraph: 'op-economy', seconds: null })
    expect(list.queue).toEqual([])
    const { turns } = (await (await call('osaka-head', '/speakers')).json()) as {
      turns: { delegation: string; by: string }[]
    }
    expect(turns.map((t) => [t.delegation, t.by])).toEqual([
      ['leipzig', CHAIR],
      ['osaka', SECRETARIAT],
    ])
  })

  it("takes the secretariat's oral proposal as Osaka's while Osaka holds the floor; Osaka withdraws it", async () => {
    const secretariat = await connect(accord.url, invitationOf(invites, SECRETARIAT).token)
    const osaka = await connect(accord.url, invitationOf(invites, 'osaka-drafter').token)
    try {
      proposeWords(secretariat, {
        delegation: 'osaka',
        participant: SECRETARIAT,
        id: 's-oral-osaka-1',
        paragraph: 'op-economy',
        words: 'Warmly ',
      })
      await until(
        () => wordsOf(osaka.doc, 'op-economy').startsWith('Warmly '),
        'the oral proposal reaches Osaka',
      )
      expect(secretariat.closes).toEqual([])
      const { suggestions } = (await (await call('osaka-head', '/suggestions')).json()) as {
        suggestions: { id: string; delegation: string; participant: string }[]
      }
      expect(suggestions.find((s) => s.id === 's-oral-osaka-1')).toMatchObject({
        delegation: 'osaka',
        participant: SECRETARIAT,
      })
      // Osaka withdraws it as its own: its drafter deletes the proposed words.
      const osakaText = paragraphText(osaka.doc, 'op-economy')
      const at = wordsOf(osaka.doc, 'op-economy').indexOf('Warmly ')
      osaka.doc.transact(() => osakaText.delete(at, 'Warmly '.length))
      for (const w of watchers)
        await until(
          () => !wordsOf(w.doc, 'op-economy').includes('Warmly'),
          'the withdrawal reaches every client',
        )
      expect(osaka.closes).toEqual([])
    } finally {
      secretariat.destroy()
      osaka.destroy()
    }
    const audit = (await (await call(CHAIR, '/audit')).json()) as {
      action: string
      actor: string
      details: { delegation: string; suggestions: string[] }
    }[]
    expect(audit.find((e) => e.action === 'type an oral proposal')).toMatchObject({
      actor: SECRETARIAT,
      details: { delegation: 'osaka', suggestions: ['s-oral-osaka-1'] },
    })
  })

  /** The secretariat types words as `delegation`'s proposal: whether the server keeps them, and why not. */
  const typeAs = async (delegation: string, id: string, words: string) => {
    const secretariat = await connect(accord.url, invitationOf(invites, SECRETARIAT).token)
    try {
      proposeWords(secretariat, { delegation, participant: SECRETARIAT, id, paragraph: 'op-economy', words })
      await until(
        () =>
          secretariat.closes.length > 0 ||
          watchers.every((w) => wordsOf(w.doc, 'op-economy').includes(words)),
        'the words are kept or refused',
      )
      return secretariat.closes[0]?.reason ?? 'kept'
    } finally {
      secretariat.destroy()
    }
  }

  it('refuses typing for a delegation that does not hold the floor', async () => {
    expect(await typeAs('rotterdam', 's-forged-rotterdam', 'Forged ')).toMatch(/naming your delegation/)
    for (const w of watchers) expect(wordsOf(w.doc, 'op-economy')).not.toContain('Forged')
  })

  it('keeps the words typed for Osaka as its turn ends — on their way then — and refuses them once the grace is over', async () => {
    expect((await remove(CHAIR, '/speakers/turn')).status).toBe(200)
    expect(await typeAs('osaka', 's-oral-osaka-late', 'Finally ')).toBe('kept')
    // Audited as Osaka's oral proposal, like any other.
    for (let audited = false; !audited;) {
      const audit = (await (await call(CHAIR, '/audit')).json()) as {
        action: string
        details: { delegation?: string; suggestions?: string[] }
      }[]
      audited = audit.some(
        (e) =>
          e.action === 'type an oral proposal' &&
          e.details.delegation === 'osaka' &&
          e.details.suggestions?.includes('s-oral-osaka-late') === true,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 1600))
    expect(await typeAs('osaka', 's-forged-osaka', 'Forged ')).toMatch(/naming your delegation/)
    for (const w of watchers) expect(wordsOf(w.doc, 'op-economy')).not.toContain('Forged')
  })
})
