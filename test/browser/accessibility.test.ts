/**
 * Every main view passes axe-core's WCAG 2.1 A and AA rules with no violation: the chair's, a drafter's and an
 * observer's pages in negotiation, the consensus call, and the secretariat's page. The keyboard starts at the text;
 * changes are told to screen readers with their delegation.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationOf, setStageAsChair } from '../helpers/accord-process.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { accessibilityViolations, placeCaret } from '../helpers/browser.js'

describe('accessibility of the main views', () => {
  let scenario: Scenario
  const open = (participant: string): Promise<Page> => scenario.open(participant)

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('has none on the chair’s, a drafter’s and an observer’s pages in negotiation', async () => {
    const chair = await open('ho-chi-minh-city-chair')
    const drafter = await open('osaka-drafter')
    await placeCaret(drafter, 'op-economy', 'end')
    await drafter.keyboard.type(' and services')
    await expect.poll(() => chair.getByTestId('suggestions').locator('li[data-suggestion]').count()).toBe(1)
    // A screen reader hears the change with its delegation.
    await expect
      .poll(() => chair.getByTestId('announcer').textContent(), { timeout: 6000 })
      .toBe('OP4: Osaka inserts “ and services”')
    const observer = await open('ministry-of-foreign-affairs-of-viet-nam-observer')
    for (const page of [chair, drafter, observer]) expect(await accessibilityViolations(page)).toEqual([])
  })

  it('starts the keyboard at the text, not at "Sign out"', async () => {
    const drafter = await open('leipzig-drafter')
    await drafter.keyboard.press('Tab')
    expect(await drafter.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Declaration text',
    )
  })

  it('has none in the consensus call, and on the secretariat’s page', async () => {
    const reject = await fetch(`${scenario.accord.url}/api/documents/closing-statement/suggestions/reject`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${invitationOf(scenario.invites, 'ho-chi-minh-city-chair').token}` },
    })
    expect(reject.status).toBe(200)
    await setStageAsChair(scenario.accord, scenario.invites, 'consensus-call')
    const head = await open('osaka-head')
    await expect.poll(() => head.getByTestId('consensus-summary').isVisible()).toBe(true)
    expect(await accessibilityViolations(head)).toEqual([])
    const secretariat = await open('secretariat-officer')
    await secretariat.goto(`${scenario.accord.url}/secretariat`)
    await expect.poll(() => secretariat.locator('h1, h2').count()).toBeGreaterThan(0)
    expect(await accessibilityViolations(secretariat)).toEqual([])
  })
})
