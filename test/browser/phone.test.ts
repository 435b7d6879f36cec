/**
 * Meeting mode on a phone (issue 19): Leipzig's head follows the meeting on a 390 px phone while the chair
 * presides from a laptop. The page fits the phone's width; the floor is named in the bar at the top; following the
 * chair brings OP5 into view when the chair moves on; the bar at the foot takes the delegate to the speakers'
 * list, where they ask for the floor, and to the suggestions, where they support Osaka's proposal — and the
 * chair's page has both; at the consensus call the same bar takes them to the consensus panel, where they record
 * Leipzig's position, which the chair's grid shows. Screenshot: docs/screenshot-phone.png.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { setStageAsChair } from '../helpers/accord-process.js'
import { placeCaret } from '../helpers/browser.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'

const DOCS = join(import.meta.dirname, '..', '..', 'docs')

/** Whether the element is wholly on the phone's screen, below the bars at the top and above the one at the foot. */
const onScreen = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const box = document.querySelector(s)!.getBoundingClientRect()
    const top = document.querySelector('.bars')!.getBoundingClientRect().bottom
    const bottom = document.querySelector('.phone-nav')!.getBoundingClientRect().top
    return box.top >= top - 1 && box.top < bottom && box.bottom > top
  }, selector)

describe('meeting mode on a phone', () => {
  let scenario: Scenario
  let chair: Page
  let osaka: Page
  let phone: Page

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    chair = await scenario.open('ho-chi-minh-city-chair')
    osaka = await scenario.open('osaka-head')
    phone = await scenario.open('leipzig-head', 'phone')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('fits the phone: nothing wider than 390 px, the panels one tap away', async () => {
    expect(await phone.evaluate(() => window.innerWidth)).toBe(390)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    expect(await phone.getByTestId('phone-nav').isVisible()).toBe(true)
    // Not on a laptop's screen, where the panels are beside the text.
    expect(await chair.getByTestId('phone-nav').isVisible()).toBe(false)
    // No consensus panel before the call, so no way to it.
    expect(await phone.getByTestId('phone-to-consensus').isVisible()).toBe(false)
  })

  it('names the floor at the top, and brings the delegate following the chair to OP5 when the chair moves on', async () => {
    await placeCaret(chair, 'op-economy', 'end')
    await chair.getByTestId('floor-put').click()
    await expect
      .poll(() => phone.getByTestId('floor-paragraph').textContent(), { timeout: 10_000 })
      .toBe('OP4')
    await phone.getByTestId('floor-follow').tap()
    await expect
      .poll(() => onScreen(phone, '[data-paragraph-id="op-economy"]'), { timeout: 5_000 })
      .toBe(true)
    await placeCaret(chair, 'op-health', 'end')
    await chair.getByTestId('floor-put').click()
    await expect
      .poll(() => phone.getByTestId('floor-paragraph').textContent(), { timeout: 10_000 })
      .toBe('OP5')
    await expect.poll(() => onScreen(phone, '[data-paragraph-id="op-health"]'), { timeout: 5_000 }).toBe(true)
    // The floor bar stays at the top of the screen while the text scrolls under it.
    expect(await phone.getByTestId('floor-bar').boundingBox()).toMatchObject({ x: 0 })
    expect((await phone.getByTestId('floor-bar').boundingBox())!.y).toBeLessThan(200)
  })

  it('asks for the floor from the speakers’ list, one tap away; the chair’s page lists Leipzig', async () => {
    await phone.getByTestId('phone-to-speakers-panel').tap()
    await expect.poll(() => onScreen(phone, '.speakers-panel'), { timeout: 5_000 }).toBe(true)
    await phone.getByTestId('speakers-request').tap()
    await expect
      .poll(() => chair.getByTestId('speakers-queue').locator('li').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining('Leipzig')])
    // "Go there" takes the delegate back to the paragraph on the floor.
    await phone.getByTestId('floor-go').tap()
    await expect.poll(() => onScreen(phone, '[data-paragraph-id="op-health"]'), { timeout: 5_000 }).toBe(true)
  })

  it('supports Osaka’s proposal from the suggestions, one tap away; the chair’s page lists the supporter', async () => {
    await placeCaret(osaka, 'op-health', 'end')
    await osaka.keyboard.type(' and of vaccines')
    const support = phone.locator(
      '[data-testid="suggestions"] li[data-delegation="osaka"] [data-testid="support"]',
    )
    await expect.poll(() => support.count(), { timeout: 10_000 }).toBe(1)
    await phone.getByTestId('phone-to-suggestions').tap()
    await expect.poll(() => onScreen(phone, '.suggestions'), { timeout: 5_000 }).toBe(true)
    await support.tap()
    await expect
      .poll(
        () =>
          chair
            .locator('[data-testid="suggestions"] li[data-delegation="osaka"] [data-testid="supporters"]')
            .textContent(),
        { timeout: 10_000 },
      )
      .toBe('Supported by Leipzig')
    await phone.getByTestId('floor-go').tap()
    await phone.screenshot({ path: join(DOCS, 'screenshot-phone.png') })
  })

  it('records Leipzig’s position at the consensus call, from the consensus panel one tap away; the chair’s grid shows it', async () => {
    // The chair accepts Osaka's proposal first: no text goes to the call with a proposal pending.
    await chair
      .locator('[data-testid="suggestions"] li[data-delegation="osaka"]')
      .getByRole('button', { name: 'Accept' })
      .click()
    await expect
      .poll(() => chair.locator('[data-testid="suggestions"] li[data-delegation="osaka"]').count(), {
        timeout: 10_000,
      })
      .toBe(0)
    await setStageAsChair(scenario.accord, scenario.invites, 'consensus-call')
    const toConsensus = phone.getByTestId('phone-to-consensus')
    await expect.poll(() => toConsensus.isVisible(), { timeout: 10_000 }).toBe(true)
    await toConsensus.tap()
    await expect.poll(() => onScreen(phone, '.consensus'), { timeout: 5_000 }).toBe(true)
    await phone.getByTestId('position-kind').selectOption('approve')
    await phone.getByTestId('position-record').tap()
    await expect
      .poll(() => phone.getByTestId('position-recorded').textContent(), { timeout: 10_000 })
      .toMatch(/^On record for Leipzig: Approves/)
    await expect
      .poll(
        () =>
          chair
            .getByTestId('consensus-grid')
            .locator('li[data-delegation="leipzig"]')
            .getAttribute('data-position'),
        { timeout: 10_000 },
      )
      .toBe('approve')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
  })
})
