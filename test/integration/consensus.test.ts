/**
 * The consensus call with the whole demo conference: 25 member delegations record positions bound to the
 * frozen text's hash; consensus holds only when all have approved; an objection breaks it; reopening
 * negotiation voids every position, kept in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { connect, until, type Client } from '../helpers/yjs-clients.js'
import type { Consensus } from '../../workflows/consensus/positions.js'
import type { Invitation } from '../../server/invites.js'

describe('the consensus call', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watcher: Client
  let heads: Invitation[]
  const call = (participant: string, path: string, body?: unknown) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: `Bearer ${invitationOf(invites, participant).token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? null : JSON.stringify(body),
    })
  const grid = async () => (await (await call('osaka-drafter', '/consensus')).json()) as Consensus

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    heads = invites.filter((i) => i.role === 'head' || i.role === 'chair')
    await setStageAsChair(accord, invites, 'negotiation')
    await setStageAsChair(accord, invites, 'consensus-call')
    watcher = await connect(accord.url, invitationOf(invites, 'bangkok-drafter').token)
  })
  afterAll(async () => {
    watcher?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('starts with all 25 member delegations pending', async () => {
    const start = await grid()
    expect(start.rows).toHaveLength(25)
    expect(start).toMatchObject({ holds: false, counts: { pending: 25 } })
  })

  it('takes positions from heads only, bound to the hash of the frozen text', async () => {
    expect((await call('osaka-drafter', '/positions', { kind: 'approve' })).status).toBe(403)
    expect((await call('secretariat-officer', '/positions', { kind: 'approve' })).status).toBe(403)
    expect((await call('osaka-head', '/positions', { kind: 'object' })).status).toBe(409)
    const recorded = (await (
      await call('osaka-head', '/positions', {
        kind: 'reservation',
        statement: 'Osaka reads OP4 as covering services.',
        paragraphs: ['op-economy'],
      })
    ).json()) as {
      hash: string
    }
    expect(recorded.hash).toBe((await call('osaka-drafter', '/text')).headers.get('x-accord-hash'))
    // Every delegation reads the statement with the paragraphs it concerns, under their numbers.
    const osaka = (await grid()).rows.find((r) => r.delegation === 'osaka') as unknown
    expect(osaka).toMatchObject({
      position: 'reservation',
      statement: 'Osaka reads OP4 as covering services.',
      paragraphs: [{ id: 'op-economy', number: 'OP4' }],
      participant: 'osaka-head',
      at: expect.stringMatching(/^\d{4}-/),
    })
  })

  it('refuses a reservation on a paragraph that is not in the text, and changes nothing', async () => {
    const refused = await call('osaka-head', '/positions', {
      kind: 'reservation',
      statement: 'On a paragraph that does not exist.',
      paragraphs: ['op-economy', 'op-nowhere'],
    })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'There is no paragraph "op-nowhere" in the text.',
    )
    const osaka = (await grid()).rows.find((r) => r.delegation === 'osaka') as { statement?: string }
    expect(osaka.statement).toBe('Osaka reads OP4 as covering services.')
  })

  it('holds once every delegation has approved in some form, and is visible live in the workflow', async () => {
    for (const head of heads.filter((h) => h.delegation !== 'osaka')) {
      const kind = head.delegation === 'leipzig' ? 'approve-ad-ref' : 'approve'
      expect((await call(head.participant, '/positions', { kind })).status).toBe(201)
    }
    const all = await grid()
    expect(all).toMatchObject({
      holds: true,
      counts: { approve: 23, 'approve-ad-ref': 1, reservation: 1, pending: 0 },
    })
    await until(
      () =>
        Object.keys((watcher.doc.getMap('workflow').get('positions') as object | undefined) ?? {}).length ===
        25,
      'positions live',
    )
  })

  it('breaks at once on an objection', async () => {
    expect(
      (await call('minsk-head', '/positions', { kind: 'object', statement: 'OP11 goes too far.' })).status,
    ).toBe(201)
    expect(await grid()).toMatchObject({ holds: false, objections: ['minsk'] })
  })

  it('voids every position when the chair reopens negotiation, keeping them in the history', async () => {
    await setStageAsChair(accord, invites, 'negotiation')
    await setStageAsChair(accord, invites, 'consensus-call')
    expect(await grid()).toMatchObject({ holds: false, counts: { pending: 25 } })
    const history = watcher.doc.getMap('workflow').get('voidedPositions') as unknown[]
    await until(
      () =>
        ((watcher.doc.getMap('workflow').get('voidedPositions') as unknown[] | undefined)?.length ?? 0) ===
        25,
      'history live',
    )
    expect(history ?? []).toBeDefined()
    const audit = (await (await call('osaka-drafter', '/audit')).json()) as {
      action: string
      details: { voidedPositions?: unknown[] }
    }[]
    expect(audit.find((e) => e.details.voidedPositions)?.details.voidedPositions).toHaveLength(25)
  })

  it('refuses adoption until consensus holds, naming what blocks it', async () => {
    const refused = await call('ho-chi-minh-city-chair', '/stage', { stage: 'adopted' })
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.message).toBe('Adoption needs consensus: 25 delegations pending.')
  })

  it('adopts once all approve: the final text and hash are fixed, heads sign once each, and the chair closes signing', async () => {
    for (const head of heads)
      expect((await call(head.participant, '/positions', { kind: 'approve' })).status).toBe(201)
    expect((await call('osaka-head', '/stage', { stage: 'adopted' })).status).toBe(403)
    expect((await call('ho-chi-minh-city-chair', '/stage', { stage: 'adopted' })).status).toBe(200)
    const hash = (await call('osaka-drafter', '/text')).headers.get('x-accord-hash')
    const revisions = (await (await call('osaka-drafter', '/revisions')).json()) as {
      name: string
      hash: string
    }[]
    expect(revisions.at(-1)).toMatchObject({ name: 'Adopted text', hash })

    expect((await call('osaka-drafter', '/signatures', {})).status).toBe(403)
    const signed = (await (await call('osaka-head', '/signatures', {})).json()) as {
      hash: string
      signatory: string
      delegationName: string
    }
    expect(signed).toMatchObject({ hash, signatory: 'Head of delegation', delegationName: 'Osaka' })
    expect((await call('osaka-head', '/signatures', {})).status).toBe(409)
    expect((await call('leipzig-head', '/signatures', {})).status).toBe(201)
    const list = (await (await call('rotterdam-drafter', '/signatures')).json()) as { delegation: string }[]
    expect(list.map((s) => s.delegation)).toEqual(['osaka', 'leipzig'])

    expect((await call('ho-chi-minh-city-chair', '/stage', { stage: 'signed' })).status).toBe(200)
    expect((await call('minsk-head', '/signatures', {})).status).toBe(403)
    await until(() => watcher.doc.getMap('workflow').get('stage') === 'signed', 'signed live')
    expect((watcher.doc.getMap('workflow').get('final') as { hash: string }).hash).toBe(hash)
  })
})
