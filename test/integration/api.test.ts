import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import type { Invitation } from '../../server/invites.js'

describe('the HTTP API', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const api = (path: string, init: RequestInit = {}) => fetch(`${accord.url}${path}`, init)
  const bearer = (participant: string) => ({
    Authorization: `Bearer ${invitationOf(invites, participant).token}`,
  })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
  })
  afterAll(async () => {
    await accord.kill()
    removeDataDir(accord.dataDir)
  })

  it('is ready at /healthz', async () => {
    expect((await api('/healthz')).status).toBe(200)
  })

  it('gives any participant the list of participants — names, functions, delegations, roles — and nothing more', async () => {
    const response = await api('/api/participants', { headers: bearer('osaka-drafter') })
    expect(response.status).toBe(200)
    const list = (await response.json()) as Record<string, unknown>[]
    expect(list).toHaveLength(invites.length)
    expect(list).toContainEqual({
      id: 'osaka-drafter',
      name: 'Drafter',
      function: '',
      delegation: 'osaka',
      role: 'drafter',
    })
    for (const entry of list)
      expect(Object.keys(entry).sort()).toEqual(['delegation', 'function', 'id', 'name', 'role'])
    expect((await api('/api/participants')).status).toBe(401)
  })

  it('lists one invitation per participant: secretariat, chair, a head and a drafter per delegation, observers', () => {
    expect(invites).toHaveLength(1 + 2 + 24 * 2 + 2)
    const roles = invites.map((i) => i.role)
    expect(roles.filter((r) => r === 'chair')).toHaveLength(1)
    expect(roles.filter((r) => r === 'secretariat')).toHaveLength(1)
    expect(roles.filter((r) => r === 'head')).toHaveLength(24)
    expect(roles.filter((r) => r === 'observer')).toHaveLength(2)
    for (const invite of invites) {
      expect(Object.keys(invite).sort()).toEqual([
        'delegation',
        'delegationName',
        'email',
        'function',
        'name',
        'participant',
        'role',
        'token',
        'url',
      ])
      expect(invite.url).toBe(`http://localhost:8787/join#token=${invite.token}`)
    }
  })

  it('logs a participant in with an invitation token and keeps them in with the session cookie', async () => {
    const response = await api('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: invitationOf(invites, 'osaka-head').token }),
    })
    expect(response.status).toBe(200)
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/accord_session=[^;]+;.*HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const me = await api('/api/me', { headers: { Cookie: cookie.split(';')[0]! } })
    expect(await me.json()).toMatchObject({
      participant: 'osaka-head',
      name: 'Head of delegation',
      delegation: 'osaka',
      delegationName: 'Osaka',
      role: 'head',
    })
  })

  it('accepts the invitation token as a bearer token on every call', async () => {
    const me = await api('/api/me', { headers: bearer('ho-chi-minh-city-chair') })
    expect(await me.json()).toMatchObject({ role: 'chair', delegationName: 'Ho Chi Minh City' })
    const documents = await api('/api/documents', { headers: bearer('ho-chi-minh-city-chair') })
    expect(await documents.json()).toEqual([
      {
        id: 'closing-statement',
        title: 'Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022',
        stage: 'draft',
      },
    ])
  })

  it('answers bad or missing credentials with 401 and a JSON error', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer nope' },
      { Authorization: 'Basic abc' },
      { Cookie: 'accord_session=forged' },
    ]
    for (const headers of attempts) {
      const response = await api('/api/me', { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } })
    }
    const login = await api('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: 'not-a-token' }),
    })
    expect(login.status).toBe(401)
  })

  it('validates input: wrong content type, malformed JSON, missing or oversized fields', async () => {
    const post = (body: string, type = 'application/json') =>
      api('/api/session', { method: 'POST', headers: { 'Content-Type': type }, body })
    expect((await post('{"token":"x"}', 'text/plain')).status).toBe(415)
    expect((await post('{nope')).status).toBe(400)
    expect((await post('[]')).status).toBe(400)
    expect((await post('{}')).status).toBe(400)
    expect((await post(JSON.stringify({ token: 'x'.repeat(201) }))).status).toBe(400)
    expect((await post(JSON.stringify({ token: 'x'.repeat(70_000) }))).status).toBe(413)
    const error = await (await post('{}')).json()
    expect(error).toEqual({ error: { code: 'bad_request', message: expect.stringContaining('token') } })
  })

  it('holds every JSON body to its documented schema: a 400 naming the field, and nothing changes', async () => {
    const chair = { ...bearer('ho-chi-minh-city-chair'), 'Content-Type': 'application/json' }
    // Who may act is settled before a body is read: admitting a delegation is the secretariat's.
    const secretariat = { ...bearer('secretariat-officer'), 'Content-Type': 'application/json' }
    const d = '/api/documents/closing-statement'
    const auditBefore = await (await api(`${d}/audit`, { headers: chair })).text()
    const textBefore = await (await api(`${d}/text`, { headers: chair })).text()
    const deep = '['.repeat(10_000) + ']'.repeat(10_000)
    const hostile: [string, string, Record<string, unknown> | string, RegExp][] = [
      [`${d}/stage`, 'POST', { stage: 'adopted-by-acclamation' }, /"stage"/],
      [`${d}/stage`, 'POST', { stage: 'negotiation', onclick: 'x' }, /unknown field "onclick"/],
      [`${d}/stage`, 'POST', { stage: 'negotiation', deferThreads: [1, 2] }, /"deferThreads.0"/],
      [`${d}/paragraphs/op-1/status`, 'POST', { status: { $ne: 'open' } }, /"status"/],
      [`${d}/positions`, 'POST', { kind: 'approve', paragraphs: ['<img src=x>'] }, /"paragraphs.0"/],
      [`${d}/positions`, 'POST', { kind: 'approve', statement: 'x'.repeat(4001) }, /"statement"/],
      [`${d}/silence`, 'POST', { deadline: 17 }, /"deadline"/],
      [`${d}/revisions`, 'POST', { name: '   ' }, /"name"/],
      [`${d}/suggestions/accept`, 'POST', { delegation: ['tokyo'] }, /"delegation"/],
      [`${d}/suggestions/reject`, 'POST', { suggestions: 'all' }, /"suggestions"/],
      [
        `${d}/threads`,
        'POST',
        { startBlock: 'op-1', startOffset: -1, endBlock: 'op-1', endOffset: 2, text: 'x' },
        /"startOffset"/,
      ],
      [
        `${d}/threads`,
        'POST',
        `{"startBlock":"op-1","startOffset":0,"endBlock":"op-1","endOffset":2,"text":${deep}}`,
        /"text"/,
      ],
      [
        `${d}/brackets`,
        'POST',
        { block: 'op-1', startOffset: 5, endOffset: 5 },
        /"endOffset": must be a non-empty range/,
      ],
      [`${d}/brackets/b-1/pick`, 'POST', { alt: 1.5 }, /"alt"/],
      ['/api/delegations', 'POST', { name: 'Huế', country: '' }, /"country"/],
    ]
    for (const [path, method, body, problem] of hostile) {
      const response = await api(path, {
        method,
        headers: path === '/api/delegations' ? secretariat : chair,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
      expect(response.status, `${method} ${path}`).toBe(400)
      const { error } = (await response.json()) as { error: { code: string; message: string } }
      expect(error.code).toBe('bad_request')
      expect(error.message, `${method} ${path}`).toMatch(problem)
    }
    expect(await (await api(`${d}/audit`, { headers: chair })).text()).toBe(auditBefore)
    expect(await (await api(`${d}/text`, { headers: chair })).text()).toBe(textBefore)
    // …and each of those bodies is described, from the same schema, in the OpenAPI document.
    const spec = (await (await api('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >
    }
    const stage =
      spec.paths['/api/documents/{id}/stage']!.post!.requestBody!.content['application/json']!.schema
    expect(stage).toMatchObject({ additionalProperties: false, required: ['stage'] })
  })

  it('refuses cross-site state-changing requests', async () => {
    const response = await api('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ token: invitationOf(invites, 'osaka-head').token }),
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('issues tickets only for documents of the caller\u2019s conference', async () => {
    const ok = await api('/api/documents/closing-statement/ticket', {
      method: 'POST',
      headers: bearer('osaka-drafter'),
    })
    expect(ok.status).toBe(200)
    expect((await ok.json()).ticket).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    const missing = await api('/api/documents/nothing-here/ticket', {
      method: 'POST',
      headers: bearer('osaka-drafter'),
    })
    expect(missing.status).toBe(404)
  })

  it('lists the delegations of the conference with their colours', async () => {
    const delegations = (await (
      await api('/api/delegations', { headers: bearer('osaka-drafter') })
    ).json()) as {
      id: string
      kind: string
      colour: string
    }[]
    expect(delegations.filter((d) => d.kind === 'member')).toHaveLength(25)
    expect(delegations.find((d) => d.id === 'osaka')?.colour).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('lets only the chair change the stage, only between draft and negotiation for now', async () => {
    const move = (participant: string, body: unknown) =>
      api('/api/documents/closing-statement/stage', {
        method: 'POST',
        headers: { ...bearer(participant), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    for (const participant of ['osaka-drafter', 'osaka-head', 'secretariat-officer']) {
      const refused = await move(participant, { stage: 'negotiation' })
      expect(refused.status).toBe(403)
      expect((await refused.json()).error.code).toBe('forbidden')
    }
    expect((await move('ho-chi-minh-city-chair', { stage: 'finished' })).status).toBe(400)
    expect((await move('ho-chi-minh-city-chair', { stage: 'adopted' })).status).toBe(409)
    const moved = await move('ho-chi-minh-city-chair', { stage: 'negotiation' })
    expect(await moved.json()).toEqual({ id: 'closing-statement', stage: 'negotiation' })
    const listed = await (await api('/api/documents', { headers: bearer('osaka-drafter') })).json()
    expect(listed[0].stage).toBe('negotiation')
    expect((await move('ho-chi-minh-city-chair', { stage: 'negotiation' })).status).toBe(409)
    expect((await move('ho-chi-minh-city-chair', { stage: 'draft' })).status).toBe(200)
  })

  it('publishes an OpenAPI document describing every route', async () => {
    const spec = (await (await api('/api/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, unknown>
    }
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/api/audit/verify',
        '/api/conference',
        '/api/delegations',
        '/api/delegations/{id}',
        '/api/documents',
        '/api/documents/{id}/audit',
        '/api/documents/{id}/brackets',
        '/api/documents/{id}/brackets/{bracket}/alternatives',
        '/api/documents/{id}/brackets/{bracket}/alternatives/{alt}/back',
        '/api/documents/{id}/brackets/{bracket}/{action}',
        '/api/documents/{id}/notes/ticket',
        '/api/documents/{id}/clearances',
        '/api/documents/{id}/consensus',
        '/api/documents/{id}/paragraphs/{paragraph}/clearance',
        '/api/documents/{id}/paragraphs/{paragraph}/status',
        '/api/documents/{id}/positions',
        '/api/documents/{id}/redline',
        '/api/documents/{id}/revisions',
        '/api/documents/{id}/signatures',
        '/api/documents/{id}/signatures/options',
        '/api/documents/{id}/floor',
        '/api/documents/{id}/speakers',
        '/api/documents/{id}/speakers/turn',
        '/api/documents/{id}/speakers/{request}',
        '/api/participants/screens',
        '/api/documents/{id}/compilation',
        '/api/documents/{id}/compilation.docx',
        '/api/documents/{id}/compilation.pdf',
        '/api/documents/{id}/suggestions/{suggestion}/support',
        '/api/passkeys',
        '/api/passkeys/options',
        '/api/documents/{id}/endorsements',
        '/api/documents/{id}/endorsements/options',
        '/api/documents/{id}/silence',
        '/api/documents/{id}/pdf',
        '/api/documents/{id}/import',
        '/api/documents/{id}/docx',
        '/api/signing-key',
        '/api/documents/{id}/revisions/{seq}',
        '/api/documents/{id}/stage',
        '/api/documents/{id}/suggestions',
        '/api/documents/{id}/suggestions/{action}',
        '/api/documents/{id}/suggestions/{suggestion}/{action}',
        '/api/documents/{id}/text',
        '/api/documents/{id}/threads',
        '/api/documents/{id}/threads/{thread}/messages',
        '/api/documents/{id}/threads/{thread}/messages/{message}',
        '/api/documents/{id}/threads/{thread}/{action}',
        '/api/documents/{id}/ticket',
        '/api/me',
        '/api/session',
        '/api/roster',
        '/api/roster/preview',
        '/api/roster/import',
        '/api/invitations',
        '/api/participants',
        '/api/participants/{id}',
        '/api/participants/{id}/invitation',
        '/healthz',
      ].sort(),
    )
  })

  it('sends security headers with a Content Security Policy', async () => {
    const response = await api('/healthz')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves the editor for application paths and JSON errors for unknown API paths', async () => {
    const page = await api('/documents/closing-statement')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app"')
    const unknown = await api('/api/nothing', { headers: bearer('osaka-drafter') })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('not_found')
  })
})
