import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { launchChromium, openInvitation, placeCaret } from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'

describe('whole-paragraph suggestions in the browser', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let drafter: Page
  let chair: Page
  let observer: Page
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)
  const proposed = (page: Page) => page.locator('p[data-proposal-kind="insertion"]')
  const item = (page: Page, text: string) =>
    page.getByTestId('suggestions').locator('li[data-suggestion]', { hasText: text })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    await setStageAsChair(accord, invites, 'negotiation')
    browser = await launchChromium()
    drafter = await openInvitation(browser, link('osaka-drafter'))
    chair = await openInvitation(browser, link('ho-chi-minh-city-chair'))
    observer = await openInvitation(
      browser,
      link('japan-viet-nam-friendship-parliamentary-alliance-observer'),
    )
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('turns Enter at the end of OP3 into a proposed new paragraph, numbered OP3bis for everyone', async () => {
    await placeCaret(drafter, 'op-bridge', 'end')
    await drafter.keyboard.press('Enter')
    await drafter.keyboard.type('Create a network of partner cities;')
    for (const page of [drafter, chair, observer]) {
      await expect.poll(() => proposed(page).count()).toBe(1)
      await expect.poll(() => proposed(page).textContent()).toContain('Create a network of partner cities;')
      expect(await proposed(page).getAttribute('data-number')).toBe('OP3bis')
      expect(await proposed(page).getAttribute('data-delegation')).toBe('osaka')
    }
    expect(await page4Numbers(chair)).toContain('OP4')
    await expect.poll(() => item(chair, 'proposes a new paragraph').count()).toBe(1)
    expect(accord.stderr()).not.toContain('refused an update')
  })

  it('lets the chair reject the new paragraph: it disappears everywhere', async () => {
    await item(chair, 'proposes a new paragraph').getByRole('button', { name: 'Reject' }).click()
    for (const page of [drafter, chair, observer]) await expect.poll(() => proposed(page).count()).toBe(0)
  })

  it('lets the drafter propose deleting a paragraph, and the chair accept it', async () => {
    await placeCaret(drafter, 'op-forum', 'end')
    await drafter.getByTestId('propose-deletion').click()
    await expect
      .poll(() => chair.locator('p[data-paragraph-id="op-forum"]').getAttribute('data-proposal-kind'))
      .toBe('deletion')
    await item(chair, 'proposes deleting a paragraph').getByRole('button', { name: 'Accept' }).click()
    for (const page of [drafter, chair, observer]) {
      await expect.poll(() => page.locator('p[data-paragraph-id="op-forum"]').count()).toBe(0)
    }
    expect(accord.stderr()).not.toContain('refused an update')
  })
})

async function page4Numbers(page: Page): Promise<string[]> {
  return page
    .locator('.declaration-text p[data-number]')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-number') ?? ''))
}
