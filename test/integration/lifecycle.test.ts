/**
 * The lifecycle up to the consensus call, revisions with their canonical hash, the plain-text export, and
 * the audit chain checked by the API and by `accord audit verify`.
 */
import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import { paragraphXmlText, suggestionMark } from '../helpers/yjs-clients.js'
import type { Invitation } from '../../server/invites.js'

const CLI = join(import.meta.dirname, '../../dist/server/cli.js')

describe('the lifecycle to the consensus call, revisions and the audit chain', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const token = (participant: string) => invitationOf(invites, participant).token
  const call = (participant: string, path: string, body?: unknown) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    })
  const chair = 'ho-chi-minh-city-chair'

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('exports the canonical text as UTF-8 plain text whose SHA-256 is the hash it announces', async () => {
    const response = await call('osaka-drafter', '/text')
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(response.headers.get('x-accord-hash'))
    const text = bytes.toString('utf8')
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022',
      'Tuyên bố chung của Đối thoại Hữu nghị Thành phố Hồ Chí Minh năm 2022',
      '',
    ])
    expect(text).toContain('\nOP12 Express their appreciation')
  })

  it('publishes the zero draft as an immutable revision with the canonical hash (secretariat or chair only)', async () => {
    expect((await call('osaka-head', '/revisions', {})).status).toBe(403)
    const published = await call('secretariat-officer', '/revisions', {})
    expect(published.status).toBe(201)
    const zero = (await published.json()) as { seq: number; name: string; hash: string }
    expect(zero).toMatchObject({ seq: 1, name: 'Zero draft' })
    expect(zero.hash).toBe((await call('osaka-drafter', '/text')).headers.get('x-accord-hash'))
    const full = (await (await call('osaka-drafter', '/revisions/1')).json()) as {
      paragraphs: { id: string; number: string }[]
    }
    expect(full.paragraphs[0]).toMatchObject({ id: 'pp-gathered', number: 'PP1' })
  })

  it('refuses the consensus call while suggestions, brackets or undeferred threads are open, and says how many', async () => {
    expect((await call(chair, '/stage', { stage: 'negotiation' })).status).toBe(200)
    const osaka = await RawClient.connect(accord.url, token('osaka-drafter'))
    osaka.change((doc) =>
      paragraphXmlText(doc, 'op-thanks').insert(
        0,
        'Warmly ',
        suggestionMark('insertion', { delegation: 'osaka', participant: 'osaka-drafter' }, 'lc1'),
      ),
    )
    await new Promise((r) => setTimeout(r, 200))
    const { bracket } = (await (
      await call('leipzig-head', '/brackets', { block: 'op-economy', startOffset: 10, endOffset: 16 })
    ).json()) as { bracket: string }
    const thread = (await (
      await call('minsk-head', '/threads', {
        startBlock: 'op-health',
        startOffset: 0,
        endBlock: 'op-health',
        endOffset: 6,
        text: 'Why?',
      })
    ).json()) as { id: string }
    const refused = await call(chair, '/stage', { stage: 'consensus-call' })
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.message).toBe(
      'The consensus call needs a settled text: 1 pending suggestions, 1 open brackets, 1 open threads not deferred.',
    )
    expect((await call(chair, '/suggestions/lc1/accept', {})).status).toBe(200)
    expect((await call(chair, `/brackets/${bracket}/remove`, {})).status).toBe(200)
    const deferred = await call(chair, '/stage', { stage: 'consensus-call', deferThreads: [thread.id] })
    expect(deferred.status).toBe(200)
  })

  it('freezes the text in the consensus call: no suggestion, no revision', async () => {
    const osaka = await RawClient.connect(accord.url, token('osaka-drafter'))
    osaka.change((doc) =>
      paragraphXmlText(doc, 'op-thanks').insert(
        0,
        'Late ',
        suggestionMark('insertion', { delegation: 'osaka', participant: 'osaka-drafter' }, 'lc2'),
      ),
    )
    expect((await osaka.waitForClose()).code).toBe(4403)
    expect((await call('secretariat-officer', '/revisions', {})).status).toBe(403)
  })

  it('lets the chair reopen negotiation and publish Rev.1', async () => {
    expect((await call(chair, '/stage', { stage: 'negotiation' })).status).toBe(200)
    const rev1 = await call(chair, '/revisions', {})
    expect(rev1.status, await rev1.clone().text()).toBe(201)
    const list = (await (await call('osaka-drafter', '/revisions')).json()) as {
      name: string
      hash: string
    }[]
    // The server kept the text put to the consensus call; people's revisions are numbered apart from it.
    expect(list.map((r) => r.name)).toEqual(['Zero draft', 'Text put to the consensus call', 'Rev.1'])
    expect(list[0]!.hash).not.toBe(list[2]!.hash)
  })

  it('gives a redline between two revisions: the accepted words appear as inserted', async () => {
    const diff = (await (await call('osaka-drafter', '/redline?from=1&to=3')).json()) as {
      from: string
      to: string
      paragraphs: { id: string; status: string; words: { kind: string; text: string }[] }[]
    }
    expect(diff).toMatchObject({ from: 'Zero draft', to: 'Rev.1' })
    const thanks = diff.paragraphs.find((p) => p.id === 'op-thanks')!
    expect(thanks.status).toBe('changed')
    expect(thanks.words.filter((w) => w.kind === 'inserted').map((w) => w.text.trim())).toEqual(['Warmly'])
    const live = (await (await call('osaka-drafter', '/redline?from=2')).json()) as {
      to: string
      paragraphs: { status: string }[]
    }
    expect(live.to).toBe('live text')
    expect(live.paragraphs.every((p) => p.status === 'unchanged')).toBe(true)
    expect((await call('osaka-drafter', '/redline?from=9')).status).toBe(400)
  })

  it('verifies the audit chain through the API and the command line, and names the first broken entry', async () => {
    const ok = (await (
      await fetch(`${accord.url}/api/audit/verify`, {
        headers: { Authorization: `Bearer ${token('osaka-drafter')}` },
      })
    ).json()) as {
      ok: boolean
      entries: number
    }
    expect(ok.ok).toBe(true)
    expect(ok.entries).toBeGreaterThanOrEqual(8)
    expect(
      execFileSync(process.execPath, [CLI, 'audit', 'verify', '--data', accord.dataDir], {
        encoding: 'utf8',
      }),
    ).toContain('audit log intact')

    const db = new Database(join(accord.dataDir, 'accord.sqlite'))
    db.prepare(
      "UPDATE audit_log SET details = replace(details, 'Zero draft', 'Zero draft!') WHERE seq = 1",
    ).run()
    db.close()
    let output = ''
    let status = 0
    try {
      execFileSync(process.execPath, [CLI, 'audit', 'verify', '--data', accord.dataDir], { encoding: 'utf8' })
    } catch (error) {
      status = (error as { status: number }).status
      output = (error as { stdout: string }).stdout
    }
    expect(status).toBe(1)
    expect(output).toBe('audit log BROKEN at entry 1: its contents do not match its hash\n')
    const broken = (await (
      await fetch(`${accord.url}/api/audit/verify`, {
        headers: { Authorization: `Bearer ${token('osaka-drafter')}` },
      })
    ).json()) as {
      ok: boolean
      firstBroken: number
    }
    expect(broken).toMatchObject({ ok: false, firstBroken: 1 })
  })
})
