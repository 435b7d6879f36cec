import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { placeCaret, selectWords, textWithoutCarets } from '../helpers/browser.js'

const visibleText = textWithoutCarets

describe("the chair's review in the browser", () => {
  let scenario: Scenario
  let drafter: Page
  let chair: Page
  let observer: Page
  const item = (page: Page, delegation: string, kind: 'inserts' | 'deletes') =>
    page.getByTestId('suggestions').locator(`li[data-delegation="${delegation}"]`, { hasText: kind })

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    drafter = await scenario.open('osaka-drafter')
    chair = await scenario.open('ho-chi-minh-city-chair')
    observer = await scenario.open('ministry-of-foreign-affairs-of-viet-nam-observer')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it("lists the drafter's suggestions for the chair, with counts per delegation", async () => {
    await placeCaret(drafter, 'op-climate', 'end')
    await drafter.keyboard.type(' with partner cities')
    await placeCaret(drafter, 'op-training', 'end')
    await drafter.keyboard.press('Backspace')
    await expect.poll(() => chair.getByTestId('suggestions').locator('li[data-suggestion]').count()).toBe(2)
    expect(await item(chair, 'osaka', 'inserts').textContent()).toContain('with partner cities')
    expect(await chair.getByTestId('suggestion-filter').locator('option').allTextContents()).toContain(
      'Osaka (2)',
    )
    // The drafter may withdraw its own, not accept; the observer may do nothing.
    expect(await item(drafter, 'osaka', 'inserts').getByRole('button').allTextContents()).toEqual([
      'Withdraw',
    ])
    await expect
      .poll(() => observer.getByTestId('suggestions').locator('li[data-suggestion]').count())
      .toBe(2)
    await expect
      .poll(() => observer.getByTestId('suggestions').getByRole('button').count(), { timeout: 10_000 })
      .toBe(0)
  })

  it('accepts the insertion: the words stay, as agreed text, in every browser', async () => {
    await item(chair, 'osaka', 'inserts').getByRole('button', { name: 'Accept' }).click()
    for (const page of [chair, drafter, observer]) {
      await expect.poll(() => page.locator('p[data-paragraph-id="op-climate"] ins').count()).toBe(0)
      expect(await visibleText(page, 'p[data-paragraph-id="op-climate"]')).toMatch(
        /coastal cities; with partner cities$/,
      )
    }
  })

  it('rejects the deletion: the words stay and the strike-through goes', async () => {
    await item(chair, 'osaka', 'deletes').getByRole('button', { name: 'Reject' }).click()
    for (const page of [chair, drafter, observer]) {
      await expect.poll(() => page.locator('p[data-paragraph-id="op-training"] del').count()).toBe(0)
      expect(await visibleText(page, 'p[data-paragraph-id="op-training"]')).toMatch(/researchers;$/)
    }
    await expect.poll(() => chair.getByTestId('suggestions').locator('li[data-suggestion]').count()).toBe(0)
  })

  it('lets the drafter withdraw its own suggestion from the panel', async () => {
    await placeCaret(drafter, 'op-urban', 'start')
    await drafter.keyboard.type('Osaka asks to ')
    await expect.poll(() => item(drafter, 'osaka', 'inserts').count()).toBe(1)
    await item(drafter, 'osaka', 'inserts').getByRole('button', { name: 'Withdraw' }).click()
    for (const page of [chair, drafter]) {
      await expect
        .poll(() => visibleText(page, 'p[data-paragraph-id="op-urban"]'))
        .toMatch(/^Encourage the exchange/)
    }
  })

  it('lets the chair mark a paragraph agreed from the panel; every browser shows it, with a legend', async () => {
    await placeCaret(chair, 'op-friendship', 'end')
    await expect.poll(() => chair.getByTestId('status-current').textContent()).toBe('OP1: Open')
    await chair.locator('[data-set-status="agreed"]').click()
    for (const page of [chair, drafter, observer]) {
      await expect
        .poll(() => page.locator('p[data-paragraph-id="op-friendship"]').getAttribute('data-status'))
        .toBe('agreed')
    }
    expect(await drafter.getByTestId('status-legend').textContent()).toContain('Agreed ad referendum')
    await expect.poll(() => drafter.locator('[data-set-status]').count(), { timeout: 10_000 }).toBe(0)
  })

  it('tells a drafter who comes to an agreed paragraph that it is agreed', async () => {
    await placeCaret(drafter, 'op-friendship', 'end')
    await expect
      .poll(() => drafter.getByTestId('paste-report').textContent())
      .toBe('OP1 is agreed. You can still propose a change; the chair decides whether to reopen it.')
  })

  it('says why bold or italic on words already there is not proposed, instead of ignoring it', async () => {
    const text = await textWithoutCarets(drafter, 'p[data-paragraph-id="op-foundations"]')
    const start = text.indexOf('sustainable partnership')
    await selectWords(drafter, 'op-foundations', start, start + 'sustainable partnership'.length)
    await drafter.keyboard.press('Control+KeyB')
    await expect
      .poll(() => drafter.getByTestId('paste-report').textContent())
      .toMatch(/^Bold and italic on words already in the text cannot be proposed/)
    await expect
      .poll(() => drafter.locator('p[data-paragraph-id="op-foundations"] strong').count(), {
        timeout: 10_000,
      })
      .toBe(0)
  })

  it('screenshots the review panel', async () => {
    await placeCaret(drafter, 'op-health', 'end')
    await drafter.keyboard.type(' and share medical supplies')
    await expect.poll(() => chair.getByTestId('suggestions').locator('li[data-suggestion]').count()).toBe(1)
    await chair.locator('p[data-paragraph-id="op-health"]').scrollIntoViewIfNeeded()
    await chair.screenshot({ path: new URL('../../docs/screenshot-review.png', import.meta.url).pathname })
  })
})
