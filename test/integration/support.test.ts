/**
 * Support for a pending proposal, and the compilation of proposals, over the API and real sockets: Osaka proposes words; Leipzig and Rotterdam support
 * them in one action each, and every client has the supporters at once, in order; Osaka cannot support its own, a
 * delegation cannot support twice, an observer not at all, an unknown proposal is not found; support is withdrawn;
 * every change is in the audit log; the suggestions list and the Word export of the text carry the supporters. Then Leipzig proposes other words at
 * the same place: the compilation of OP4 (JSON, Word, PDF) lists both proposals with proponents and supporters and
 * flags them as competing.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import { BODY } from '../../workflows/document/format.js'
import type { Support } from '../../workflows/meeting/support.js'
import {
  apiAs,
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { connect, proposeWords, until, type Client } from '../helpers/yjs-clients.js'

const PROPOSAL = 's-osaka-tourism'

describe('support for a proposal', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let osaka: Client
  let watcher: Client
  const call = apiAs(
    () => accord,
    () => invites,
  )
  const remove = (participant: string, path: string) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${invitationOf(invites, participant).token}` },
    })
  const supportSeen = () => (watcher.doc.getMap('workflow').get('support') as Support | undefined) ?? {}

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await call('ho-chi-minh-city-chair', '/stage', { stage: 'negotiation' })).status).toBe(200)
    osaka = await connect(accord.url, invitationOf(invites, 'osaka-drafter').token)
    watcher = await connect(
      accord.url,
      invitationOf(invites, 'ministry-of-foreign-affairs-of-viet-nam-observer').token,
    )
    proposeWords(osaka, {
      delegation: 'osaka',
      participant: 'osaka-drafter',
      id: PROPOSAL,
      paragraph: 'op-economy',
      words: 'Tourism: ',
    })
    await until(
      () => watcher.doc.getXmlFragment(BODY).toString().includes('Tourism: '),
      'the proposal reaches everyone',
    )
  })
  afterAll(async () => {
    osaka?.destroy()
    watcher?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lists supporters in order on every client, once each', async () => {
    const first = await call('leipzig-head', `/suggestions/${PROPOSAL}/support`, {})
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ suggestion: PROPOSAL, supporters: ['leipzig'] })
    expect((await call('rotterdam-drafter', `/suggestions/${PROPOSAL}/support`, {})).status).toBe(200)
    await until(() => supportSeen()[PROPOSAL]?.length === 2, 'the support reaches a client')
    expect(supportSeen()[PROPOSAL]!.map((s) => s.delegation)).toEqual(['leipzig', 'rotterdam'])
    const { suggestions } = (await (await call('osaka-head', '/suggestions')).json()) as {
      suggestions: { id: string; supporters: string[] }[]
    }
    expect(suggestions.find((s) => s.id === PROPOSAL)?.supporters).toEqual(['leipzig', 'rotterdam'])
  })

  it('refuses what the rules do not allow, and changes nothing', async () => {
    const refusals: [string, string, number][] = [
      ['leipzig-drafter', `/suggestions/${PROPOSAL}/support`, 409], // Leipzig supports it already
      ['osaka-head', `/suggestions/${PROPOSAL}/support`, 409], // its own
      ['ministry-of-foreign-affairs-of-viet-nam-observer', `/suggestions/${PROPOSAL}/support`, 403],
      ['secretariat-officer', `/suggestions/${PROPOSAL}/support`, 403],
      ['leipzig-head', '/suggestions/s-no-such/support', 404],
    ]
    for (const [who, path, status] of refusals)
      expect((await call(who, path, {})).status, `${who} ${path}`).toBe(status)
    expect((await remove('bangkok-head', `/suggestions/${PROPOSAL}/support`)).status).toBe(409)
    expect(supportSeen()[PROPOSAL]!.map((s) => s.delegation)).toEqual(['leipzig', 'rotterdam'])
  })

  it('withdraws support, and audits every change', async () => {
    expect((await remove('leipzig-head', `/suggestions/${PROPOSAL}/support`)).status).toBe(200)
    await until(() => supportSeen()[PROPOSAL]?.length === 1, 'the withdrawal reaches a client')
    const audit = (await (await call('ho-chi-minh-city-chair', '/audit')).json()) as {
      action: string
      actor: string
      details: { suggestion: string; delegation: string }
    }[]
    expect(
      audit
        .filter((e) => e.action.includes('support'))
        .map((e) => [e.action, e.actor, e.details.delegation, e.details.suggestion]),
    ).toEqual([
      ['support a proposal', 'leipzig-head', 'leipzig', PROPOSAL],
      ['support a proposal', 'rotterdam-drafter', 'rotterdam', PROPOSAL],
      ['withdraw support', 'leipzig-head', 'leipzig', PROPOSAL],
    ])
  })

  it('names the supporters with the proponent of a tracked change in the Word export of the text', async () => {
    const authors = async (lang: string) => {
      const bytes = await (await call('bangkok-head', `/docx?lang=${lang}`)).arrayBuffer()
      const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
      return [...xml.matchAll(/<w:ins [^>]*w:author="([^"]*)"[^>]*>(?:(?!<\/w:ins>).)*Tourism: /gs)].map(
        (m) => m[1],
      )
    }
    expect(await authors('en')).toEqual(['Osaka (supported by Rotterdam)'])
    expect(await authors('vi')).toEqual(['Osaka (được Rotterdam ủng hộ)'])
  })

  it('compiles OP4: both proposals, proponents, supporters and the conflict, as JSON, Word and PDF', async () => {
    const leipzig = await connect(accord.url, invitationOf(invites, 'leipzig-drafter').token)
    try {
      proposeWords(leipzig, {
        delegation: 'leipzig',
        participant: 'leipzig-drafter',
        id: 's-leipzig-trade',
        paragraph: 'op-economy',
        words: 'Trade: ',
      })
      await until(
        () => watcher.doc.getXmlFragment(BODY).toString().includes('Trade: '),
        'Leipzig’s words arrive',
      )
    } finally {
      leipzig.destroy()
    }
    const { paragraphs, summary } = (await (
      await call('bangkok-head', '/compilation?paragraph=op-economy')
    ).json()) as {
      paragraphs: {
        number: string
        text: string
        proposals: { id: string; delegation: string; supporters: string[]; conflicts: string[] }[]
      }[]
      summary: { proposals: number; conflicting: number }
    }
    expect(paragraphs).toHaveLength(1)
    expect(paragraphs[0]!.number).toBe('OP4')
    expect(paragraphs[0]!.text.startsWith('Commit')).toBe(true)
    expect(
      Object.fromEntries(
        paragraphs[0]!.proposals.map((p) => [p.id, [p.delegation, p.supporters, p.conflicts]]),
      ),
    ).toEqual({
      's-leipzig-trade': ['leipzig', [], [PROPOSAL]],
      [PROPOSAL]: ['osaka', ['rotterdam'], ['s-leipzig-trade']],
    })
    expect(summary).toEqual({ proposals: 2, conflicting: 2 })
    expect((await call('bangkok-head', '/compilation?paragraph=no-such')).status).toBe(404)
    const whole = (await (await call('bangkok-head', '/compilation')).json()) as { paragraphs: unknown[] }
    expect(whole.paragraphs.length).toBeGreaterThan(10)

    const docx = Buffer.from(
      await (await call('bangkok-head', '/compilation.docx?paragraph=op-economy')).arrayBuffer(),
    )
    const word = (await mammoth.extractRawText({ buffer: docx })).value
    expect(word).toContain('Compilation of proposals')
    expect(word).toContain('Osaka: add “Tourism:”')
    expect(word).toContain('supported by Rotterdam')
    // With the time it was proposed, on the host city's clock (Asia/Ho_Chi_Minh).
    expect(word).toMatch(/Leipzig: add “Trade:” \(\d+ \w+, \d\d:\d\d\)\s*— competes with \(\w\)/)

    const dir = mkdtempSync(join(tmpdir(), 'accord-compilation-'))
    try {
      const file = join(dir, 'compilation.pdf')
      const pdf = await call('bangkok-head', '/compilation.pdf?floor')
      expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
      writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      expect(text).toContain('Compilation of proposals')
      expect(text).toContain('Osaka: add “Tourism:”')
      expect(text).toContain('OP12') // no floor: the whole text
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
