import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import { connect, paragraphXmlText, suggestionMark, until, type Client } from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import type { Invitation } from '../../server/invites.js'
import * as Y from 'yjs'

const statusIn = (client: Client, id: string) =>
  (
    client.doc
      .getXmlFragment(BODY)
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id) as Y.XmlElement
  ).getAttribute('status') ?? 'open'

describe('paragraph status', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watcher: Client
  const token = (participant: string) => invitationOf(invites, participant).token
  const call = (participant: string, path: string, body: unknown) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const setStatus = (participant: string, paragraph: string, status: string) =>
    call(participant, `/paragraphs/${paragraph}/status`, { status })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    watcher = await connect(accord.url, token('bangkok-head'))
  })
  afterAll(async () => {
    watcher?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('is set by the chair and reaches every client live; others are refused', async () => {
    expect((await setStatus('ho-chi-minh-city-chair', 'op-friendship', 'agreed')).status).toBe(200)
    await until(() => statusIn(watcher, 'op-friendship') === 'agreed', 'status relayed')
    for (const participant of ['osaka-drafter', 'osaka-head', 'secretariat-officer']) {
      expect((await setStatus(participant, 'op-friendship', 'open')).status).toBe(403)
    }
    expect((await setStatus('ho-chi-minh-city-chair', 'op-friendship', 'agreed')).status).toBe(409)
    expect((await setStatus('ho-chi-minh-city-chair', 'op-friendship', 'settled')).status).toBe(400)
    expect((await setStatus('ho-chi-minh-city-chair', 'op-nowhere', 'agreed')).status).toBe(404)
  })

  it('cannot be written by a client, not even a direct editor', async () => {
    const secretariat = await RawClient.connect(accord.url, token('secretariat-officer'))
    secretariat.change((doc) => {
      const p = doc
        .getXmlFragment(BODY)
        .toArray()
        .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === 'op-health') as Y.XmlElement
      p.setAttribute('status', 'agreed')
    })
    expect(await secretariat.waitForClose()).toMatchObject({ code: 4403, reason: /status/ })
    expect(statusIn(watcher, 'op-health')).toBe('open')
  })

  it('goes back to open when a direct edit changes an agreed paragraph', async () => {
    expect((await setStatus('ho-chi-minh-city-chair', 'op-health', 'agreed-ad-ref')).status).toBe(200)
    await until(() => statusIn(watcher, 'op-health') === 'agreed-ad-ref', 'ad ref relayed')
    const secretariat = await RawClient.connect(accord.url, token('secretariat-officer'))
    secretariat.change((doc) => paragraphXmlText(doc, 'op-health').insert(0, 'Also '))
    await until(() => statusIn(watcher, 'op-health') === 'open', 'reopened after the edit')
  })

  it('stays agreed while suggestions are only proposed, and goes back to open when one is accepted', async () => {
    expect((await call('ho-chi-minh-city-chair', '/stage', { stage: 'negotiation' })).status).toBe(200)
    expect((await setStatus('ho-chi-minh-city-chair', 'op-climate', 'agreed')).status).toBe(200)
    const osaka = await RawClient.connect(accord.url, token('osaka-drafter'))
    osaka.change((doc) =>
      paragraphXmlText(doc, 'op-climate').insert(
        0,
        'Jointly ',
        suggestionMark('insertion', { delegation: 'osaka', participant: 'osaka-drafter' }, 'st1'),
      ),
    )
    await until(
      () => JSON.stringify(watcher.doc.getXmlFragment(BODY).toJSON()).includes('Jointly'),
      'suggestion relayed',
    )
    expect(statusIn(watcher, 'op-climate')).toBe('agreed')
    expect((await call('ho-chi-minh-city-chair', '/suggestions/st1/accept', {})).status).toBe(200)
    await until(() => statusIn(watcher, 'op-climate') === 'open', 'reopened after acceptance')
    const audit = (await (
      await fetch(`${accord.url}/api/documents/closing-statement/audit`, {
        headers: { Authorization: `Bearer ${token('osaka-drafter')}` },
      })
    ).json()) as { action: string }[]
    expect(audit.filter((e) => e.action === 'set paragraph status').length).toBe(3)
  })
})
