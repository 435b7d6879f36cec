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
import { launchChromium, openInvitation, selectWords, textWithoutCarets } from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'

describe('brackets in the browser', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let osaka: Page
  let leipzig: Page
  let chair: Page
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    await setStageAsChair(accord, invites, 'negotiation')
    browser = await launchChromium()
    osaka = await openInvitation(browser, link('osaka-drafter'))
    leipzig = await openInvitation(browser, link('leipzig-head'))
    chair = await openInvitation(browser, link('ho-chi-minh-city-chair'))
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets a delegation bracket words; everyone sees the brackets and the open count', async () => {
    await selectWords(osaka, 'op-economy', 10, 16)
    await osaka.getByTestId('bracket-selection').click()
    for (const page of [osaka, leipzig, chair]) {
      await expect
        .poll(() => textWithoutCarets(page, 'p[data-paragraph-id="op-economy"] .bracket'))
        .toBe('expand')
      expect(await page.getByTestId('bracket-count').textContent()).toBe('1 open bracket')
    }
  })

  it('lets another delegation propose an alternative, and the chair pick it', async () => {
    const bracket = leipzig.getByTestId('brackets').locator('li[data-bracket]')
    await bracket.locator('input').fill('double')
    await bracket.getByRole('button', { name: 'Propose' }).click()
    await expect.poll(() => chair.getByTestId('brackets').locator('li[data-alt]').count()).toBe(2)
    expect(await osaka.getByTestId('brackets').getByRole('button', { name: /Pick/ }).count()).toBe(0)
    await chair.getByTestId('brackets').getByRole('button', { name: 'Pick Alt 2' }).click()
    for (const page of [osaka, leipzig, chair]) {
      await expect.poll(() => page.getByTestId('bracket-count').textContent()).toBe('0 open brackets')
      expect(await textWithoutCarets(page, 'p[data-paragraph-id="op-economy"]')).toMatch(
        /^Commit to double trade/,
      )
    }
  })
})
