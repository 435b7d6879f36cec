/**
 * The editor and the review on a large text: 600 paragraphs (about 100 pages), 300 pending suggestions of two
 * delegations and 50 threads. The chair accepts all of one delegation's suggestions from the panel. The times
 * are printed for the record (speed is measured, not asserted: see bench/ for figures).
 */
import * as Y from 'yjs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { launchChromium, openInvitation } from '../helpers/browser.js'
import { RawClient } from '../helpers/raw-client.js'
import { suggestionMark, until } from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import type { Invitation } from '../../server/invites.js'

const PARAGRAPHS = 600
const OSAKA_SUGGESTIONS = 200
const LEIPZIG_SUGGESTIONS = 100
const THREADS = 50
const SENTENCE =
  'The partner localities will exchange experience in urban management, public health, climate adaptation and digital public services, and report on progress at each Dialogue. '

describe('a large text in the browser', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  const token = (participant: string) => invitationOf(invites, participant).token

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    const secretariat = await RawClient.connect(accord.url, token('secretariat-officer'))
    secretariat.change((doc) => {
      const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => {
        const p = new Y.XmlElement('paragraph')
        p.setAttribute('id', `p-large${String(i).padStart(4, '0')}`)
        p.setAttribute('kind', 'operative')
        p.setAttribute('status', 'open')
        p.insert(0, [new Y.XmlText(`${i + 1}. ${SENTENCE.repeat(3)}`)])
        return p
      })
      doc.getXmlFragment(BODY).push(paragraphs)
    })
    // Stored and served: a second client receives the whole text before the secretariat leaves.
    const witness = await RawClient.connect(accord.url, token('rotterdam-head'))
    await until(() => witness.doc.getXmlFragment(BODY).length > PARAGRAPHS, 'large text served', 20_000)
    witness.close()
    expect(secretariat.closed).toBeNull()
    secretariat.close()
    await setStageAsChair(accord, invites, 'negotiation')
    const osaka = await RawClient.connect(accord.url, token('osaka-drafter'))
    await until(() => osaka.doc.getXmlFragment(BODY).length > PARAGRAPHS, 'osaka synced', 20_000)
    osaka.change((doc) => {
      const nodes = doc
        .getXmlFragment(BODY)
        .toArray()
        .filter((n) => n instanceof Y.XmlElement && String(n.getAttribute('id')).startsWith('p-large'))
      for (let i = 0; i < OSAKA_SUGGESTIONS; i++) {
        ;((nodes[i * 2] as Y.XmlElement).get(0) as Y.XmlText).insert(
          4,
          'jointly ',
          suggestionMark('insertion', { delegation: 'osaka', participant: 'osaka-drafter' }, `os-${i}`),
        )
      }
    })
    const leipzig = await RawClient.connect(accord.url, token('leipzig-head'))
    await until(() => leipzig.doc.getXmlFragment(BODY).length > PARAGRAPHS, 'leipzig synced')
    await new Promise((r) => setTimeout(r, 500))
    leipzig.change((doc) => {
      const nodes = doc
        .getXmlFragment(BODY)
        .toArray()
        .filter((n) => n instanceof Y.XmlElement && String(n.getAttribute('id')).startsWith('p-large'))
      for (let i = 0; i < LEIPZIG_SUGGESTIONS; i++) {
        ;((nodes[i * 2 + 1] as Y.XmlElement).get(0) as Y.XmlText).format(
          4,
          8,
          suggestionMark('deletion', { delegation: 'leipzig', participant: 'leipzig-head' }, `le-${i}`),
        )
      }
    })
    for (let i = 0; i < THREADS; i++) {
      const response = await fetch(`${accord.url}/api/documents/closing-statement/threads`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token('rotterdam-head')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          startBlock: `p-large${String(i * 10 + 5).padStart(4, '0')}`,
          startOffset: 4,
          endBlock: `p-large${String(i * 10 + 5).padStart(4, '0')}`,
          endOffset: 20,
          text: `Comment ${i}`,
        }),
      })
      expect(response.status).toBe(201)
    }
    osaka.close()
    leipzig.close()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets the chair accept all suggestions of one delegation at once on a 600-paragraph text', async () => {
    const opening = Date.now()
    const chair = await openInvitation(
      browser,
      invitationOf(invites, 'ho-chi-minh-city-chair').url.replace('http://localhost:8787', accord.url),
    )
    const panel = chair.locator('section.suggestions')
    await expect
      .poll(() => panel.locator('.panel-heading').textContent(), { timeout: 30_000 })
      .toBe(`Suggestions (${OSAKA_SUGGESTIONS + LEIPZIG_SUGGESTIONS})`)
    const opened = Date.now() - opening
    // The panel lists the first 50 and offers the rest page by page.
    const listed = () => chair.getByTestId('suggestions').locator('li[data-suggestion]').count()
    expect(await listed()).toBe(50)
    await panel.getByRole('button', { name: /^Show 50 more/ }).click()
    expect(await listed()).toBe(100)

    // A delegate types into the large text; the chair sees the words arrive.
    const delegate = await openInvitation(
      browser,
      invitationOf(invites, 'rotterdam-drafter').url.replace('http://localhost:8787', accord.url),
    )
    await delegate.locator('p[data-paragraph-id="p-large0300"]').click()
    await delegate.keyboard.press('End')
    await delegate.keyboard.type(' as Rotterdam proposes')
    await expect
      .poll(() => chair.locator('p[data-paragraph-id="p-large0300"]').textContent(), { timeout: 30_000 })
      .toContain('as Rotterdam proposes')
    await delegate.context().close()
    const words = await chair
      .locator('.declaration-text')
      .evaluate((e) => (e.textContent ?? '').split(/\s+/).length)
    await expect
      .poll(() => chair.getByTestId('threads').locator('li.thread').count(), { timeout: 10_000 })
      .toBe(THREADS)

    await chair.getByTestId('suggestion-filter').selectOption('osaka')
    const accepting = Date.now()
    await chair.getByRole('button', { name: 'Accept all of Osaka' }).click()
    await chair.getByRole('button', { name: /^Accept \d+$/ }).click()
    await expect
      .poll(() => chair.locator('.declaration-text ins[data-delegation="osaka"]').count(), {
        timeout: 30_000,
        interval: 20,
      })
      .toBe(0)
    const accepted = Date.now() - accepting
    await expect
      .poll(() => chair.locator('.declaration-text del[data-delegation="leipzig"]').count(), {
        timeout: 10_000,
      })
      .toBe(LEIPZIG_SUGGESTIONS)
    expect(accord.stderr()).not.toContain('refused an update')
    console.log(
      `large document: ${PARAGRAPHS + 18} paragraphs (${words} words), ${OSAKA_SUGGESTIONS + LEIPZIG_SUGGESTIONS} suggestions, ${THREADS} threads; ` +
        `chair's browser ready with every suggestion counted in ${opened} ms; accept all ${OSAKA_SUGGESTIONS} of Osaka's suggestions: ${accepted} ms from the click until none is left in the chair's browser`,
    )
  })
})
