/**
 * Two delegations on the same words at the same moment, twenty times: Osaka proposes deleting a passage while
 * Rotterdam types inside it. Both proposals are kept, nobody is refused, no page reloads.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectWords, textWithoutCarets } from '../helpers/browser.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { HCMC_2022_ZERO_DRAFT } from '../../workflows/demo/hcmc-2022-zero-draft.js'

const ROUNDS = 20
const PARAGRAPHS = HCMC_2022_ZERO_DRAFT.paragraphs.map((p) => p.id)

const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { notReloaded: true }))
const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true)

describe('two delegations racing on the same words', () => {
  let scenario: Scenario
  let osaka: Page
  let rotterdam: Page
  let chair: Page

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    osaka = await scenario.open('osaka-drafter')
    rotterdam = await scenario.open('rotterdam-drafter')
    chair = await scenario.open('ho-chi-minh-city-chair')
    await markPage(osaka)
    await markPage(rotterdam)
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it(`keeps both proposals in ${ROUNDS} races, refuses nobody and reloads no page`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const paragraph = PARAGRAPHS[round % PARAGRAPHS.length]!
      const word = `R${round}x`
      // Half the rounds Rotterdam's line is down while both act, so that the changes surely cross.
      const crossing = round % 2 === 0
      await selectWords(osaka, paragraph, 10, 30)
      await selectWords(rotterdam, paragraph, 20, 20)
      if (crossing) await rotterdam.context().setOffline(true)
      await Promise.all([osaka.keyboard.press('Backspace'), rotterdam.keyboard.type(word)])
      if (crossing) await rotterdam.context().setOffline(false)
      const inserted = `p[data-paragraph-id="${paragraph}"] ins[data-delegation="rotterdam"]`
      const deleted = `p[data-paragraph-id="${paragraph}"] del[data-delegation="osaka"]`
      await expect.poll(() => textWithoutCarets(chair, inserted), { timeout: 15_000 }).toContain(word)
      await expect.poll(() => chair.locator(deleted).count(), { timeout: 15_000 }).toBeGreaterThan(0)
      for (const page of [osaka, rotterdam]) {
        await expect.poll(() => page.getByTestId('refused-change').count(), { timeout: 10_000 }).toBe(0)
        await expect.poll(() => textWithoutCarets(page, inserted), { timeout: 15_000 }).toContain(word)
      }
    }
    expect(await notReloaded(osaka)).toBe(true)
    expect(await notReloaded(rotterdam)).toBe(true)
    for (const page of [osaka, rotterdam])
      await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('saved')
    // The chair's list has both delegations' proposals, each to decide on its own.
    const listed = await chair.evaluate(async () => {
      const response = await fetch('/api/documents/closing-statement/suggestions')
      return ((await response.json()) as { suggestions: { delegation: string }[] }).suggestions
    })
    expect(listed.filter((s) => s.delegation === 'rotterdam').length).toBeGreaterThanOrEqual(ROUNDS / 2)
    expect(listed.filter((s) => s.delegation === 'osaka').length).toBeGreaterThanOrEqual(ROUNDS / 2)
  }, 240_000)
})
