/**
 * Who proposed what, at a glance: hovering a suggestion shows the delegation, the participant and the time in
 * the host's zone, with what the viewer may do; the keyboard reaches the same card (Ctrl+Alt+I) and leaves it
 * with Escape; the chair accepts from the card.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationOf } from '../helpers/accord-process.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { placeCaret } from '../helpers/browser.js'

describe('the hover card', () => {
  let scenario: Scenario
  let drafter: Page
  let chair: Page
  const osakaWords = (page: Page) =>
    page.locator('p[data-paragraph-id="op-economy"] ins[data-delegation="osaka"]')

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    drafter = await scenario.open('osaka-drafter')
    chair = await scenario.open('ho-chi-minh-city-chair')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('shows the chair who proposed the words, when in host time, and Accept / Reject', async () => {
    await placeCaret(drafter, 'op-economy', 'end')
    await drafter.keyboard.type(' and services')
    await expect.poll(() => osakaWords(chair).count()).toBeGreaterThan(0)
    await osakaWords(chair).first().hover()
    const card = chair.getByTestId('hover-card')
    await expect.poll(() => card.isVisible()).toBe(true)
    expect(await card.locator('.hover-card-what').first().textContent()).toBe('Proposes inserting')
    expect(await card.locator('.hover-card-who').first().textContent()).toBe('Osaka — Drafter')
    expect(await card.locator('.hover-card-when').first().textContent()).toMatch(
      /^\d+ \w+ \d{4}, \d\d:\d\d \(Asia\/Ho_Chi_Minh, UTC\+07:00\)$/,
    )
    expect(await card.getByRole('button').allTextContents()).toEqual(['Accept', 'Reject'])
    await chair.screenshot({
      path: new URL('../../docs/screenshot-hover-card.png', import.meta.url).pathname,
    })
  })

  it('reaches the card from the keyboard: Ctrl+Alt+I at the caret, the first action focused, Escape back', async () => {
    await placeCaret(drafter, 'op-economy', 'end')
    await drafter.keyboard.press('Control+Alt+KeyI')
    const card = drafter.getByTestId('hover-card')
    await expect.poll(() => card.isVisible()).toBe(true)
    // A drafter may not decide; it may withdraw its own delegation's words.
    expect(await card.getByRole('button').allTextContents()).toEqual(['Withdraw'])
    expect(await drafter.evaluate(() => document.activeElement?.textContent)).toBe('Withdraw')
    await drafter.keyboard.press('Escape')
    await expect.poll(() => card.isVisible()).toBe(false)
    await expect
      .poll(() => drafter.evaluate(() => document.activeElement?.classList.contains('ProseMirror')))
      .toBe(true)
  })

  it('lets the chair accept from the card: the words are agreed text on every page', async () => {
    await osakaWords(chair).first().hover()
    const card = chair.getByTestId('hover-card')
    await expect.poll(() => card.isVisible()).toBe(true)
    await card.getByRole('button', { name: 'Accept' }).click()
    for (const page of [chair, drafter]) await expect.poll(() => osakaWords(page).count()).toBe(0)
    expect(await chair.locator('p[data-paragraph-id="op-economy"]').textContent()).toContain('and services')
  })

  it('lists suggestions and threads by paragraph, each naming its paragraph, times in host time', async () => {
    await placeCaret(drafter, 'op-health', 'end')
    await drafter.keyboard.type(' worldwide')
    await placeCaret(drafter, 'op-economy', 'start')
    await drafter.keyboard.type('Together, ')
    await placeCaret(drafter, 'op-health', 'start')
    await drafter.keyboard.type('Also ')
    const items = chair.getByTestId('suggestions').locator('li[data-suggestion]')
    await expect.poll(() => items.count()).toBe(3)
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-paragraph')))).toEqual([
      'OP4',
      'OP5',
      'OP5',
    ])
    expect(await chair.getByTestId('suggestions').locator('.paragraph-group').allTextContents()).toEqual([
      'OP4',
      'OP5',
    ])
    expect(await items.first().locator('.suggestion-who').textContent()).toBe('OP4: Osaka inserts')
    const thread = await fetch(`${scenario.accord.url}/api/documents/closing-statement/threads`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${invitationOf(scenario.invites, 'osaka-head').token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        startBlock: 'op-climate',
        startOffset: 0,
        endBlock: 'op-climate',
        endOffset: 6,
        text: 'Why?',
      }),
    })
    expect(thread.status).toBe(201)
    const threadItem = chair.locator('li[data-thread]')
    await expect.poll(() => threadItem.getAttribute('data-paragraph')).toBe('OP6')
    expect(await threadItem.locator('.paragraph-group').textContent()).toBe('OP6')
    expect(await threadItem.locator('.thread-time').first().textContent()).toMatch(
      /\(Asia\/Ho_Chi_Minh, UTC\+07:00\)$/,
    )
  })
})
