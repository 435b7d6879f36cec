import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { selectWords, textWithoutCarets } from '../helpers/browser.js'

describe('brackets in the browser', () => {
  let scenario: Scenario
  let osaka: Page
  let leipzig: Page
  let chair: Page

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    osaka = await scenario.open('osaka-drafter')
    leipzig = await scenario.open('leipzig-head')
    chair = await scenario.open('ho-chi-minh-city-chair')
  })
  afterAll(async () => {
    await scenario?.close()
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
    await expect
      .poll(() => osaka.getByTestId('brackets').getByRole('button', { name: /Pick/ }).count(), {
        timeout: 10_000,
      })
      .toBe(0)
    await chair.getByTestId('brackets').getByRole('button', { name: 'Pick Alt 2' }).click()
    for (const page of [osaka, leipzig, chair]) {
      await expect.poll(() => page.getByTestId('bracket-count').textContent()).toBe('0 open brackets')
      expect(await textWithoutCarets(page, 'p[data-paragraph-id="op-economy"]')).toMatch(
        /^Commit to double trade/,
      )
    }
  })
})
