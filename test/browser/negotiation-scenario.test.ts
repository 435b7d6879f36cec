/**
 * The negotiation as the issue tells it, in four browsers: drafter A (Osaka) proposes words and a new
 * paragraph, drafter B (Leipzig) comments on A's words, the chair accepts A's words, rejects the paragraph and
 * resolves B's thread — and every browser shows the result. The observer sees it all and can change nothing.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { invitationOf, type AccordProcess } from '../helpers/accord-process.js'
import { placeCaret, selectWords, textWithoutCarets } from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'

describe('a round of negotiation in four browsers', () => {
  let scenario: Scenario
  let accord: AccordProcess
  let invites: Invitation[]
  let a: Page
  let b: Page
  let chair: Page
  let observer: Page
  const suggestion = (page: Page, text: string) =>
    page.getByTestId('suggestions').locator('li[data-suggestion]', { hasText: text })

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    accord = scenario.accord
    invites = scenario.invites
    a = await scenario.open('osaka-drafter')
    b = await scenario.open('leipzig-drafter')
    chair = await scenario.open('ho-chi-minh-city-chair')
    observer = await scenario.open('ministry-of-foreign-affairs-of-viet-nam-observer')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('A proposes words and a paragraph; B comments on A’s words', async () => {
    await placeCaret(a, 'op-climate', 'end')
    await a.keyboard.type(' with partner cities')
    await placeCaret(a, 'op-bridge', 'end')
    await a.keyboard.press('Enter')
    await a.keyboard.type('Create a network of sister cities;')
    await expect
      .poll(() => textWithoutCarets(b, 'p[data-paragraph-id="op-climate"]'))
      .toMatch(/with partner cities$/)
    const text = await textWithoutCarets(b, 'p[data-paragraph-id="op-climate"]')
    const start = text.indexOf('with partner cities')
    await selectWords(b, 'op-climate', start, start + 'with partner cities'.length)
    await b.getByTestId('thread-composer').fill('Which partners?')
    await b.getByTestId('thread-post').click()
    for (const page of [a, b, chair, observer]) {
      await expect.poll(() => page.getByTestId('threads').locator('li.thread').count()).toBe(1)
      await expect.poll(() => page.locator('p[data-proposal-kind="insertion"]').count()).toBe(1)
    }
  })

  it('the chair accepts A’s words, rejects the paragraph and resolves B’s thread', async () => {
    await suggestion(chair, 'inserts').getByRole('button', { name: 'Accept' }).click()
    await suggestion(chair, 'proposes a new paragraph').getByRole('button', { name: 'Reject' }).click()
    await chair.getByTestId('threads').locator('li.thread').getByRole('button', { name: 'Resolve' }).click()
    for (const page of [a, b, chair, observer]) {
      await expect.poll(() => page.locator('p[data-paragraph-id="op-climate"] ins').count()).toBe(0)
      expect(await textWithoutCarets(page, 'p[data-paragraph-id="op-climate"]')).toMatch(
        /coastal cities; with partner cities$/,
      )
      await expect.poll(() => page.locator('p[data-proposal-kind]').count()).toBe(0)
      await expect.poll(() => page.getByTestId('threads').locator('li.thread').count()).toBe(0)
      await expect.poll(() => page.getByTestId('suggestions').locator('li[data-suggestion]').count()).toBe(0)
    }
    const audit = (await (
      await fetch(`${accord.url}/api/documents/closing-statement/audit`, {
        headers: { Authorization: `Bearer ${invitationOf(invites, 'osaka-drafter').token}` },
      })
    ).json()) as { action: string; details: { proposedBy?: { delegation: string } } }[]
    expect(audit.map((e) => e.action)).toEqual([
      'change stage',
      'accept suggestion',
      'reject suggestion',
      'resolve thread',
    ])
    expect(audit[1]!.details.proposedBy!.delegation).toBe('osaka')
  })

  it('the observer saw it all and could change nothing', async () => {
    expect(await observer.locator('.declaration-text').getAttribute('contenteditable')).toBe('false')
    await expect
      .poll(() => observer.getByTestId('suggestions').getByRole('button').count(), { timeout: 10_000 })
      .toBe(0)
    await expect
      .poll(() => observer.getByTestId('threads').getByRole('button').count(), { timeout: 10_000 })
      .toBe(0)
    expect(await observer.getByTestId('thread-post').isDisabled()).toBe(true)
  })
})
