/**
 * The chair's review of suggestions, through the API, with real clients watching: overlapping suggestions of
 * three delegations decided in different orders leave every client with the same text; forged decisions
 * are refused; every decision is in the audit log with who proposed and who decided.
 */
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
  suggestionMark,
  until,
  type Client,
} from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import type { Invitation } from '../../server/invites.js'

const OSAKA = { delegation: 'osaka', participant: 'osaka-drafter' }
const LEIPZIG = { delegation: 'leipzig', participant: 'leipzig-head' }
const MINSK = { delegation: 'minsk', participant: 'minsk-drafter' }

describe("the chair's review of suggestions", () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const watchers: Client[] = []
  const token = (participant: string) => invitationOf(invites, participant).token
  const api = (participant: string, path: string, body?: unknown) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: body === undefined && !path.match(/accept|reject|withdraw|stage/) ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
      body:
        body === undefined
          ? path.match(/accept|reject|withdraw|stage/)
            ? '{}'
            : null
          : JSON.stringify(body),
    })

  /** Three delegations propose on the same words of a paragraph; returns their suggestion ids. */
  async function proposeOverlapping(paragraph: string, suffix: string) {
    const ids = { osaka: `o-${suffix}`, leipzig: `l-${suffix}`, minsk: `m-${suffix}` }
    const osaka = await RawClient.connect(accord.url, token(OSAKA.participant))
    osaka.change((doc) =>
      paragraphXmlText(doc, paragraph).insert(
        0,
        'Osaka words ',
        suggestionMark('insertion', OSAKA, ids.osaka),
      ),
    )
    await until(() => paragraphText(watchers[0]!.doc, paragraph).startsWith('Osaka words '), 'osaka relayed')
    const leipzig = await RawClient.connect(accord.url, token(LEIPZIG.participant))
    // Leipzig proposes deleting "words Agree" — across Osaka's insertion and the agreed text.
    leipzig.change((doc) =>
      paragraphXmlText(doc, paragraph).format(
        6,
        11,
        suggestionMark('deletion', LEIPZIG, ids.leipzig, [ids.osaka]),
      ),
    )
    const minsk = await RawClient.connect(accord.url, token(MINSK.participant))
    await until(
      () => JSON.stringify(minsk.doc.getXmlFragment(BODY).toJSON()).includes(ids.leipzig),
      'minsk sees leipzig',
    )
    // Minsk also proposes deleting "Osaka words".
    minsk.change((doc) =>
      paragraphXmlText(doc, paragraph).format(
        0,
        11,
        suggestionMark('deletion', MINSK, ids.minsk, [ids.osaka]),
      ),
    )
    for (const c of [osaka, leipzig, minsk]) c.close()
    await until(
      () => JSON.stringify(watchers[0]!.doc.getXmlFragment(BODY).toJSON()).includes(ids.minsk),
      'all relayed',
    )
    return ids
  }

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await api('ho-chi-minh-city-chair', '/stage', { stage: 'negotiation' })).status).toBe(200)
    for (const p of [
      'bangkok-head',
      'manila-head',
      'japan-viet-nam-friendship-parliamentary-alliance-observer',
    ]) {
      watchers.push(await connect(accord.url, token(p)))
    }
  })
  afterAll(async () => {
    for (const w of watchers) w.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lists pending suggestions with who proposed them, and counts per delegation', async () => {
    const ids = await proposeOverlapping('op-friendship', 'list')
    const listed = (await (await api('osaka-drafter', '/suggestions')).json()) as {
      suggestions: { id: string; delegation: string; kind: string; text: string }[]
      counts: Record<string, number>
    }
    const byId = new Map(listed.suggestions.map((s) => [s.id, s]))
    expect(byId.get(ids.osaka)).toMatchObject({
      delegation: 'osaka',
      kind: 'insertion',
      text: 'Osaka words ',
    })
    expect(byId.get(ids.minsk)).toMatchObject({ delegation: 'minsk', kind: 'deletion', text: 'Osaka words' })
    expect(byId.get(ids.leipzig)).toMatchObject({
      delegation: 'leipzig',
      kind: 'deletion',
      text: 'words Agree',
    })
    expect(listed.counts).toEqual({ osaka: 1, leipzig: 1, minsk: 1 })
  })

  it('refuses decisions by anyone but the chair, and withdrawals of another delegation’s suggestion', async () => {
    const listed = (await (await api('osaka-drafter', '/suggestions')).json()) as {
      suggestions: { id: string; delegation: string }[]
    }
    const leipzig = listed.suggestions.find((s) => s.delegation === 'leipzig')!.id
    for (const participant of [
      'osaka-drafter',
      'osaka-head',
      'secretariat-officer',
      'japan-viet-nam-friendship-parliamentary-alliance-observer',
    ]) {
      expect((await api(participant, `/suggestions/${leipzig}/accept`)).status).toBe(403)
    }
    expect((await api('osaka-drafter', `/suggestions/${leipzig}/withdraw`)).status).toBe(403)
    expect((await api('osaka-drafter', '/suggestions/accept')).status).toBe(403)
    expect((await api('ho-chi-minh-city-chair', '/suggestions/nothing-like-this/accept')).status).toBe(404)
    const after = (await (await api('osaka-drafter', '/suggestions')).json()) as { suggestions: unknown[] }
    expect(after.suggestions).toHaveLength(3)
  })

  it('gives every client the same text whatever order the chair decides overlapping suggestions in', async () => {
    const results: string[] = []
    const orders: [string, 'accept' | 'reject'][][] = [
      [
        ['osaka', 'accept'],
        ['leipzig', 'reject'],
        ['minsk', 'accept'],
      ],
      [
        ['minsk', 'accept'],
        ['osaka', 'accept'],
        ['leipzig', 'reject'],
      ],
      [
        ['leipzig', 'reject'],
        ['minsk', 'accept'],
        ['osaka', 'accept'],
      ],
    ]
    const paragraphs = ['op-foundations', 'op-bridge', 'op-economy']
    for (const [n, order] of orders.entries()) {
      const paragraph = paragraphs[n]!
      const original = paragraphText(watchers[0]!.doc, paragraph)
      const ids = await proposeOverlapping(paragraph, `order${n}`)
      for (const [delegation, decision] of order) {
        const id = ids[delegation as keyof typeof ids]
        const response = await api('ho-chi-minh-city-chair', `/suggestions/${id}/${decision}`)
        // Accepting Minsk's deletion of Osaka's words removes them, and Osaka's insertion with them.
        expect([200, 404]).toContain(response.status)
      }
      await until(
        () => new Set(watchers.map((w) => paragraphText(w.doc, paragraph))).size === 1,
        'watchers agree',
      )
      // Osaka's words accepted, then removed with Minsk's accepted deletion; Leipzig's deletion rejected.
      expect(paragraphText(watchers[0]!.doc, paragraph)).toBe(` ${original}`)
      results.push(paragraph)
    }
    expect(results).toHaveLength(3)
    const fresh = await connect(accord.url, token('rotterdam-head'))
    for (const p of paragraphs) expect(paragraphText(fresh.doc, p)).toBe(paragraphText(watchers[0]!.doc, p))
    fresh.destroy()
  })

  it('accepts or rejects all suggestions of one delegation at once', async () => {
    const ids = await proposeOverlapping('op-health', 'bulk')
    const response = await api('ho-chi-minh-city-chair', '/suggestions/reject', { delegation: 'leipzig' })
    const { decided } = (await response.json()) as { decided: string[] }
    expect(decided).toContain(ids.leipzig)
    expect(decided.every((id) => id.startsWith('l-'))).toBe(true)
    const listed = (await (await api('osaka-drafter', '/suggestions')).json()) as {
      suggestions: { id: string }[]
    }
    expect(listed.suggestions.map((s) => s.id)).not.toContain(ids.leipzig)
    expect(listed.suggestions.map((s) => s.id)).toContain(ids.osaka)
  })

  it('lets a delegation withdraw its own suggestion', async () => {
    const listed = (await (await api('osaka-drafter', '/suggestions')).json()) as {
      suggestions: { id: string; delegation: string }[]
    }
    const minsk = listed.suggestions.find((s) => s.delegation === 'minsk')!.id
    expect((await api('minsk-head', `/suggestions/${minsk}/withdraw`)).status).toBe(200)
  })

  it('records who proposed and who decided each change in a hash-chained audit log', async () => {
    const audit = (await (await api('osaka-drafter', '/audit')).json()) as {
      seq: number
      action: string
      actor: string
      details: {
        proposedBy: { delegation: string }
        decidedBy: { participant: string }
        text: string
        changes: { block: string; effect: string; text: string }[]
      }
      prevHash: string
      hash: string
    }[]
    const accepted = audit.filter((e) => e.action === 'accept suggestion')
    expect(accepted.length).toBeGreaterThanOrEqual(3)
    expect(accepted.every((e) => e.actor === 'ho-chi-minh-city-chair')).toBe(true)
    expect(new Set(accepted.map((e) => e.details.proposedBy.delegation))).toEqual(new Set(['osaka', 'minsk']))
    expect(audit.some((e) => e.action === 'withdraw suggestion' && e.actor === 'minsk-head')).toBe(true)
    // Each entry lists every change the decision made, word for word, and nothing it did not make.
    for (const entry of audit.filter((e) => e.action.endsWith(' suggestion'))) {
      expect(entry.details.changes.length).toBeGreaterThan(0)
      const changed = entry.details.changes.map((change) => change.text).join('')
      expect(changed).toContain(entry.details.text)
    }
    for (let i = 1; i < audit.length; i++) expect(audit[i]!.prevHash).toBe(audit[i - 1]!.hash)
  })

  it('accepts everything that is left with one call, and every client ends with no pending suggestion', async () => {
    expect((await api('ho-chi-minh-city-chair', '/suggestions/accept')).status).toBe(200)
    const listed = (await (await api('osaka-drafter', '/suggestions')).json()) as { suggestions: unknown[] }
    expect(listed.suggestions).toEqual([])
    await until(
      () =>
        watchers.every((w) => !JSON.stringify(w.doc.getXmlFragment(BODY).toJSON()).includes('insertion--')),
      'no marks left',
    )
    const texts = new Set(watchers.map((w) => JSON.stringify(w.doc.getXmlFragment(BODY).toJSON())))
    expect(texts.size).toBe(1)
  })
})
