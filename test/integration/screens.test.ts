/**
 * The room's screen (meeting mode): the secretariat adds one, and only the secretariat; its invitation signs in a
 * participant the page knows as the screen (`/api/me`), with an observer's rights — it may read the text and the
 * speakers' list, and change nothing, over the API or the socket.
 */
import type * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import { BODY } from '../../workflows/document/format.js'
import {
  apiAs,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { connect, until } from '../helpers/yjs-clients.js'

describe("the room's screen", () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const call = apiAs(
    () => accord,
    () => invites,
  )

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    expect((await call('ho-chi-minh-city-chair', '/stage', { stage: 'negotiation' })).status).toBe(200)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('is added by the secretariat alone, and reads without changing anything', async () => {
    expect((await call('osaka-head', '/api/participants/screens', {})).status).toBe(403)
    expect((await call('secretariat-officer', '/api/participants/screens', { name: '' })).status).toBe(400)
    const added = await call('secretariat-officer', '/api/participants/screens', { name: 'Main hall screen' })
    expect(added.status).toBe(201)
    const { url } = (await added.json()) as { url: string }
    const token = new URL(url).hash.replace(/^#token=/, '')
    const bearer = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    const me = (await (await fetch(`${accord.url}/api/me`, { headers: bearer })).json()) as Record<
      string,
      unknown
    >
    expect(me).toMatchObject({ name: 'Main hall screen', role: 'observer', screen: true })
    const speakers = await fetch(`${accord.url}/api/documents/closing-statement/speakers`, {
      headers: bearer,
    })
    expect(speakers.status).toBe(200)
    const asked = await fetch(`${accord.url}/api/documents/closing-statement/speakers`, {
      method: 'POST',
      headers: bearer,
      body: '{}',
    })
    expect(asked.status).toBe(403)
    // Over the socket: anything it writes is refused and changes nothing.
    const screen = await connect(accord.url, token)
    try {
      const first = screen.doc.getXmlFragment(BODY).get(1) as Y.XmlElement
      screen.doc.transact(() => (first.get(0) as Y.XmlText).insert(0, 'Screen wrote this. '))
      await until(() => screen.closes.length > 0, 'the screen is refused')
      expect(screen.closes[0]!.reason).toMatch(/read-only/)
    } finally {
      screen.destroy()
    }
    const text = await (await call('osaka-head', '/text')).text()
    expect(text).not.toContain('Screen wrote this')
  })
})
