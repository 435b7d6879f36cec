/**
 * A secretariat sets up its own conference next to the demo, from the command line and the API: the conference,
 * its roster from a CSV and an Excel file (previewed, refused as a whole when a row is bad, imported, imported again
 * without change), a document, invitations as CSV and as printable cards whose QR codes open the right link, and a
 * revoked link. The two conferences never see into each other: every documented route and the socket are tried
 * across them.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { OPENAPI } from '../../server/http/openapi.js'
import type { Invitation } from '../../server/invites.js'
import { writeRosterFile } from '../../server/roster/roster-file.js'
import {
  CLI,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'

const DEMO_DOCUMENT = 'closing-statement'
/** jsQR is CommonJS whose export is the function itself; its types describe an ES default export. */
const jsQR = jsQRModule as unknown as (
  data: Uint8ClampedArray,
  w: number,
  h: number,
) => { data: string } | null
const ROSTER = [
  'Delegation,Country,Participant name,Function,Role,E-mail',
  'Đà Nẵng,Việt Nam,Lê Văn Chủ,Chairman of the People’s Committee,chair,chair@danang.example',
  'Đà Nẵng,Việt Nam,Trần Thị Soạn,Drafter,drafter,',
  'Osaka,Japan,Yamada Taro,Deputy Mayor,Head of delegation,yamada@osaka.example',
  'Osaka,Japan,Suzuki Hanako,Officer,drafter,',
  'Владивосток,Россия,Иван Петров,Вице-мэр,head,ivan@vlad.example',
].join('\r\n')

describe('a conference of its own', () => {
  let accord: AccordProcess
  let conference: string
  let officerToken: string
  let own: Invitation[]
  let document: string

  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [CLI, ...args, '--data', accord.dataDir, '--public-url', accord.url], {
      encoding: 'utf8',
    })
  const call = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${accord.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    })
  const upload = (token: string, path: string, body: Uint8Array | string, type = 'text/csv') =>
    call(token, path, { method: 'POST', body: body as BodyInit, headers: { 'Content-Type': type } })
  const tokenOf = (participant: string) => own.find((i) => i.participant === participant)!.token

  beforeAll(async () => {
    accord = await startAccord()
    const created = cli(
      'conference',
      'create',
      '--name',
      'Da Nang Friendship Dialogue 2026',
      '--local-name',
      'Đối thoại Hữu nghị Đà Nẵng 2026',
      '--time-zone',
      'Asia/Ho_Chi_Minh',
      '--starts',
      '2026-12-10',
      '--ends',
      '2026-12-12',
    )
    conference = /created conference (\S+):/.exec(created)![1]!
    officerToken = /join#token=(\S+)/.exec(created)![1]!
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('refuses bad conference facts on the command line with the option named, and creates nothing', () => {
    const attempt = () =>
      cli('conference', 'create', '--name', 'X', '--time-zone', 'Mars/Olympus', '--starts', '2026-02-30')
    expect(attempt).toThrow(/--time-zone: an IANA time zone[\s\S]*--starts: not a calendar date/)
    expect(cli('conference', 'list').trim().split('\n')).toHaveLength(2)
  })

  it('previews a roster with a bad row, writes nothing, then imports the good file once', async () => {
    const bad = `${ROSTER}\r\nOsaka,Japan,=cmd|' /C calc'!A0,,drafter,\r\nKyoto,Japan,Someone,,minister,`
    const preview = await upload(officerToken, '/api/roster/preview', bad)
    expect(preview.status).toBe(200)
    const shown = (await preview.json()) as { problems: { rows: number[]; message: string }[] }
    expect(shown.problems.map((p) => p.rows)).toEqual([[7], [8]])
    const refused = await upload(officerToken, '/api/roster/import', bad)
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('roster_refused')
    expect(invitations(accord.dataDir, ['--conference', conference])).toHaveLength(1)

    // A 50 MB file is refused before it is read; a 6 MB one by the roster reader, with the limit named.
    const huge = await upload(officerToken, '/api/roster/import', new Uint8Array(50 * 1024 * 1024).fill(65))
    expect(huge.status).toBe(413)
    const large = await upload(officerToken, '/api/roster/preview', new Uint8Array(6 * 1024 * 1024).fill(65))
    expect([large.status, ((await large.json()) as { error: { message: string } }).error.message]).toEqual([
      400,
      'The file is 6.0 MB; a roster file can be at most 5 MB.',
    ])

    const imported = await upload(officerToken, '/api/roster/import', ROSTER)
    expect(imported.status).toBe(201)
    expect(await imported.json()).toMatchObject({ rows: 5, unchanged: 0 })
    const again = (await (await upload(officerToken, '/api/roster/import', ROSTER)).json()) as {
      unchanged: number
      createParticipants: unknown[]
    }
    expect([again.unchanged, again.createParticipants.length]).toEqual([5, 0])
    own = invitations(accord.dataDir, ['--conference', conference])
    expect(own.map((i) => i.name)).toEqual([
      'Secretariat officer',
      'Lê Văn Chủ',
      'Trần Thị Soạn',
      'Yamada Taro',
      'Suzuki Hanako',
      'Иван Петров',
    ])
  })

  it('takes a later Excel file that adds and updates, and gives the roster back in both formats', async () => {
    const lines = [
      {
        delegation: 'Osaka',
        country: 'Japan',
        name: 'Yamada Taro',
        function: 'Mayor',
        role: 'head',
        email: 'yamada@osaka.example',
      },
      {
        delegation: 'Thành phố Hồ Chí Minh',
        country: 'Việt Nam',
        name: 'Phan Văn Mãi',
        function: '',
        role: 'head',
        email: '',
      },
    ]
    const xlsx = await writeRosterFile(lines, 'xlsx')
    const result = await upload(
      officerToken,
      '/api/roster/import',
      xlsx,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(await result.json()).toMatchObject({ rows: 2, unchanged: 0 })
    const csv = await (await call(officerToken, '/api/roster?format=csv')).text()
    expect(csv).toContain('Osaka,Japan,Yamada Taro,Mayor,head,yamada@osaka.example')
    expect(csv).toContain('Thành phố Hồ Chí Minh,Việt Nam,Phan Văn Mãi,,head,')
    const back = await call(officerToken, '/api/roster?format=xlsx')
    expect(back.headers.get('content-type')).toContain('spreadsheetml')
    own = invitations(accord.dataDir, ['--conference', conference])
  })

  it('lets only the secretariat manage the roster, and the delegate of a new link work in the new document', async () => {
    const head = tokenOf(`${conference}.osaka-yamada-taro`)
    expect((await call(head, '/api/roster')).status).toBe(403)
    expect((await upload(head, '/api/roster/import', ROSTER)).status).toBe(403)
    expect((await call(head, '/api/invitations')).status).toBe(403)

    const created = await call(officerToken, '/api/documents', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Da Nang Declaration' }),
    })
    expect(created.status).toBe(201)
    document = ((await created.json()) as { id: string }).id
    expect(document).toBe(`${conference}.da-nang-declaration`)
    const listed = (await (await call(head, '/api/documents')).json()) as { id: string }[]
    expect(listed.map((d) => d.id)).toEqual([document])
    const me = (await (await call(head, '/api/me')).json()) as { name: string; delegationName: string }
    expect(me).toMatchObject({ name: 'Yamada Taro', delegationName: 'Osaka' })
  })

  it('never lets one conference reach into the other, on any documented route or the socket', async () => {
    const demoHead = invitations(accord.dataDir, ['--conference', 'hcmc-friendship-dialogue-2022']).find(
      (i) => i.participant === 'osaka-head',
    )!.token
    const ownHead = tokenOf(`${conference}.osaka-yamada-taro`)
    const crossings = [
      { token: ownHead, foreign: DEMO_DOCUMENT },
      { token: demoHead, foreign: document },
    ]
    // Another conference's document answers exactly as a document that does not exist.
    const answer = async (token: string, path: string, method: string) => {
      const response = await call(token, path, {
        method: method.toUpperCase(),
        headers: { 'Content-Type': 'application/json' },
        body: method === 'get' ? null : '{}',
      })
      return `${response.status} ${await response.text()}`
    }
    let tried = 0
    for (const { token, foreign } of crossings) {
      for (const [path, methods] of Object.entries(OPENAPI.paths)) {
        if (!path.startsWith('/api/documents/{id}')) continue
        const concrete = (id: string) =>
          path
            .replace('{id}', encodeURIComponent(id))
            .replace(/\{[a-z]+\}/g, (p) => (p === '{seq}' || p === '{alt}' ? '1' : 'x'))
        for (const method of Object.keys(methods)) {
          const missing = await answer(token, concrete('no-such-document'), method)
          const crossed = await answer(token, concrete(foreign), method)
          expect(
            crossed.replaceAll(encodeURIComponent(foreign), 'ID'),
            `${method} ${concrete(foreign)}`,
          ).toBe(missing.replaceAll('no-such-document', 'ID'))
          expect(crossed.slice(0, 3), `${method} ${concrete(foreign)}`).toMatch(/^4/)
          tried++
        }
      }
    }
    expect(tried).toBeGreaterThan(60)
    // A locality admitted later gets an id of its conference: both conferences may admit the same name.
    const admit = (token: string) =>
      call(token, '/api/delegations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Lyon', country: 'France' }),
      }).then(async (r) => [r.status, ((await r.json()) as { id: string }).id])
    const demoOfficer = invitations(accord.dataDir, ['--conference', 'hcmc-friendship-dialogue-2022']).find(
      (i) => i.role === 'secretariat',
    )!.token
    expect(await admit(officerToken)).toEqual([201, `${conference}.lyon`])
    expect(await admit(demoOfficer)).toEqual([201, 'lyon'])
    own = invitations(accord.dataDir, ['--conference', conference])
    // Lists name only one's own conference.
    const delegations = (await (await call(ownHead, '/api/delegations')).json()) as { id: string }[]
    expect(delegations.every((d) => d.id.startsWith(`${conference}.`))).toBe(true)
    const demoList = (await (await call(demoHead, '/api/documents')).json()) as { id: string }[]
    expect(demoList.map((d) => d.id)).toEqual([DEMO_DOCUMENT])
    const demoSecretariat = invitations(accord.dataDir, [
      '--conference',
      'hcmc-friendship-dialogue-2022',
    ]).find((i) => i.role === 'secretariat')!.token
    expect(
      (
        await call(demoSecretariat, `/api/participants/${conference}.osaka-yamada-taro/invitation`, {
          method: 'POST',
        })
      ).status,
    ).toBe(404)
    const demoInvitations = (await (await call(demoSecretariat, '/api/invitations')).json()) as Invitation[]
    expect(demoInvitations.some((i) => i.participant.startsWith(conference))).toBe(false)
    // A socket for another conference's document: no ticket is issued, and a made-up one opens nothing.
    expect((await call(ownHead, `/api/documents/${DEMO_DOCUMENT}/ticket`, { method: 'POST' })).status).toBe(
      404,
    )
    const socket = new WebSocket(
      `${accord.url.replace(/^http/, 'ws')}/collab/${DEMO_DOCUMENT}?ticket=made-up`,
    )
    const outcome = await new Promise<string>((resolve) => {
      socket.once('unexpected-response', (_request, response) => resolve(`refused ${response.statusCode}`))
      socket.once('open', () => resolve('opened'))
      socket.once('error', (error) => resolve(`error ${error.message}`))
    })
    expect(outcome).toMatch(/refused 40[13]/)
  })

  it('gives invitations as a CSV and as cards whose QR codes open each participant’s link', async () => {
    const bytes = new Uint8Array(
      await (await call(officerToken, '/api/invitations?format=csv')).arrayBuffer(),
    )
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the BOM, for Excel
    const csv = new TextDecoder().decode(bytes)
    expect(csv.split('\r\n')[0]).toBe(
      'Delegation,Participant name,Function,Role,E-mail,Participant id,Invitation link',
    )
    expect(csv).toContain(
      `Osaka,Yamada Taro,Mayor,head,yamada@osaka.example,${conference}.osaka-yamada-taro,`,
    )
    const pdf = await call(officerToken, '/api/invitations?format=pdf')
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const dir = mkdtempSync(join(tmpdir(), 'accord-cards-'))
    const file = join(dir, 'cards.pdf')
    execFileSync('sh', ['-c', `cat > ${file}`], { input: Buffer.from(await pdf.arrayBuffer()) })
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Иван Петров')
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', file, join(dir, 'page')])
    const page = PNG.sync.read(readFileSync(join(dir, 'page-1.png')))
    // The fourth card (second row, right): Yamada Taro's.
    const [w, h] = [Math.floor(page.width / 2), Math.floor(page.height / 4)]
    const card = new Uint8ClampedArray(w * h * 4)
    for (let y = 0; y < h; y++)
      card.set(
        page.data.subarray(((h + y) * page.width + w) * 4, ((h + y) * page.width + 2 * w) * 4),
        y * w * 4,
      )
    // The link points where the server is reached (the request's origin here; --public-url when set).
    const yamada = own.find((i) => i.name === 'Yamada Taro')!
    expect(jsQR(card, w, h)?.data).toBe(`${accord.url}/join#token=${yamada.token}`)
    removeDataDir(dir)
  })

  it('revokes a lost link: the old one and its sessions stop working, the new one works', async () => {
    const participant = `${conference}.osaka-yamada-taro`
    const old = tokenOf(participant)
    const signedIn = await fetch(`${accord.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: accord.url },
      body: JSON.stringify({ token: old }),
    })
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!
    expect((await fetch(`${accord.url}/api/me`, { headers: { Cookie: cookie } })).status).toBe(200)

    const revoked = await call(
      officerToken,
      `/api/participants/${encodeURIComponent(participant)}/invitation`,
      {
        method: 'POST',
      },
    )
    expect(revoked.status).toBe(200)
    const { token, url } = (await revoked.json()) as { token: string; url: string }
    expect(url).toBe(`${accord.url}/join#token=${token}`)
    expect((await fetch(`${accord.url}/api/me`, { headers: { Cookie: cookie } })).status).toBe(401)
    expect((await call(old, '/api/me')).status).toBe(401)
    expect((await call(token, '/api/me')).status).toBe(200)
    // The command line lists the new link, and revokes again the same way.
    expect(
      invitations(accord.dataDir, ['--conference', conference]).find((i) => i.participant === participant)!
        .token,
    ).toBe(token)
    const again = cli('invite', 'revoke', participant)
    expect(again).toMatch(/revoked the invitation of Yamada Taro/)
    expect((await call(token, '/api/me')).status).toBe(401)
  })

  it('keeps Chinese and Arabic names through import, sign-in and export; the cards name whom they cannot print', async () => {
    const more =
      'Delegation,Country,Participant name,Role\nShanghai,China,王小明,head\nDubai,UAE,محمد علي,head\n'
    expect((await upload(officerToken, '/api/roster/import', more)).status).toBe(201)
    own = invitations(accord.dataDir, ['--conference', conference])
    const me = await (await call(tokenOf(`${conference}.shanghai-participant`), '/api/me')).json()
    expect(me).toMatchObject({ name: '王小明', delegationName: 'Shanghai' })
    const roster = await (await call(officerToken, '/api/roster?format=csv')).text()
    expect(roster).toContain('Shanghai,China,王小明,,head,')
    expect(roster).toContain('Dubai,UAE,محمد علي,,head,')
    const cards = await call(officerToken, '/api/invitations?format=pdf')
    expect(cards.status).toBe(422)
    const { error } = (await cards.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('unsupported_characters')
    expect(error.message).toContain('王小明 of Shanghai')
    expect(error.message).toContain('محمد علي of Dubai')
  })

  it("adds, changes and removes one participant by the roster file's rules; a removed one is signed out for good", async () => {
    const json = (body: unknown) => ({
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    const added = await call(officerToken, '/api/participants', {
      method: 'POST',
      ...json({ delegation: 'Osaka', name: 'Kimura Ken', role: 'drafter', email: 'kimura@osaka.example' }),
    })
    expect(added.status).toBe(201)
    const { participant, url } = (await added.json()) as { participant: string; url: string }
    expect(participant).toBe(`${conference}.osaka-kimura-ken`)
    const token = url.split('#token=')[1]!
    expect((await call(token, '/api/me')).status).toBe(200)

    const refused = async (method: string, path: string, body?: unknown) => {
      const response = await call(officerToken, path, { method, ...(body ? json(body) : {}) })
      return `${response.status} ${((await response.json()) as { error: { message: string } }).error.message}`
    }
    // The same rules as a file: a duplicate, an unknown role, a formula, Osaka left without a head.
    expect(
      await refused('POST', '/api/participants', {
        delegation: 'osaka',
        name: 'KIMURA KEN',
        role: 'drafter',
      }),
    ).toMatch(/^422 .*appears 2 times/)
    expect(await refused('PATCH', `/api/participants/${participant}`, { role: 'minister' })).toMatch(
      /^422 The role "minister"/,
    )
    expect(await refused('PATCH', `/api/participants/${participant}`, { name: '=1+1' })).toMatch(
      /^422 .*spreadsheet formula/,
    )
    const yamada = `${conference}.osaka-yamada-taro`
    expect(await refused('DELETE', `/api/participants/${yamada}`)).toMatch(
      /^422 Osaka has no head of delegation/,
    )
    expect(await refused('PATCH', `/api/participants/${yamada}`, { role: 'drafter' })).toMatch(
      /^422 Osaka has no head/,
    )
    expect(await refused('DELETE', `/api/participants/${conference}.secretariat-officer`)).toMatch(/^403 /)
    expect(await refused('DELETE', '/api/participants/osaka-head')).toMatch(/^404 /)

    const renamed = await call(officerToken, `/api/participants/${participant}`, {
      method: 'PATCH',
      ...json({ name: 'Kimura Kenji', function: 'Adviser' }),
    })
    expect(renamed.status).toBe(200)
    expect(await (await call(token, '/api/me')).json()).toMatchObject({ name: 'Kimura Kenji' })

    expect((await call(officerToken, `/api/participants/${participant}`, { method: 'DELETE' })).status).toBe(
      204,
    )
    expect((await call(token, '/api/me')).status).toBe(401)
    const listed = (await (await call(officerToken, '/api/invitations')).json()) as Invitation[]
    expect(listed.some((i) => i.participant === participant)).toBe(false)
    // Listed again in a later file, the person comes back as a new participant with a new link.
    const again = await upload(
      officerToken,
      '/api/roster/import',
      'Delegation,Participant name,Role\nOsaka,Kimura Ken,drafter\n',
    )
    expect(((await again.json()) as { createParticipants: { id: string }[] }).createParticipants[0]!.id).toBe(
      `${conference}.osaka-kimura-ken-2`,
    )
  })

  it('lets the secretariat change the conference, rename a delegation and title a document in two languages', async () => {
    const patch = (token: string, path: string, body: unknown) =>
      call(token, path, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const head = tokenOf(`${conference}.osaka-yamada-taro`)
    expect((await patch(officerToken, '/api/conference', { hostTimeZone: 'Mars/Olympus' })).status).toBe(400)
    expect((await patch(officerToken, '/api/conference', { startsOn: '2026-12-20' })).status).toBe(400)
    expect((await patch(head, '/api/conference', { venue: 'Elsewhere' })).status).toBe(403)
    const changed = await patch(officerToken, '/api/conference', {
      venue: 'Ariyana Convention Centre',
      observersMayComment: true,
    })
    expect(changed.status).toBe(200)
    expect(await (await call(head, '/api/conference')).json()).toMatchObject({
      venue: 'Ariyana Convention Centre',
      observersMayComment: true,
      startsOn: '2026-12-10',
      languages: ['en', 'vi'],
    })
    // The languages the pages are offered in: known ones, each once, at least one.
    for (const languages of [[], ['fr'], ['vi', 'vi'], 'vi'])
      expect((await patch(officerToken, '/api/conference', { languages })).status).toBe(400)
    expect((await patch(officerToken, '/api/conference', { languages: ['vi', 'en'] })).status).toBe(200)
    expect(await (await call(head, '/api/conference')).json()).toMatchObject({ languages: ['vi', 'en'] })

    const osaka = `${conference}.osaka`
    expect((await patch(officerToken, `/api/delegations/${osaka}`, { name: 'Đà Nẵng' })).status).toBe(409)
    expect((await patch(officerToken, '/api/delegations/osaka', { name: 'Elsewhere' })).status).toBe(404)
    expect((await patch(head, `/api/delegations/${osaka}`, { name: 'Ōsaka' })).status).toBe(403)
    expect((await patch(officerToken, `/api/delegations/${osaka}`, { name: 'Ōsaka' })).status).toBe(200)
    expect(await (await call(head, '/api/me')).json()).toMatchObject({ delegationName: 'Ōsaka' })

    const create = (body: unknown) =>
      call(officerToken, '/api/documents', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await create({ title: 'Joint Communiqué', localTitle: 'Thông cáo chung' })).status).toBe(400)
    const made = await create({ title: 'Joint Communiqué', localTitle: 'Thông cáo chung', localLang: 'vi' })
    expect(made.status).toBe(201)
    const { id } = (await made.json()) as { id: string }
    const text = await (await call(head, `/api/documents/${encodeURIComponent(id)}/text`)).text()
    expect(text).toContain('Joint Communiqué')
    expect(text).toContain('Thông cáo chung')
  })

  it('does the same from the command line: roster export, a dry run, a refused file, a document', () => {
    expect(cli('roster', 'export', '--conference', conference)).toContain(
      'Ōsaka,Japan,Yamada Taro,Mayor,head',
    )
    const dir = mkdtempSync(join(tmpdir(), 'accord-cli-roster-'))
    const file = join(dir, 'roster.csv')
    execFileSync('sh', ['-c', `cat > ${file}`], {
      input: 'Delegation,Participant name,Role\nKyoto,Tanaka,head\n',
    })
    expect(cli('roster', 'import', file, '--conference', conference, '--dry-run')).toMatch(
      /Would import 1 rows: 1 new delegations, 1 new participants/,
    )
    execFileSync('sh', ['-c', `cat > ${file}`], {
      input: 'Delegation,Participant name,Role\nKyoto,Tanaka,minister\n',
    })
    let refused = ''
    try {
      cli('roster', 'import', file, '--conference', conference)
    } catch (error) {
      refused = String((error as { stdout?: string }).stdout)
    }
    expect(refused).toMatch(/1 problems; nothing was imported:\n {2}row 2: The role "minister"/)
    expect(cli('roster', 'export', '--conference', conference)).not.toContain('Kyoto')
    expect(cli('document', 'create', '--conference', conference, '--title', 'Annex')).toMatch(
      new RegExp(`created document ${conference}\\.annex`),
    )
    removeDataDir(dir)
  })
})
