/**
 * Meeting mode's floor in Chromium: the chair puts OP4 on the floor from the caret; a delegation's page marks OP4
 * and names it in the floor bar; a delegate who follows the chair, reading elsewhere, is brought to OP5 when the
 * chair moves on; a delegate who does not follow stays where they read, and "Go there" brings them. The chair
 * selects "public health" in OP5 and puts it on the floor: every page highlights those words and quotes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { placeCaret, selectWords } from '../helpers/browser.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'

const inView = (page: Page, paragraph: string) =>
  page.evaluate((id) => {
    const box = document.querySelector(`[data-paragraph-id="${id}"]`)!.getBoundingClientRect()
    return box.top >= 0 && box.bottom <= window.innerHeight
  }, paragraph)

describe('the floor in the browser', () => {
  let scenario: Scenario
  let chair: Page
  let follower: Page
  let reader: Page

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    chair = await scenario.open('ho-chi-minh-city-chair')
    follower = await scenario.open('osaka-drafter')
    reader = await scenario.open('leipzig-head')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('puts OP4 on the floor; every page marks it and names it', async () => {
    expect(await follower.getByTestId('floor-bar').isHidden()).toBe(true)
    await expect.poll(() => follower.getByTestId('floor-put').count(), { timeout: 10_000 }).toBe(1)
    await placeCaret(chair, 'op-economy', 'end')
    await chair.getByTestId('floor-put').click()
    for (const page of [chair, follower, reader]) {
      await expect
        .poll(() => page.getByTestId('floor-paragraph').textContent(), { timeout: 10_000 })
        .toBe('OP4')
      await expect
        .poll(() => page.locator('p[data-paragraph-id="op-economy"].on-the-floor').count(), {
          timeout: 10_000,
        })
        .toBe(1)
    }
    expect(await follower.getByTestId('floor-put').isHidden()).toBe(true)
  })

  it('brings a delegate who follows the chair to OP5 when the chair moves on; another stays and goes there', async () => {
    await follower.getByTestId('floor-follow').check()
    for (const page of [follower, reader])
      await page.evaluate(() => document.querySelector('[data-paragraph-id="pp-gathered"]')?.scrollIntoView())
    await placeCaret(chair, 'op-health', 'end')
    await chair.getByTestId('floor-put').click()
    await expect
      .poll(() => follower.getByTestId('floor-paragraph').textContent(), { timeout: 10_000 })
      .toBe('OP5')
    await expect.poll(() => inView(follower, 'op-health'), { timeout: 5_000 }).toBe(true)
    await expect
      .poll(() => reader.getByTestId('floor-paragraph').textContent(), { timeout: 10_000 })
      .toBe('OP5')
    expect(await inView(reader, 'op-health')).toBe(false)
    await reader.getByTestId('floor-go').click()
    await expect.poll(() => inView(reader, 'op-health'), { timeout: 5_000 }).toBe(true)
    await expect.poll(() => follower.locator('p.on-the-floor').count(), { timeout: 10_000 }).toBe(1)
  })

  it('puts the words the chair selected on the floor with their paragraph; every page highlights and quotes them', async () => {
    await selectWords(chair, 'op-health', 34, 47)
    await chair.getByTestId('floor-put').click()
    for (const page of [chair, follower, reader]) {
      await expect
        .poll(() => page.getByTestId('floor-words').textContent(), { timeout: 10_000 })
        .toBe('public health')
      await expect
        .poll(() => page.locator('p[data-paragraph-id="op-health"] .floor-words').allTextContents(), {
          timeout: 10_000,
        })
        .toEqual(['public health'])
    }
    // The paragraph alone, from the caret: the words are no longer on the floor.
    await placeCaret(chair, 'op-health', 'end')
    await chair.getByTestId('floor-put').click()
    await expect.poll(() => reader.locator('.floor-words').count(), { timeout: 10_000 }).toBe(0)
    expect(await reader.getByTestId('floor-words').isVisible()).toBe(false)
  })
})
