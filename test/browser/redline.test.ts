import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import {
  launchChromium,
  openInvitation,
  placeCaret,
  selectWords,
  textWithoutCarets,
} from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'

describe('revisions and the redline view', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let chair: Page
  let drafter: Page
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)
  const publish = async (count: number) => {
    await chair.getByTestId('revision-publish').click()
    await expect.poll(() => chair.getByTestId('revisions').locator('li[data-seq]').count()).toBe(count)
  }

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    browser = await launchChromium()
    chair = await openInvitation(browser, link('ho-chi-minh-city-chair'))
    drafter = await openInvitation(browser, link('osaka-drafter'))
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('publishes Zero draft, Rev.1 and Rev.2 from the panel; drafters cannot publish', async () => {
    await publish(1)
    await placeCaret(chair, 'op-forum', 'end')
    await chair.keyboard.type(' before 2024')
    await publish(2)
    // Rev.2: an inserted phrase in OP9 and a deleted phrase in OP10.
    await placeCaret(chair, 'op-culture', 'end')
    await chair.keyboard.type(' every year')
    const text = await textWithoutCarets(chair, 'p[data-paragraph-id="op-initiatives"]')
    const start = text.indexOf(', and to report on them at the next Dialogue')
    await selectWords(
      chair,
      'op-initiatives',
      start,
      start + ', and to report on them at the next Dialogue'.length,
    )
    await chair.keyboard.press('Backspace')
    await publish(3)
    expect(await chair.getByTestId('revisions').locator('li').allTextContents()).toEqual([
      expect.stringContaining('Zero draft'),
      expect.stringContaining('Rev.1'),
      expect.stringContaining('Rev.2'),
    ])
    expect(await drafter.getByTestId('revision-publish').isHidden()).toBe(true)
  })

  it('shows the redline between Rev.1 and Rev.2 with the inserted and the deleted phrase', async () => {
    await drafter.getByTestId('redline-from').selectOption({ label: 'Rev.1' })
    await drafter.getByTestId('redline-to').selectOption({ label: 'Rev.2' })
    await drafter.getByTestId('redline-compare').click()
    const view = drafter.getByTestId('redline')
    await expect.poll(() => view.count()).toBe(1)
    expect(await view.locator('h2').textContent()).toBe('Redline: Rev.1 → Rev.2')
    expect(await view.locator('li[data-paragraph-id="op-culture"] ins').allTextContents()).toEqual([
      'every year',
    ])
    expect(
      (await view.locator('li[data-paragraph-id="op-initiatives"] del').allTextContents()).join(''),
    ).toContain('to report on them at the next Dialogue')
    await expect.poll(() => view.locator('li[data-status="changed"]').count(), { timeout: 10_000 }).toBe(2)
    expect(await view.locator('li[data-paragraph-id="op-forum"]').getAttribute('data-status')).toBe(
      'unchanged',
    )
    await drafter.screenshot({ path: new URL('../../docs/screenshot-redline.png', import.meta.url).pathname })
  })
})
