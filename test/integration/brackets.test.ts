/**
 * Brackets: delegations bracket words and propose or back alternatives; only the chair removes brackets or
 * picks an alternative; no client can write a bracket itself. Every client sees the same text.
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
import { connect, paragraphText, paragraphXmlText, until, type Client } from '../helpers/yjs-clients.js'
import type { OpenBracket } from '../../workflows/brackets/brackets.js'
import type { Invitation } from '../../server/invites.js'

describe('brackets and alternatives', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watcher: Client
  const token = (participant: string) => invitationOf(invites, participant).token
  const call = (participant: string, path: string, body?: unknown) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    })
  const brackets = async () => (await (await call('osaka-drafter', '/brackets')).json()) as OpenBracket[]

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await call('ho-chi-minh-city-chair', '/stage', { stage: 'negotiation' })).status).toBe(200)
    watcher = await connect(accord.url, token('bangkok-head'))
  })
  afterAll(async () => {
    watcher?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets a delegation bracket words, backed by itself, and propose an alternative others can back', async () => {
    // OP4: "Commit to expand trade and investment …" — bracket "expand".
    const made = await call('osaka-drafter', '/brackets', {
      block: 'op-economy',
      startOffset: 10,
      endOffset: 16,
    })
    expect(made.status).toBe(200)
    const { bracket } = (await made.json()) as { bracket: string }
    expect((await call('leipzig-head', `/brackets/${bracket}/alternatives`, { text: 'double' })).status).toBe(
      200,
    )
    expect((await call('minsk-head', `/brackets/${bracket}/alternatives/2/back`, {})).status).toBe(200)
    expect((await call('minsk-head', `/brackets/${bracket}/alternatives/2/back`, {})).status).toBe(409)
    const [open] = await brackets()
    expect(open!.alternatives.map((a) => [a.alt, a.text, a.backers])).toEqual([
      [1, 'expand', ['osaka']],
      [2, 'double', ['leipzig', 'minsk']],
    ])
    await until(
      () => paragraphText(watcher.doc, 'op-economy').startsWith('Commit to expanddouble trade'),
      'relayed',
    )
  })

  it('lets only the chair close a bracket; one with alternatives needs a pick', async () => {
    const [open] = await brackets()
    expect((await call('osaka-head', `/brackets/${open!.id}/pick`, { alt: 1 })).status).toBe(403)
    expect((await call('ho-chi-minh-city-chair', `/brackets/${open!.id}/remove`, {})).status).toBe(409)
    expect((await call('ho-chi-minh-city-chair', `/brackets/${open!.id}/pick`, { alt: 2 })).status).toBe(200)
    await until(() => paragraphText(watcher.doc, 'op-economy').startsWith('Commit to double trade'), 'picked')
    expect(await brackets()).toEqual([])
  })

  it('removes a single bracket and keeps its words', async () => {
    const { bracket } = (await (
      await call('rotterdam-head', '/brackets', { block: 'op-health', startOffset: 0, endOffset: 6 })
    ).json()) as { bracket: string }
    expect((await call('ho-chi-minh-city-chair', `/brackets/${bracket}/remove`, {})).status).toBe(200)
    expect(paragraphText(watcher.doc, 'op-health')).toMatch(/^Decide to continue/)
    expect(await brackets()).toEqual([])
  })

  it('refuses a client that writes a bracket itself, and observers through the API', async () => {
    const attacker = await RawClient.connect(accord.url, token('osaka-drafter'))
    attacker.change((doc) =>
      paragraphXmlText(doc, 'op-thanks').format(0, 7, {
        'bracket--abcdefgh': { id: 'forged', alt: 1, backers: ['osaka'] },
      }),
    )
    expect((await attacker.waitForClose()).code).toBe(4403)
    const observer = await call('ministry-of-foreign-affairs-of-viet-nam-observer', '/brackets', {
      block: 'op-thanks',
      startOffset: 0,
      endOffset: 7,
    })
    expect(observer.status).toBe(403)
  })
})
