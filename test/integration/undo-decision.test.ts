/**
 * The chair undoes the last decision on suggestions: whatever the decision did — accepting or rejecting
 * overlapping proposals of three delegations, a new paragraph, a deletion of one — the suggestions are
 * pending again exactly as they were (ids, delegation, participant, time, words) and the agreed text is the
 * text before the decision; words typed by another delegation after the decision stay. Only the chair, only the
 * last decision, once; every undo in the audit log.
 */
import * as Y from 'yjs'
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
  paragraphText,
  paragraphXmlText,
  proposedParagraph,
  suggestionMark,
  until,
  type Client,
} from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import type { Invitation } from '../../server/invites.js'

const OSAKA = { delegation: 'osaka', participant: 'osaka-drafter' }
const LEIPZIG = { delegation: 'leipzig', participant: 'leipzig-head' }
const MINSK = { delegation: 'minsk', participant: 'minsk-drafter' }
const CHAIR = 'ho-chi-minh-city-chair'

interface Listed {
  id: string
  delegation: string
  participant: string
  at: string
  kind: string
  text: string
  blocks: string[]
}

describe("undoing the chair's last decision", () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watcher: Client
  const token = (participant: string) => invitationOf(invites, participant).token
  const post = (participant: string, path: string, body: unknown = {}) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const get = (path: string) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      headers: { Authorization: `Bearer ${token('bangkok-head')}` },
    })
  const pending = async () =>
    ((await (await get('/suggestions')).json()) as { suggestions: Listed[] }).suggestions
      .map(({ id, delegation, participant, at, kind, text, blocks }) => ({
        id,
        delegation,
        participant,
        at,
        kind,
        text,
        blocks,
      }))
      .sort((a, b) => `${a.id}${a.delegation}`.localeCompare(`${b.id}${b.delegation}`))
  const agreedText = async () => (await get('/text')).text()
  /** Waits for a condition the API answers. */
  async function eventually(check: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 100; i++) {
      if (await check()) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`timed out waiting for ${what}`)
  }
  const synced = () => until(() => watcher.doc.getXmlFragment(BODY).length > 0, 'synced')

  async function write(by: typeof OSAKA, change: (doc: Y.Doc) => void) {
    const client = await RawClient.connect(accord.url, token(by.participant))
    client.change(change)
    await new Promise((r) => setTimeout(r, 150))
    expect(client.closed).toBeNull()
    client.close()
  }

  async function proposeOverlapping(paragraph: string, suffix: string) {
    await write(OSAKA, (doc) =>
      paragraphXmlText(doc, paragraph).insert(
        0,
        'Osaka words ',
        suggestionMark('insertion', OSAKA, `o-${suffix}`),
      ),
    )
    await until(() => paragraphText(watcher.doc, paragraph).startsWith('Osaka words '), 'osaka relayed')
    await write(LEIPZIG, (doc) =>
      paragraphXmlText(doc, paragraph).format(
        6,
        11,
        suggestionMark('deletion', LEIPZIG, `l-${suffix}`, [`o-${suffix}`]),
      ),
    )
    await write(MINSK, (doc) =>
      paragraphXmlText(doc, paragraph).format(20, 6, suggestionMark('deletion', MINSK, `m-${suffix}`)),
    )
  }

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await post(CHAIR, '/stage', { stage: 'negotiation' })).status).toBe(200)
    watcher = await connect(accord.url, token('manila-head'))
    await synced()
  })
  afterAll(async () => {
    watcher?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('refuses when there is nothing to undo, and refuses anyone but the chair', async () => {
    const none = await post(CHAIR, '/suggestions/undo')
    expect(none.status).toBe(409)
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe(
      'There is no decision to undo.',
    )
    expect((await post('osaka-head', '/suggestions/undo')).status).toBe(403)
  })

  const decisions: [string, (suffix: string) => Promise<{ path: string; body?: unknown }>][] = [
    ['accepting all of three overlapping proposals', async () => ({ path: '/suggestions/accept' })],
    ['rejecting all of three overlapping proposals', async () => ({ path: '/suggestions/reject' })],
    ['accepting one delegation’s deletion', async (s) => ({ path: `/suggestions/l-${s}/accept` })],
    ['rejecting one delegation’s insertion', async (s) => ({ path: `/suggestions/o-${s}/reject` })],
    [
      'accepting Minsk’s proposals only',
      async () => ({ path: '/suggestions/accept', body: { delegation: 'minsk' } }),
    ],
  ]
  const paragraphs = ['op-economy', 'op-health', 'op-climate', 'op-urban', 'op-training']

  decisions.forEach(([what, decide], i) => {
    it(`restores the suggestions and the text after ${what}`, async () => {
      const suffix = `u${i}`
      await proposeOverlapping(paragraphs[i]!, suffix)
      await eventually(async () => (await pending()).length >= 3, 'proposals listed')
      const before = await pending()
      const text = await agreedText()
      const decided = await decide(suffix)
      expect((await post(CHAIR, decided.path, decided.body ?? {})).status).toBe(200)
      expect(await pending()).not.toEqual(before)
      const undone = await post(CHAIR, '/suggestions/undo')
      expect(undone.status).toBe(200)
      expect(await pending()).toEqual(before)
      expect(await agreedText()).toBe(text)
      // Once: the same decision cannot be undone twice.
      expect((await post(CHAIR, '/suggestions/undo')).status).toBe(409)
      // Clean up for the next case.
      expect((await post(CHAIR, '/suggestions/reject')).status).toBe(200)
    })
  })

  it('restores a rejected new paragraph and an accepted paragraph deletion, with their proposals', async () => {
    await write(OSAKA, (doc) => {
      const fragment = doc.getXmlFragment(BODY)
      const at = fragment
        .toArray()
        .findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('id') === 'op-bridge')
      fragment.insert(at + 1, [
        proposedParagraph('p-undo-new', 'np-undo', OSAKA, 'Found a network of partner cities;'),
      ])
    })
    await eventually(async () => (await pending()).some((s) => s.id === 'np-undo'), 'listed')
    const before = await pending()
    expect((await post(CHAIR, '/suggestions/np-undo/reject')).status).toBe(200)
    await until(
      () => !JSON.stringify(watcher.doc.getXmlFragment(BODY).toJSON()).includes('p-undo-new'),
      'gone',
    )
    expect((await post(CHAIR, '/suggestions/undo')).status).toBe(200)
    expect(await pending()).toEqual(before)
    await until(
      () => JSON.stringify(watcher.doc.getXmlFragment(BODY).toJSON()).includes('p-undo-new'),
      'back live',
    )
    expect((await post(CHAIR, '/suggestions/np-undo/accept')).status).toBe(200)
  })

  it('keeps words another delegation typed after the decision', async () => {
    await proposeOverlapping('op-culture', 'typed')
    expect((await post(CHAIR, '/suggestions/reject')).status).toBe(200)
    await write(MINSK, (doc) => {
      const text = paragraphXmlText(doc, 'op-culture')
      text.insert(text.length, ' Minsk later', suggestionMark('insertion', MINSK, 'm-later'))
    })
    await until(() => paragraphText(watcher.doc, 'op-culture').endsWith(' Minsk later'), 'typed')
    expect((await post(CHAIR, '/suggestions/undo')).status).toBe(200)
    const ids = (await pending()).map((s) => s.id)
    expect(ids).toEqual(expect.arrayContaining(['o-typed', 'l-typed', 'm-typed', 'm-later']))
    await until(() => paragraphText(watcher.doc, 'op-culture').startsWith('Osaka words '), 'restored live')
    expect(paragraphText(watcher.doc, 'op-culture').endsWith(' Minsk later')).toBe(true)
  })

  it('records every undo in the audit log with what is pending again', async () => {
    const entries = (await (await get('/audit')).json()) as {
      action: string
      details: Record<string, unknown>
    }[]
    const undos = entries.filter((e) => e.action === 'undo decision')
    expect(undos.length).toBe(7)
    expect(undos.at(-1)!.details).toMatchObject({
      undid: 'reject',
      decidedBy: CHAIR,
      restored: expect.arrayContaining([expect.objectContaining({ id: 'o-typed', delegation: 'osaka' })]),
    })
  })
})
