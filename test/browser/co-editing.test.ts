import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { launchChromium, openInvitation, placeCaret } from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'

const paragraph = (page: Page, id: string) => page.locator(`p[data-paragraph-id="${id}"]`)
const textOf = async (page: Page, id: string) =>
  await paragraph(page, id).evaluate((p) => {
    const clone = p.cloneNode(true) as HTMLElement
    clone.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
    return clone.textContent ?? ''
  })

describe('two delegations drafting in the browser', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let osaka: Page
  let rotterdam: Page
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accordUrl())
  const accordUrl = () => accord.url

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    browser = await launchChromium()
    osaka = await openInvitation(browser, link('osaka-head'))
    rotterdam = await openInvitation(browser, link('rotterdam-drafter'))
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('opens the declaration from the invitation link, signed in, with the token gone from the address bar', async () => {
    expect(new URL(osaka.url()).pathname).toBe('/documents/closing-statement')
    expect(osaka.url()).not.toContain('token')
    await expect
      .poll(() => osaka.locator('h1.declaration-title').first().textContent())
      .toContain('Closing Statement')
    expect(await osaka.locator('h1.declaration-title[lang="vi"]').textContent()).toContain(
      'Đối thoại Hữu nghị',
    )
  })

  it('numbers the paragraphs PP1… and OP1… in the margin', async () => {
    const numbers = await osaka
      .locator('.declaration-text p[data-number]')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-number')))
    expect(numbers).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `PP${i + 1}`),
      ...Array.from({ length: 12 }, (_, i) => `OP${i + 1}`),
    ])
  })

  it('shows the stage and the participant\u2019s role in the banner', async () => {
    const banner = osaka.getByTestId('stage-banner')
    await expect.poll(() => banner.textContent()).toContain('Draft')
    expect(await banner.textContent()).toContain('Head of delegation, Osaka')
    expect(await rotterdam.getByTestId('stage-banner').textContent()).toContain('Drafter, Rotterdam')
  })

  it('lets both type into the same paragraph; each sees the other\u2019s text and caret with the delegation name', async () => {
    await placeCaret(osaka, 'op-climate', 'end')
    await osaka.keyboard.type(' Osaka offers its flood maps.')
    await placeCaret(rotterdam, 'op-climate', 'start')
    await rotterdam.keyboard.type('Rotterdam: ')

    for (const page of [osaka, rotterdam]) {
      await expect
        .poll(() => textOf(page, 'op-climate'))
        .toMatch(/^Rotterdam: Pledge to work together.*Osaka offers its flood maps\.$/)
    }
    await expect
      .poll(() => rotterdam.locator('.collaboration-carets__label').allTextContents())
      .toContain('Head of delegation · Osaka')
    await expect
      .poll(() => osaka.locator('.collaboration-carets__label').allTextContents())
      .toContain('Drafter · Rotterdam')
  })

  it('fades a caret label after a few seconds without moving, and shows it again when its owner moves', async () => {
    const label = osaka.locator(
      '.collaboration-carets__caret[data-participant="rotterdam-drafter"] .collaboration-carets__label',
    )
    const opacity = () => label.evaluate((e) => getComputedStyle(e).opacity)
    await expect.poll(opacity, { timeout: 6000 }).toBe('0')
    await rotterdam.keyboard.type('x')
    await expect.poll(opacity).toBe('1')
    await rotterdam.keyboard.press('Backspace')
  })

  it('lists who is present with name and delegation, in the delegation\u2019s colour', async () => {
    const presence = osaka.getByTestId('presence')
    await expect.poll(() => presence.locator('li').count()).toBeGreaterThanOrEqual(2)
    const rotterdamEntry = presence.locator('li[data-participant="rotterdam-drafter"]')
    expect(await rotterdamEntry.textContent()).toContain('Drafter')
    expect(await rotterdamEntry.textContent()).toContain('Rotterdam')
    const colour = await rotterdamEntry.locator('.presence-name').evaluate((e) => getComputedStyle(e).color)
    expect(colour).not.toBe('rgb(0, 0, 0)')
  })

  it('gives a split paragraph a new id and number, keeps the old one, and undo brings the old text back', async () => {
    // In draft the chair edits directly (delegations suggest): the chair splits the last paragraph.
    const chair = await openInvitation(browser, link('ho-chi-minh-city-chair'))
    await placeCaret(chair, 'op-thanks', 'end')
    await chair.keyboard.press('Enter')
    await chair.keyboard.type('A new operative paragraph.')
    await expect.poll(() => osaka.locator('.declaration-text p').count()).toBe(19)
    const ids = await osaka
      .locator('.declaration-text p')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-paragraph-id')))
    expect(ids).toHaveLength(19)
    expect(new Set(ids).size).toBe(19)
    expect(ids.slice(0, 18)).toContain('op-thanks')
    const last = osaka.locator('.declaration-text p').last()
    expect(await last.getAttribute('data-number')).toBe('OP13')
    expect(await last.getAttribute('data-paragraph-id')).toMatch(/^p-[a-z2-9]{8}$/)
    await expect.poll(() => rotterdam.locator('.declaration-text p').count()).toBe(19)

    // Undo groups edits made within half a second; on a slow machine the typing and the split may be two steps.
    for (let i = 0; i < 4 && (await chair.locator('.declaration-text p').count()) > 18; i++) {
      await chair.keyboard.press('Control+z')
      await chair.waitForTimeout(200)
    }
    await expect.poll(() => chair.locator('.declaration-text p').count()).toBe(18)
    await expect.poll(() => osaka.locator('.declaration-text p').count()).toBe(18)
    await expect.poll(() => paragraph(osaka, 'op-thanks').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => rotterdam.locator('.declaration-text p').count()).toBe(18)
    await chair.context().close()
  })

  it('keeps the text after a reload', async () => {
    await rotterdam.reload()
    await rotterdam.waitForSelector('.declaration-text p[data-number]')
    expect(await textOf(rotterdam, 'op-climate')).toMatch(
      /^Rotterdam: Pledge.*Osaka offers its flood maps\.$/,
    )
  })

  it('takes the screenshot for the README', async () => {
    await placeCaret(rotterdam, 'pp-recovery', 'end')
    await rotterdam.waitForTimeout(300)
    await osaka.evaluate(() => window.scrollTo(0, 0))
    mkdirSync(join(import.meta.dirname, '../../docs'), { recursive: true })
    await osaka.screenshot({ path: join(import.meta.dirname, '../../docs/screenshot.png') })
  })

  it('keeps an observer read-only in the editor', async () => {
    const observer = await openInvitation(browser, link('ministry-of-foreign-affairs-of-viet-nam-observer'))
    expect(await observer.locator('.declaration-text').getAttribute('contenteditable')).toBe('false')
    expect(await observer.getByTestId('stage-banner').textContent()).toContain('cannot change the text')
    const before = await textOf(observer, 'op-thanks')
    await observer.locator('p[data-paragraph-id="op-thanks"]').click()
    await observer.keyboard.type('observer typing')
    expect(await textOf(observer, 'op-thanks')).toBe(before)
    expect(await textOf(osaka, 'op-thanks')).toBe(before)
  })
})
