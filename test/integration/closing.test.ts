/**
 * The whole closing of a declaration through the API with the demo conference's 25 member delegations: a
 * consensus call whose silence an objection breaks, negotiation reopened (positions voided, the text changed,
 * each delegation shown what changed since its position), a second call carried by silence, adoption,
 * signatures, a locality admitted later endorsing the text, signing closed — and the audit chain intact.
 * Then a silence deadline that passes while the server is down, and one that passes after a restart.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localTimeOf } from '../../workflows/conference/host-time.js'
import type { Consensus } from '../../workflows/consensus/positions.js'
import type { Invitation } from '../../server/invites.js'
import {
  apiAs,
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import { paragraphText, sleep, suggestInsertion } from '../helpers/yjs-clients.js'

const HCMC = 'Asia/Ho_Chi_Minh'
const CLI = join(import.meta.dirname, '../../dist/server/cli.js')
const CHAIR = 'ho-chi-minh-city-chair'
/** A deadline `ms` from now, written as the chair would: wall-clock time in Ho Chi Minh City. */
const inHostTime = (ms: number) => localTimeOf(Date.now() + ms, HCMC)

describe('closing a declaration with 25 delegations', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let heads: Invitation[]
  const call = apiAs(
    () => accord,
    () => invites,
  )
  const json = async <T>(response: Promise<Response>, status = 200): Promise<T> => {
    const r = await response
    const body = (await r.json()) as T
    expect(r.status, JSON.stringify(body)).toBe(status)
    return body
  }
  const grid = () => json<Consensus>(call('osaka-drafter', '/consensus'))
  const stage = (to: string) => call(CHAIR, '/stage', { stage: to })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    heads = invites.filter((i) => i.role === 'head' || i.role === 'chair')
    expect(heads).toHaveLength(25)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('puts the text to a consensus call, keeping the text put to it as a revision', async () => {
    expect((await stage('negotiation')).status).toBe(200)
    // The negotiation starts from the Zero draft, kept as a revision.
    const started = await json<{ name: string; hash: string }[]>(call('osaka-drafter', '/revisions'))
    expect(started.map((r) => r.name)).toEqual(['Zero draft'])
    const osaka = await RawClient.connect(accord.url, invitationOf(invites, 'osaka-drafter').token)
    osaka.change((doc) =>
      suggestInsertion(doc, 'op-thanks', 'Warmly ', { delegation: 'osaka', participant: 'osaka-drafter' }),
    )
    await sleep(200)
    osaka.close()
    expect((await call(CHAIR, '/suggestions/accept', {})).status).toBe(200)
    expect((await stage('consensus-call')).status).toBe(200)
    const revisions = await json<{ name: string; hash: string }[]>(call('osaka-drafter', '/revisions'))
    const live = (await call('osaka-drafter', '/text')).headers.get('x-accord-hash')
    expect(revisions).toEqual([
      expect.objectContaining({ name: 'Zero draft' }),
      expect.objectContaining({ name: 'Text put to the consensus call', hash: live }),
    ])
  })

  it('runs a silence procedure stated in the host time zone, which an objection breaks at once', async () => {
    for (const head of heads.filter((h) => !['osaka-head', 'minsk-head'].includes(h.participant)))
      expect((await call(head.participant, '/positions', { kind: 'approve' })).status).toBe(201)
    expect((await call('osaka-head', '/silence', { deadline: inHostTime(60_000) })).status).toBe(403)
    expect((await call(CHAIR, '/silence', { deadline: inHostTime(-60_000) })).status).toBe(409)
    expect((await call(CHAIR, '/silence', { deadline: 'tomorrow at six' })).status).toBe(400)
    const set = await json<{ state: string; stated: string; timeZone: string }>(
      call(CHAIR, '/silence', { deadline: inHostTime(60_000) }),
      201,
    )
    expect(set).toMatchObject({ state: 'running', timeZone: HCMC })
    expect(set.stated).toMatch(/\(Asia\/Ho_Chi_Minh, UTC\+07:00\)$/)
    expect(await stage('adopted').then((r) => r.json())).toMatchObject({
      error: { message: expect.stringContaining('2 delegations pending') },
    })

    const objection = await json<{ at: string }>(
      call('osaka-head', '/positions', { kind: 'object', statement: 'OP4 must mention sustainable trade.' }),
      201,
    )
    const silence = await json<{ state: string; broken: { delegation: string; at: string } }>(
      call('minsk-head', '/silence'),
    )
    expect(silence).toMatchObject({ state: 'broken', broken: { delegation: 'osaka', at: objection.at } })
    expect(await grid()).toMatchObject({ holds: false, objections: ['osaka'], counts: { pending: 1 } })
    // A new silence cannot pass over an objection on record.
    expect((await call(CHAIR, '/silence', { deadline: inHostTime(60_000) })).status).toBe(409)
    const audit = await json<{ action: string; details: { delegation?: string } }[]>(call(CHAIR, '/audit'))
    expect(audit.filter((e) => e.action === 'break silence')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ delegation: 'osaka' }) }),
    ])
  })

  it('reopens negotiation: positions voided, the text changed, each delegation sees what changed since its position', async () => {
    expect((await stage('negotiation')).status).toBe(200)
    expect(await grid()).toMatchObject({ counts: { pending: 25 }, silence: 'none' })

    const osaka = await RawClient.connect(accord.url, invitationOf(invites, 'osaka-drafter').token)
    const at = paragraphText(osaka.doc, 'op-economy').indexOf('trade')
    osaka.change((doc) =>
      suggestInsertion(
        doc,
        'op-economy',
        'sustainable ',
        { delegation: 'osaka', participant: 'osaka-drafter' },
        at,
      ),
    )
    osaka.close()
    let pending: { id: string }[] = []
    for (let i = 0; i < 50 && pending.length === 0; i++) {
      pending = (await json<{ suggestions: { id: string }[] }>(call(CHAIR, '/suggestions'))).suggestions
      if (pending.length === 0) await sleep(100)
    }
    expect((await call(CHAIR, `/suggestions/${pending[0]!.id}/accept`, {})).status).toBe(200)

    const changes = await json<{ to: string; paragraphs: { id: string; status: string }[] }>(
      call('osaka-head', '/redline?from=position&to=live'),
    )
    expect(changes.to).toBe('live text')
    const changed = changes.paragraphs.filter((p) => p.status !== 'unchanged')
    expect(changed.map((p) => p.id)).toEqual(['op-economy'])
    expect(JSON.stringify(changed[0])).toContain('sustainable')
    // A delegation that never recorded a position has nothing to compare with.
    expect((await call('minsk-head', '/redline?from=position')).status).toBe(409)
  })

  it('holds once a second silence passes with no objection; an objection then comes too late', async () => {
    expect((await stage('consensus-call')).status).toBe(200)
    for (const head of heads.filter((h) => !['leipzig-head', 'minsk-head'].includes(h.participant))) {
      const kind = head.participant === 'osaka-head' ? 'approve-ad-ref' : 'approve'
      expect((await call(head.participant, '/positions', { kind })).status).toBe(201)
    }
    await json(call(CHAIR, '/silence', { deadline: inHostTime(2_500) }), 201)
    expect((await stage('adopted')).status).toBe(409)
    let silence: { state: string; passedAt?: string } = { state: 'running' }
    for (let i = 0; i < 80 && !silence.passedAt; i++) {
      await sleep(100)
      silence = await json(call('minsk-head', '/silence'))
    }
    expect(silence).toMatchObject({ state: 'passed', passedAt: expect.any(String) })
    expect(await grid()).toMatchObject({
      holds: true,
      counts: { silent: 2, pending: 0, 'approve-ad-ref': 1 },
    })
    const late = await call('minsk-head', '/positions', { kind: 'object', statement: 'Too late?' })
    expect(late.status).toBe(409)
    expect(await late.json()).toMatchObject({
      error: { message: expect.stringContaining('consensus holds') },
    })
  })

  it('adopts, collects signatures from the adopting delegations, and endorsements from a locality admitted later', async () => {
    expect((await stage('adopted')).status).toBe(200)
    for (const head of heads) expect((await call(head.participant, '/signatures', {})).status).toBe(201)
    const signatures = await json<{ delegation: string; position: string; hash: string }[]>(
      call('osaka-drafter', '/signatures'),
    )
    expect(signatures).toHaveLength(25)
    expect(new Set(signatures.map((s) => s.hash)).size).toBe(1)
    expect(signatures.find((s) => s.delegation === 'minsk')?.position).toBe('silent')

    expect((await call('osaka-head', '/api/delegations', { name: 'Lyon', country: 'France' })).status).toBe(
      403,
    )
    const lyon = await json<{ id: string; invitations: Invitation[] }>(
      call('secretariat-officer', '/api/delegations', { name: 'Lyon', country: 'France' }),
      201,
    )
    invites = [...invites, ...lyon.invitations.map((i) => ({ ...i, delegation: lyon.id }) as Invitation)]
    expect(lyon.id).toBe('lyon')
    expect((await call('lyon-head', '/signatures', {})).status).toBe(409)
    expect((await call('osaka-head', '/endorsements', {})).status).toBe(409)
    expect((await call('lyon-drafter', '/endorsements', {})).status).toBe(403)
    expect((await call('lyon-head', '/endorsements', {})).status).toBe(201)
    expect((await call('lyon-head', '/endorsements', {})).status).toBe(409)

    expect((await stage('signed')).status).toBe(200)
    await json(call('secretariat-officer', '/api/delegations', { name: 'Đà Nẵng', country: 'Viet Nam' }), 201)
    invites = invitations(accord.dataDir)
    expect((await call('da-nang-head', '/endorsements', {})).status).toBe(201)
    const endorsements = await json<{ delegation: string; hash: string }[]>(
      call('osaka-drafter', '/endorsements'),
    )
    expect(endorsements.map((e) => e.delegation)).toEqual(['lyon', 'da-nang'])
    expect(endorsements[0]!.hash).toBe(signatures[0]!.hash)
  })

  it('keeps the whole story in an unbroken audit chain', async () => {
    const verify = await fetch(`${accord.url}/api/audit/verify`, {
      headers: { Authorization: `Bearer ${invitationOf(invites, 'osaka-drafter').token}` },
    })
    expect(await verify.json()).toMatchObject({ ok: true })
    const actions = (await json<{ action: string }[]>(call(CHAIR, '/audit'))).map((e) => e.action)
    for (const action of ['set silence deadline', 'break silence', 'silence passed', 'sign', 'endorse'])
      expect(actions).toContain(action)
  })

  it('exports the log signed, checked offline; and sees its newest entries removed, 1 and then 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-audit-'))
    const accordCommand = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })
    try {
      writeFileSync(join(dir, 'key.pem'), await (await fetch(`${accord.url}/api/signing-key`)).text())
      const exported = join(dir, 'audit.json')
      expect(accordCommand('audit', 'export', '--out', exported, '--data', accord.dataDir).status).toBe(0)
      const offline = accordCommand('audit', 'verify', '--file', exported, '--key', join(dir, 'key.pem'))
      expect(offline.stdout).toMatch(/^audit export valid: \d+ entries, exported /)
      expect(offline.status).toBe(0)
      // One word changed in the exported file: the signature no longer matches.
      const doctored = join(dir, 'doctored.json')
      writeFileSync(doctored, readFileSync(exported, 'utf8').replace('"sign"', '"sigh"'))
      const refused = accordCommand('audit', 'verify', '--file', doctored, '--key', join(dir, 'key.pem'))
      expect(refused.status).toBe(1)
      expect(refused.stdout).toContain('audit export NOT VALID: the signature does not match')

      const intact = accordCommand('audit', 'verify', '--data', accord.dataDir)
      expect(intact.stdout).toMatch(
        /^audit log intact: (\d+) entries, anchored in \d+ documents up to entry \1\n$/,
      )
      const removeNewest = (count: number) => {
        const db = new Database(join(accord.dataDir, 'accord.sqlite'))
        db.prepare('DELETE FROM audit_log WHERE seq > (SELECT max(seq) FROM audit_log) - ?').run(count)
        db.close()
      }
      for (const removed of [1, 2]) {
        removeNewest(removed)
        const broken = accordCommand('audit', 'verify', '--data', accord.dataDir)
        expect(broken.status).toBe(1)
        expect(broken.stdout).toMatch(
          /^audit log BROKEN: document closing-statement records entry \d+, but the log ends at entry \d+: its newest entries were removed\n$/,
        )
        const api = (await (
          await fetch(`${accord.url}/api/audit/verify`, {
            headers: { Authorization: `Bearer ${invitationOf(invites, 'osaka-drafter').token}` },
          })
        ).json()) as { ok: boolean; reason: string }
        expect(api.ok).toBe(false)
        expect(api.reason).toContain('its newest entries were removed')
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a silence deadline across a restart', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const call = apiAs(
    () => accord,
    () => invites,
  )

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await call(CHAIR, '/stage', { stage: 'negotiation' })).status).toBe(200)
    expect((await call(CHAIR, '/stage', { stage: 'consensus-call' })).status).toBe(200)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  const restart = async (signal: NodeJS.Signals) => {
    await accord.kill(signal)
    accord = await startAccord({ dataDir: accord.dataDir })
  }
  const silenceNow = async () =>
    (await (await call('osaka-head', '/silence')).json()) as { state: string; passedAt?: string }

  it('fires after a restart when the deadline is still ahead', async () => {
    expect((await call(CHAIR, '/silence', { deadline: inHostTime(3_000) })).status).toBe(201)
    await restart('SIGKILL')
    expect(await silenceNow()).toMatchObject({ state: 'running' })
    let silence = await silenceNow()
    for (let i = 0; i < 80 && !silence.passedAt; i++) {
      await sleep(100)
      silence = await silenceNow()
    }
    expect(silence).toMatchObject({ state: 'passed', passedAt: expect.any(String) })
    const grid = (await (await call('osaka-head', '/consensus')).json()) as Consensus
    expect(grid).toMatchObject({ holds: true, counts: { silent: 25 } })
  })

  it('is recorded on start when the deadline passed while the server was down', async () => {
    expect((await call(CHAIR, '/stage', { stage: 'negotiation' })).status).toBe(200)
    expect((await call(CHAIR, '/stage', { stage: 'consensus-call' })).status).toBe(200)
    expect((await call('osaka-head', '/positions', { kind: 'approve' })).status).toBe(201)
    expect((await call(CHAIR, '/silence', { deadline: inHostTime(1_500) })).status).toBe(201)
    await accord.kill('SIGTERM')
    await sleep(2_000)
    accord = await startAccord({ dataDir: accord.dataDir })
    // Consensus holds from the record and the clock alone; the start-up also records the passing.
    expect(await silenceNow()).toMatchObject({ state: 'passed' })
    let silence = await silenceNow()
    for (let i = 0; i < 50 && !silence.passedAt; i++) {
      await sleep(100)
      silence = await silenceNow()
    }
    expect(silence.passedAt).toEqual(expect.any(String))
    const audit = (await (await call(CHAIR, '/audit')).json()) as { action: string }[]
    expect(audit.filter((e) => e.action === 'silence passed')).toHaveLength(2)
    expect((await call(CHAIR, '/stage', { stage: 'adopted' })).status).toBe(200)
  })
})
