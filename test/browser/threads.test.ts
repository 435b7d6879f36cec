import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { placeCaret, selectWords, textWithoutCarets } from '../helpers/browser.js'

describe('comment threads in the browser', () => {
  let scenario: Scenario
  let osaka: Page
  let leipzig: Page
  let chair: Page
  let observer: Page
  const thread = (page: Page) => page.getByTestId('threads').locator('li.thread').first()

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    osaka = await scenario.open('osaka-drafter')
    leipzig = await scenario.open('leipzig-drafter')
    chair = await scenario.open('ho-chi-minh-city-chair')
    observer = await scenario.open('ministry-of-foreign-affairs-of-viet-nam-observer')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it("lets Leipzig comment on Osaka's proposed words; the text does not change and everyone sees the thread", async () => {
    await placeCaret(osaka, 'op-climate', 'end')
    await osaka.keyboard.type(' with partner cities')
    // Wait until all of Osaka's words have arrived; offsets are counted without other people's caret labels.
    await expect
      .poll(() => textWithoutCarets(leipzig, 'p[data-paragraph-id="op-climate"]'))
      .toMatch(/with partner cities$/)
    const paragraphText = await textWithoutCarets(leipzig, 'p[data-paragraph-id="op-climate"]')
    const start = paragraphText.indexOf('with partner cities')
    await selectWords(leipzig, 'op-climate', start, start + 'with partner cities'.length)
    await leipzig.getByTestId('thread-composer').fill('Which partners?\nPlease name them.')
    await leipzig.getByTestId('thread-post').click()
    for (const page of [leipzig, osaka, chair, observer]) {
      await expect.poll(() => thread(page).count()).toBe(1)
      expect(await thread(page).locator('.thread-text').first().textContent()).toBe(
        'Which partners?\nPlease name them.',
      )
      expect(await thread(page).locator('q').textContent()).toBe('with partner cities')
    }
    await expect
      .poll(() => chair.locator('p[data-paragraph-id="op-climate"] .thread-anchor').count())
      .toBeGreaterThan(0)
    expect(await osaka.locator('p[data-paragraph-id="op-climate"] ins').textContent()).toBe(
      ' with partner cities',
    )
  })

  it('keeps the highlight on the commented words while another delegation types in the same paragraph', async () => {
    const highlighted = (page: Page) =>
      page
        .locator('p[data-paragraph-id="op-climate"] .thread-anchor')
        .evaluateAll((spans) => spans.map((s) => s.textContent).join(''))
    await placeCaret(leipzig, 'op-climate', 'start')
    await leipzig.keyboard.type('Also ')
    for (const page of [osaka, chair]) {
      await expect.poll(() => textWithoutCarets(page, 'p[data-paragraph-id="op-climate"]')).toMatch(/^Also /)
      await expect.poll(() => highlighted(page)).toBe('with partner cities')
    }
  })

  it('shows messages as text, never as markup', async () => {
    await thread(osaka).locator('.thread-reply').fill('<img src=x onerror=alert(1)> Rotterdam and Leipzig')
    await thread(osaka).getByRole('button', { name: 'Reply' }).click()
    await expect.poll(() => thread(chair).locator('.thread-message').count()).toBe(2)
    expect(await thread(chair).locator('.thread-text').nth(1).textContent()).toBe(
      '<img src=x onerror=alert(1)> Rotterdam and Leipzig',
    )
    await expect.poll(() => thread(chair).locator('img').count(), { timeout: 10_000 }).toBe(0)
  })

  it('keeps a reply being written — words, caret and focus — while others reply and type in the commented words', async () => {
    const reply = thread(leipzig).locator('.thread-reply')
    await reply.click()
    await leipzig.keyboard.type('We could accept Rotterdam')
    // Meanwhile Osaka replies (the thread changes) and types in the commented paragraph (its quote changes).
    await thread(osaka).locator('.thread-reply').fill('And Osaka itself.')
    await thread(osaka).getByRole('button', { name: 'Reply' }).click()
    await placeCaret(osaka, 'op-climate', 'end')
    await osaka.keyboard.type(' and others')
    await expect.poll(() => thread(leipzig).locator('.thread-message').count()).toBe(3)
    await expect
      .poll(() => textWithoutCarets(leipzig, 'p[data-paragraph-id="op-climate"]'))
      .toMatch(/and others$/)
    // Leipzig goes on typing where it was, without clicking back into the box.
    await leipzig.keyboard.type(' and Leipzig.')
    expect(await reply.inputValue()).toBe('We could accept Rotterdam and Leipzig.')
    await thread(leipzig).getByRole('button', { name: 'Reply' }).click()
    await expect.poll(() => thread(chair).locator('.thread-message').count()).toBe(4)
    expect(await thread(chair).locator('.thread-text').nth(3).textContent()).toBe(
      'We could accept Rotterdam and Leipzig.',
    )
  })

  it("lets only the chair resolve: the delegations' and the observer's panels have no resolve button", async () => {
    await expect
      .poll(() => thread(leipzig).getByRole('button', { name: 'Resolve' }).count(), { timeout: 10_000 })
      .toBe(0)
    await expect.poll(() => thread(observer).getByRole('button').count(), { timeout: 10_000 }).toBe(0)
    await thread(chair).getByRole('button', { name: 'Resolve' }).click()
    for (const page of [chair, osaka, leipzig, observer]) {
      await expect.poll(() => page.getByTestId('threads').locator('li.thread').count()).toBe(0)
      await page.getByTestId('thread-status-filter').selectOption('resolved')
      await expect.poll(() => page.getByTestId('threads').locator('li.thread.resolved').count()).toBe(1)
    }
  })

  it('screenshots the comments', async () => {
    await chair.getByTestId('thread-status-filter').selectOption('')
    await chair.locator('p[data-paragraph-id="op-climate"]').scrollIntoViewIfNeeded()
    await chair.screenshot({
      path: new URL('../../docs/screenshot-threads.png', import.meta.url).pathname,
      fullPage: false,
    })
  })

  it('comments from the selection: Ctrl+Alt+M or the button beside the words bring the comment box', async () => {
    for (const page of [leipzig, osaka, chair])
      await page.getByTestId('thread-status-filter').selectOption('open')
    const text = await textWithoutCarets(leipzig, 'p[data-paragraph-id="op-health"]')
    const start = text.indexOf('public health')
    await selectWords(leipzig, 'op-health', start, start + 'public health'.length)
    await leipzig.keyboard.press('Control+Alt+KeyM')
    const composer = leipzig.getByTestId('thread-composer')
    await expect.poll(() => composer.evaluate((e) => e === document.activeElement)).toBe(true)
    expect(await composer.getAttribute('placeholder')).toBe('Comment on “public health”…')
    await leipzig.keyboard.type('Include animal health?')
    await leipzig.getByTestId('thread-post').click()
    const onHealth = (page: Page) => page.getByTestId('threads').locator('li.thread[data-paragraph="OP5"]')
    await expect.poll(() => onHealth(chair).count()).toBe(1)
    expect(await onHealth(chair).locator('q').textContent()).toBe('public health')

    // The button beside a selection does the same.
    await selectWords(osaka, 'op-health', start, start + 'public health'.length)
    const button = osaka.getByTestId('comment-selection')
    await expect.poll(() => button.isVisible()).toBe(true)
    await button.click()
    await expect
      .poll(() => osaka.getByTestId('thread-composer').evaluate((e) => e === document.activeElement))
      .toBe(true)
  })

  it('lets the chair defer a thread from the thread; everyone sees it deferred, and the chair takes it back', async () => {
    const onHealth = (page: Page) => page.getByTestId('threads').locator('li.thread[data-paragraph="OP5"]')
    await expect
      .poll(() => onHealth(leipzig).getByRole('button', { name: /Defer/ }).count(), { timeout: 10_000 })
      .toBe(0)
    await onHealth(chair).getByRole('button', { name: 'Defer to after the consensus call' }).click()
    for (const page of [chair, osaka]) {
      await expect.poll(() => onHealth(page).locator('.thread-state.deferred').count()).toBe(1)
    }
    await onHealth(chair).getByRole('button', { name: 'Take back the deferral' }).click()
    await expect.poll(() => onHealth(osaka).locator('.thread-state.deferred').count()).toBe(0)
  })
})
