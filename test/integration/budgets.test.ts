/**
 * Hostile traffic is bounded (issue 14): a participant whose updates keep being refused, and an address that keeps
 * presenting bad tokens, are answered 429 with Retry-After once their budget is spent — and nobody else is.
 * Also: the session cookie is Secure behind a TLS proxy (--public-url https://…), and presence carries only what
 * the server stamped and a well-formed caret.
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
import { connect, paragraphXmlText, until, type Client } from '../helpers/yjs-clients.js'
import type { Invitation } from '../../server/invites.js'

describe('budgets for refused attempts', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const token = (participant: string) => invitationOf(invites, participant).token
  const ticket = (participant: string) =>
    fetch(`${accord.url}/api/documents/closing-statement/ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(participant)}` },
    })

  beforeAll(async () => {
    accord = await startAccord({
      args: ['--public-url', 'https://accord.example.org'],
      env: {
        ACCORD_LIMIT_MAX_REFUSED_UPDATES_PER_PARTICIPANT: '3',
        ACCORD_LIMIT_MAX_FAILED_LOGINS_PER_ADDRESS: '5',
      },
    })
    invites = invitations(accord.dataDir)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('answers 429 with Retry-After to a participant whose updates keep being refused, and to no one else', async () => {
    for (let i = 0; i < 3; i++) {
      const attacker = await RawClient.connect(accord.url, token('osaka-drafter'))
      attacker.change((doc) => paragraphXmlText(doc, 'op-thanks').insert(0, `DIRECT-${i} `))
      expect((await attacker.waitForClose()).code).toBe(4403)
    }
    const refused = await ticket('osaka-drafter')
    expect(refused.status).toBe(429)
    const wait = Number(refused.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests')
    // Osaka's head, and every other delegation, connect and edit as before.
    expect((await ticket('osaka-head')).status).toBe(200)
    const leipzig = await connect(accord.url, token('leipzig-head'))
    expect(leipzig.provider.wsconnected).toBe(true)
    leipzig.destroy()
  })

  it('relays only the stamped user and a well-formed caret of a client’s presence', async () => {
    const watcher: Client = await connect(accord.url, token('manila-head'))
    const sender = await RawClient.connect(accord.url, token('rotterdam-head'))
    const anchor = { type: null, tname: 'body', item: null, assoc: 0 }
    sender.sendAwareness(4242, {
      user: { name: 'The Chair', role: 'chair' },
      name: 'The Chair',
      role: 'chair',
      cursor: { anchor, head: anchor },
    })
    await until(() => watcher.provider.awareness.getStates().has(4242), 'presence relayed')
    const state = watcher.provider.awareness.getStates().get(4242)!
    expect(Object.keys(state).sort()).toEqual(['cursor', 'user'])
    expect(state.user).toMatchObject({ participant: 'rotterdam-head', role: 'head' })
    sender.sendAwareness(4242, { cursor: { anchor: { evil: 1 }, head: anchor }, extra: 'x'.repeat(100) }, 2)
    await until(
      () => watcher.provider.awareness.getStates().get(4242)?.cursor === undefined,
      'bad caret dropped',
    )
    expect(Object.keys(watcher.provider.awareness.getStates().get(4242)!)).toEqual(['user'])
    sender.close()
    watcher.destroy()
  })

  it('answers 429 to an address that keeps presenting unknown tokens; real tokens and sessions keep working', async () => {
    const login = (value: string) =>
      fetch(`${accord.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: value }),
      })
    const signedIn = await login(token('bangkok-head'))
    expect(signedIn.status).toBe(200)
    const cookie = signedIn.headers.get('set-cookie')!
    // Behind the TLS proxy that --public-url names, the cookie is Secure although the request reached us in plain HTTP.
    expect(cookie).toMatch(/;\s*Secure/i)
    for (let i = 0; i < 5; i++) expect((await login(`guess-${i}`)).status).toBe(401)
    const blocked = await login('guess-more')
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    const bearer = await fetch(`${accord.url}/api/me`, { headers: { Authorization: 'Bearer guess-bearer' } })
    expect(bearer.status).toBe(429)
    // A delegate on the same Wi-Fi signing in with a real invitation is not locked out by the guesser.
    expect((await login(token('manila-head'))).status).toBe(200)
    const me = await fetch(`${accord.url}/api/me`, { headers: { Cookie: cookie.split(';')[0]! } })
    expect(me.status).toBe(200)
  })

  it('hands out links to the public address behind the proxy: a new delegation’s invitations, a screen’s', async () => {
    const asSecretariat = (path: string, body: unknown) =>
      fetch(`${accord.url}${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token('secretariat-officer')}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      })
    const admitted = await asSecretariat('/api/delegations', { name: 'Huế', country: 'Viet Nam' })
    expect(admitted.status).toBe(201)
    const { invitations: links } = (await admitted.json()) as { invitations: { url: string }[] }
    expect(links.length).toBeGreaterThan(0)
    for (const { url } of links) expect(url.startsWith('https://accord.example.org/')).toBe(true)
    const screen = await asSecretariat('/api/participants/screens', { name: 'Hall B screen' })
    expect(((await screen.json()) as { url: string }).url.startsWith('https://accord.example.org/')).toBe(
      true,
    )
  })
})
