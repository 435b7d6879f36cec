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
import {
  launchChromium,
  openInvitation,
  placeCaret,
  selectWords,
  textWithoutCarets,
} from '../helpers/browser.js'
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

describe('splitting and joining paragraphs by suggestion', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let drafter: Page
  let chair: Page
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)
  const item = (page: Page, text: string) =>
    page.getByTestId('suggestions').locator('li[data-suggestion]', { hasText: text })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    await setStageAsChair(accord, invites, 'negotiation')
    browser = await launchChromium()
    drafter = await openInvitation(browser, link('osaka-drafter'))
    chair = await openInvitation(browser, link('ho-chi-minh-city-chair'))
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('proposes a split with Enter in the middle of a paragraph; accepting it splits the paragraph', async () => {
    // OP5: "Decide to continue cooperation in public health, including …" — split after "health,".
    const text = await textWithoutCarets(drafter, 'p[data-paragraph-id="op-health"]')
    const at = text.indexOf(' including')
    await selectWords(drafter, 'op-health', at, at)
    await drafter.keyboard.press('Enter')
    await expect.poll(() => item(chair, 'proposes splitting').count()).toBe(1)
    const proposed = chair.locator('p[data-proposal-kind="insertion"]')
    expect(await proposed.getAttribute('data-number')).toBe('OP5bis')
    expect(await textWithoutCarets(chair, 'p[data-proposal-kind="insertion"]')).toMatch(
      /^ including the exchange/,
    )
    await item(chair, 'proposes splitting').getByRole('button', { name: 'Accept' }).click()
    await expect
      .poll(() => textWithoutCarets(drafter, 'p[data-paragraph-id="op-health"]'))
      .toBe('Decide to continue cooperation in public health,')
    const numbers = await chair
      .locator('.declaration-text p[data-number]')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-number')))
    expect(numbers.filter((n) => n?.startsWith('OP'))).toHaveLength(13)
    // Numbers do not move during the negotiation: the new half stays OP5bis, every later paragraph keeps its own.
    for (const page of [chair, drafter]) {
      await expect.poll(() => numberOf(page, 'op-health')).toBe('OP5')
      expect(await numberOf(page, 'op-climate')).toBe('OP6')
      expect(await numberOf(page, 'op-thanks')).toBe('OP12')
      expect(numbers).toContain('OP5bis')
    }
    expect(accord.stderr()).not.toContain('refused an update')
  })

  it('numbers afresh when the chair publishes a revision with fresh numbers; the redline says old → new', async () => {
    await chair.getByTestId('revision-renumber').check()
    await chair.getByTestId('revision-publish').click()
    await expect.poll(() => chair.getByRole('status').filter({ hasText: 'Published' }).count()).toBe(1)
    for (const page of [chair, drafter]) {
      await expect.poll(() => numberOf(page, 'op-climate')).toBe('OP7')
      expect(await numberOf(page, 'op-thanks')).toBe('OP13')
    }
    await drafter.getByTestId('redline-from').selectOption({ label: 'Zero draft' })
    await drafter.getByTestId('redline-to').selectOption({ label: 'Rev.1' })
    await drafter.getByTestId('redline-compare').click()
    const view = drafter.getByTestId('redline')
    await expect.poll(() => view.count()).toBe(1)
    expect(await view.locator('li[data-paragraph-id="op-climate"] .redline-number').textContent()).toBe(
      'OP7 (was OP6)',
    )
    expect(await view.getByTestId('redline-summary').textContent()).toBe(
      '1 paragraph changed, 1 paragraph added, 7 paragraphs renumbered.',
    )
    await drafter.keyboard.press('Escape')
    await expect.poll(() => view.count()).toBe(0)
    // Publishing the same text again says so, and publishes nothing.
    await chair.getByTestId('revision-publish').click()
    await expect
      .poll(() => chair.getByRole('status').filter({ hasText: 'The text is the same as Rev.1' }).count())
      .toBe(1)
    await expect
      .poll(() => chair.getByTestId('revisions').locator('li[data-seq]').count(), { timeout: 10_000 })
      .toBe(2)
  })

  it('proposes a join with Backspace at the start of a paragraph; rejecting it leaves both as they were', async () => {
    const before = await textWithoutCarets(chair, 'p[data-paragraph-id="op-urban"]')
    await placeCaret(drafter, 'op-urban', 'start')
    await drafter.keyboard.press('Backspace')
    await expect.poll(() => item(chair, 'proposes joining').count()).toBe(1)
    expect(await chair.locator('p[data-paragraph-id="op-urban"]').getAttribute('data-proposal-kind')).toBe(
      'deletion',
    )
    await expect.poll(() => textWithoutCarets(chair, 'p[data-paragraph-id="op-climate"] ins')).toBe(before)
    await item(chair, 'proposes joining').getByRole('button', { name: 'Reject' }).click()
    await expect
      .poll(() => chair.locator('p[data-paragraph-id="op-urban"]').getAttribute('data-proposal-kind'))
      .toBe(null)
    await expect
      .poll(() => chair.locator('p[data-paragraph-id="op-climate"] ins').count(), { timeout: 10_000 })
      .toBe(0)
    expect(await textWithoutCarets(chair, 'p[data-paragraph-id="op-urban"]')).toBe(before)
    expect(accord.stderr()).not.toContain('refused an update')
  })
})

function numberOf(page: Page, paragraph: string): Promise<string | null> {
  return page.locator(`p[data-paragraph-id="${paragraph}"]`).getAttribute('data-number')
}

async function page4Numbers(page: Page): Promise<string[]> {
  return page
    .locator('.declaration-text p[data-number]')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-number') ?? ''))
}
