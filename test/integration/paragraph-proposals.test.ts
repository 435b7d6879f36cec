/**
 * Whole-paragraph suggestions: a delegation proposes a new paragraph (numbered OP3bis until adopted) or the
 * deletion of one; the chair accepts or rejects; nobody can propose in another's name.
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
import { connect, proposedParagraph, until, type Client } from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import type { Invitation } from '../../server/invites.js'

const OSAKA = { delegation: 'osaka', participant: 'osaka-drafter' }
const ids = (client: Client) =>
  client.doc
    .getXmlFragment(BODY)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
    .map((n) => String(n.getAttribute('id')))
const element = (doc: Y.Doc, id: string) =>
  doc
    .getXmlFragment(BODY)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id) as Y.XmlElement

describe('whole-paragraph suggestions', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watcher: Client
  const token = (participant: string) => invitationOf(invites, participant).token
  const call = (participant: string, path: string, method = 'POST', body: unknown = {}) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method,
      headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
      body: method === 'GET' ? null : JSON.stringify(body),
    })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await call('ho-chi-minh-city-chair', '/stage', 'POST', { stage: 'negotiation' })).status).toBe(
      200,
    )
    watcher = await connect(accord.url, token('bangkok-head'))
  })
  afterAll(async () => {
    watcher?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets a delegation propose a new paragraph, listed as one suggestion', async () => {
    const osaka = await RawClient.connect(accord.url, token('osaka-drafter'))
    osaka.change((doc) => {
      const fragment = doc.getXmlFragment(BODY)
      const after = fragment
        .toArray()
        .findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('id') === 'op-bridge')
      fragment.insert(after + 1, [
        proposedParagraph('p-osakanew', 'np1', OSAKA, 'Establish a network of partner cities;'),
      ])
    })
    await until(() => ids(watcher).includes('p-osakanew'), 'new paragraph relayed')
    expect(osaka.closed).toBeNull()
    const listed = (await (await call('rotterdam-head', '/suggestions', 'GET')).json()) as {
      suggestions: { id: string; paragraph?: boolean; text: string }[]
    }
    expect(listed.suggestions).toContainEqual(
      expect.objectContaining({ id: 'np1', paragraph: true, text: 'Establish a network of partner cities;' }),
    )
  })

  it("refuses a new paragraph proposed in another delegation's name, or not as a proposal", async () => {
    const attacker = await RawClient.connect(accord.url, token('osaka-drafter'))
    attacker.change((doc) =>
      doc
        .getXmlFragment(BODY)
        .push([
          proposedParagraph(
            'p-forged',
            'np2',
            { delegation: 'leipzig', participant: 'leipzig-head' },
            'Forged',
          ),
        ]),
    )
    expect((await attacker.waitForClose()).code).toBe(4403)
    expect(ids(watcher)).not.toContain('p-forged')
  })

  it('lets a delegation propose deleting a paragraph, and refuses it in another name', async () => {
    const minsk = await RawClient.connect(accord.url, token('minsk-head'))
    minsk.change((doc) =>
      element(doc, 'op-forum').setAttribute('proposal', {
        id: 'dp1',
        kind: 'deletion',
        delegation: 'minsk',
        participant: 'minsk-head',
        at: 't',
      } as unknown as string),
    )
    await until(
      () => element(watcher.doc, 'op-forum').getAttribute('proposal') !== undefined,
      'deletion proposal relayed',
    )
    const forger = await RawClient.connect(accord.url, token('osaka-drafter'))
    forger.change((doc) =>
      element(doc, 'op-thanks').setAttribute('proposal', {
        id: 'dp2',
        kind: 'deletion',
        delegation: 'minsk',
        participant: 'minsk-head',
        at: 't',
      } as unknown as string),
    )
    expect((await forger.waitForClose()).code).toBe(4403)
    expect(element(watcher.doc, 'op-thanks').getAttribute('proposal')).toBeUndefined()
  })

  it('lets the chair reject a new paragraph (it goes) and accept a deletion (the paragraph goes)', async () => {
    expect((await call('ho-chi-minh-city-chair', '/suggestions/np1/reject')).status).toBe(200)
    expect((await call('ho-chi-minh-city-chair', '/suggestions/dp1/accept')).status).toBe(200)
    await until(
      () => !ids(watcher).includes('p-osakanew') && !ids(watcher).includes('op-forum'),
      'paragraphs removed',
    )
  })

  it('accepts a new paragraph: it stays, as agreed text, without its proposal', async () => {
    const osaka = await RawClient.connect(accord.url, token('osaka-drafter'))
    osaka.change((doc) =>
      doc.getXmlFragment(BODY).push([proposedParagraph('p-osakakept', 'np3', OSAKA, 'Meet again in 2023.')]),
    )
    await until(() => ids(watcher).includes('p-osakakept'), 'relayed')
    expect((await call('ho-chi-minh-city-chair', '/suggestions/np3/accept')).status).toBe(200)
    await until(() => element(watcher.doc, 'p-osakakept').getAttribute('proposal') === undefined, 'accepted')
    const text = element(watcher.doc, 'p-osakakept').get(0) as Y.XmlText
    expect(text.toDelta()).toEqual([{ insert: 'Meet again in 2023.' }])
  })

  it('keeps every number through the negotiation: a deleted OP11 is not reused, an accepted paragraph is OP12bis', async () => {
    const text = await (await call('rotterdam-head', '/text', 'GET')).text()
    expect(text).toContain('\nOP10 ')
    expect(text).not.toContain('\nOP11 ')
    expect(text).toContain('\nOP12 Express their appreciation')
    expect(text).toContain('\nOP12bis Meet again in 2023.')
    // The server recorded the number, so every editor shows it and a later proposal cannot take it.
    await until(() => watcher.doc.getMap('numbers').get('p-osakakept') === 'OP12bis', 'number recorded')
    expect(watcher.doc.getMap('numbers').get('op-thanks')).toBe('OP12')
  })

  it('numbers afresh only when the chair publishes a revision with renumber, and the redline says old → new', async () => {
    const published = await call('secretariat-officer', '/revisions', 'POST', { renumber: true })
    expect(published.status).toBe(201)
    const { seq } = (await published.json()) as { seq: number }
    const text = await (await call('rotterdam-head', '/text', 'GET')).text()
    expect(text).toContain('\nOP11 Express their appreciation')
    expect(text).toContain('\nOP12 Meet again in 2023.')
    await until(() => watcher.doc.getMap('numbers').get('p-osakakept') === 'OP12', 'renumbered live')
    const redline = (await (await call('rotterdam-head', `/redline?from=1&to=${seq}`, 'GET')).json()) as {
      paragraphs: { id: string; number?: string; previousNumber?: string }[]
    }
    expect(redline.paragraphs.find((p) => p.id === 'op-thanks')).toMatchObject({
      number: 'OP11',
      previousNumber: 'OP12',
    })
    const again = await call('secretariat-officer', '/revisions', 'POST', {})
    expect(again.status).toBe(409)
  })
})
