import { readFileSync } from 'node:fs'
/**
 * Headless Chromium from Debian (`/usr/bin/chromium`), driven by playwright-core. No browser is ever
 * downloaded; CHROMIUM_PATH overrides the location.
 */
import { chromium, type Browser, type Page } from 'playwright-core'

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** A phone as delegates carry them: 390 px wide (an iPhone 12–15), touch, a mobile viewport. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const

/**
 * Opens an invitation link in a fresh browser context (its own cookies) and waits for the text: on a laptop's
 * screen, or on a phone's.
 */
export async function openInvitation(
  browser: Browser,
  url: string,
  device: 'laptop' | 'phone' = 'laptop',
): Promise<Page> {
  const context = await browser.newContext(
    device === 'phone' ? PHONE : { viewport: { width: 1360, height: 900 } },
  )
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url)
  await page
    .waitForSelector('.declaration-text p[data-number]', { timeout: 20_000 })
    .catch((error: unknown) => {
      throw new Error(`editor did not load: ${String(error)}; page errors: ${errors.join('; ')}`)
    })
  return page
}

/** Puts the caret in a paragraph, at its start or end, as a click there would. */
export async function placeCaret(page: Page, paragraphId: string, where: 'start' | 'end'): Promise<void> {
  const paragraph = page.locator(`p[data-paragraph-id="${paragraphId}"]`)
  await paragraph.click()
  await paragraph.evaluate((element, at) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    const texts: Text[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('.collaboration-carets__caret')) texts.push(node as Text)
    }
    const target = at === 'start' ? texts[0]! : texts[texts.length - 1]!
    const range = document.createRange()
    range.setStart(target, at === 'start' ? 0 : target.length)
    range.collapse(true)
    const selection = window.getSelection()!
    selection.removeAllRanges()
    selection.addRange(range)
  }, where)
  // Let ProseMirror read the new DOM selection.
  await page.waitForTimeout(50)
}

/** Selects characters [from, to) of a paragraph's text, as a delegate dragging over the words would. */
export async function selectWords(page: Page, paragraphId: string, from: number, to: number): Promise<void> {
  const paragraph = page.locator(`p[data-paragraph-id="${paragraphId}"]`)
  await paragraph.click()
  await paragraph.evaluate(
    (element, [start, end]) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      const texts: Text[] = []
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('.collaboration-carets__caret')) texts.push(node as Text)
      }
      const locate = (offset: number): [Text, number] => {
        let seen = 0
        for (const text of texts) {
          if (offset <= seen + text.length) return [text, offset - seen]
          seen += text.length
        }
        const last = texts[texts.length - 1]!
        return [last, last.length]
      }
      const range = document.createRange()
      range.setStart(...locate(start!))
      range.setEnd(...locate(end!))
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
    },
    [from, to],
  )
  await page.waitForTimeout(50)
}

/** The text of the matching elements as a reader sees it: other participants' caret labels left out. */
export function textWithoutCarets(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .map((e) => {
        const clone = e.cloneNode(true) as HTMLElement
        clone.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
        return clone.textContent ?? ''
      })
      .join(''),
  )
}

/** What axe-core finds on the page against WCAG 2.1 A and AA: each rule broken, with where. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: Accord's Content Security Policy rightly refuses injected scripts.
  const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8')
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }>
        }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => JSON.stringify(n.target))
          .join(', ')}${v.nodes.length > 5 ? ` (+${v.nodes.length - 5})` : ''}`,
    )
  })
  return violations
}
