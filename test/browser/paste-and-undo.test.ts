/**
 * A delegation pastes its proposal from an e-mail or a Word file, and takes back what it typed with Ctrl+Z —
 * in negotiation, where every change is a suggestion.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { placeCaret, textWithoutCarets } from '../helpers/browser.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'

const visibleText = (page: Page, selector: string) => textWithoutCarets(page, selector)

/** Pastes as a browser does when the clipboard holds `html` (and its plain text). */
async function paste(page: Page, html: string, plain: string): Promise<void> {
  await page.locator('.declaration-text').evaluate(
    (element, [markup, text]) => {
      const data = new DataTransfer()
      data.setData('text/html', markup!)
      data.setData('text/plain', text!)
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    },
    [html, plain],
  )
}

/** What Word puts on the clipboard for two paragraphs, one with bold words and a picture. */
const FROM_WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<!--StartFragment--><p class=MsoNormal>Further <b>invite</b> the partner cities<o:p></o:p></p>
<p class=MsoNormal>to a yearly <i>forum</i> on flood risk.<img src="file:///C:/clip.png"><o:p></o:p></p><!--EndFragment-->
</body></html>`

describe('pasting and undoing in negotiation', () => {
  let scenario: Scenario
  let drafter: Page
  let chair: Page

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    drafter = await scenario.open('rotterdam-drafter')
    chair = await scenario.open('ho-chi-minh-city-chair')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('turns several pasted paragraphs from Word into one proposal, bold and italic kept, and says what was not kept', async () => {
    const before = await drafter.locator('.declaration-text p[data-number]').count()
    await placeCaret(drafter, 'op-forum', 'end')
    await paste(drafter, FROM_WORD, 'Further invite the partner cities\nto a yearly forum on flood risk.')
    await expect.poll(() => drafter.locator('.declaration-text p[data-number]').count()).toBe(before + 1)
    // The first paragraph's words at the caret, the second as a proposed new paragraph: one suggestion.
    await expect
      .poll(() => visibleText(chair, 'p[data-paragraph-id="op-forum"] ins[data-delegation="rotterdam"]'))
      .toContain('Further invite the partner cities')
    await expect
      .poll(() => chair.locator('p[data-paragraph-id="op-forum"] strong', { hasText: 'invite' }).count(), {
        timeout: 10_000,
      })
      .toBe(1)
    const proposed = chair.locator('p[data-paragraph-id="op-forum"] + p')
    await expect.poll(() => proposed.textContent()).toContain('to a yearly forum on flood risk.')
    expect(await proposed.getAttribute('data-number')).toMatch(/^OP\d+bis$/)
    expect(await proposed.locator('em').textContent()).toBe('forum')
    const ids = await chair.evaluate(() =>
      Array.from(
        document.querySelectorAll(
          'p[data-paragraph-id="op-forum"] ins[data-suggestion], p[data-paragraph-id="op-forum"] + p ins[data-suggestion]',
        ),
        (ins) => ins.getAttribute('data-suggestion'),
      ),
    )
    expect(new Set(ids).size).toBe(1)
    expect(await drafter.getByTestId('paste-report').textContent()).toContain('pictures')
    expect(await drafter.getByTestId('refused-changes').isHidden()).toBe(true)
  })

  it('pastes plain text of several lines too', async () => {
    await placeCaret(drafter, 'op-thanks', 'end')
    await paste(drafter, '', 'First line of ours.\nSecond line of ours.')
    await expect
      .poll(() => visibleText(chair, 'p[data-paragraph-id="op-thanks"] + p'))
      .toContain('Second line of ours.')
  })

  it('takes back a phrase typed in one go with one Ctrl+Z, as the editor does outside negotiation', async () => {
    await placeCaret(drafter, 'op-health', 'end')
    const before = await visibleText(drafter, 'p[data-paragraph-id="op-health"]')
    await drafter.keyboard.type(' and a shared vaccine registry', { delay: 40 })
    await expect
      .poll(() => visibleText(drafter, 'p[data-paragraph-id="op-health"]'))
      .toContain('vaccine registry')
    await drafter.waitForTimeout(700)
    await drafter.keyboard.press('Control+z')
    await expect.poll(() => visibleText(drafter, 'p[data-paragraph-id="op-health"]')).toBe(before)
    await expect.poll(() => visibleText(chair, 'p[data-paragraph-id="op-health"]')).toBe(before)
  })
})
