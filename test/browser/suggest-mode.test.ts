import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { launchChromium, openInvitation, placeCaret, textWithoutCarets } from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'

const visibleText = (page: Page, id: string) => textWithoutCarets(page, `p[data-paragraph-id="${id}"]`)

describe('suggest mode in negotiation', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let drafter: Page
  let chair: Page
  let osakaColour: string
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    const chairToken = invitationOf(invites, 'ho-chi-minh-city-chair').token
    const moved = await fetch(`${accord.url}/api/documents/closing-statement/stage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${chairToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ stage: 'negotiation' }),
    })
    expect(moved.status).toBe(200)
    const delegations = (await (
      await fetch(`${accord.url}/api/delegations`, { headers: { Authorization: `Bearer ${chairToken}` } })
    ).json()) as { id: string; colour: string }[]
    osakaColour = delegations.find((d) => d.id === 'osaka')!.colour
    browser = await launchChromium()
    drafter = await openInvitation(browser, link('osaka-drafter'))
    chair = await openInvitation(browser, link('ho-chi-minh-city-chair'))
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('tells the drafter that changes become suggestions', async () => {
    const banner = await drafter.getByTestId('stage-banner').textContent()
    expect(banner).toContain('Negotiation')
    expect(banner).toContain('suggestions')
  })

  it("turns a drafter's typing into an insertion suggestion in the delegation's colour, seen by the chair", async () => {
    await placeCaret(drafter, 'op-climate', 'end')
    await drafter.keyboard.type(' together with partner cities')
    await expect
      .poll(() =>
        textWithoutCarets(drafter, 'p[data-paragraph-id="op-climate"] ins[data-delegation="osaka"]'),
      )
      .toBe(' together with partner cities')
    await expect
      .poll(() => textWithoutCarets(chair, 'p[data-paragraph-id="op-climate"] ins[data-delegation="osaka"]'))
      .toBe(' together with partner cities')
    const atChair = chair.locator('p[data-paragraph-id="op-climate"] ins[data-delegation="osaka"]')
    expect(await atChair.getAttribute('data-participant')).toBe('osaka-drafter')
    const rgb = await atChair.evaluate((e) => getComputedStyle(e).color)
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(osakaColour.slice(i, i + 2), 16))
    expect(rgb).toBe(`rgb(${r}, ${g}, ${b})`)
  })

  it('takes back its own suggested characters for real when the drafter deletes them', async () => {
    await drafter.keyboard.press('Backspace')
    await drafter.keyboard.press('Backspace')
    await expect
      .poll(() =>
        textWithoutCarets(drafter, 'p[data-paragraph-id="op-climate"] ins[data-delegation="osaka"]'),
      )
      .toBe(' together with partner citi')
    await expect
      .poll(() => drafter.locator('p[data-paragraph-id="op-climate"] del').count(), { timeout: 10_000 })
      .toBe(0)
  })

  it('turns deleting agreed text into a deletion suggestion; the text stays, struck through', async () => {
    await placeCaret(drafter, 'op-training', 'end')
    for (let i = 0; i < 'researchers;'.length; i++) await drafter.keyboard.press('Backspace')
    await expect
      .poll(() => textWithoutCarets(chair, 'p[data-paragraph-id="op-training"] del[data-delegation="osaka"]'))
      .toBe('researchers;')
    expect(await visibleText(chair, 'op-training')).toMatch(/students and researchers;$/)
    await drafter.keyboard.type('experts')
    await expect
      .poll(() => textWithoutCarets(chair, 'p[data-paragraph-id="op-training"] ins[data-delegation="osaka"]'))
      .toBe('experts')
  })

  it("makes the chair's own typing a suggestion too in negotiation", async () => {
    await placeCaret(chair, 'op-bridge', 'start')
    await chair.keyboard.type('Further ')
    const inserted = drafter.locator(
      'p[data-paragraph-id="op-bridge"] ins[data-delegation="ho-chi-minh-city"]',
    )
    await expect.poll(() => inserted.textContent()).toBe('Further ')
  })

  it('keeps the suggestions after a reload, and the drafter was never disconnected for a refused change', async () => {
    await drafter.reload()
    await drafter.waitForSelector('.declaration-text p[data-number]')
    expect(
      await drafter.locator('p[data-paragraph-id="op-training"] ins[data-delegation="osaka"]').textContent(),
    ).toBe('experts')
    await expect.poll(() => drafter.getByTestId('refusal').count(), { timeout: 10_000 }).toBe(0)
    expect(accord.stderr()).not.toContain('refused an update')
  })

  it('lets an observer see the suggestions but not type', async () => {
    const observer = await openInvitation(
      browser,
      link('japan-viet-nam-friendship-parliamentary-alliance-observer'),
    )
    expect(await observer.locator('.declaration-text').getAttribute('contenteditable')).toBe('false')
    expect(
      await observer.locator('p[data-paragraph-id="op-training"] del[data-delegation="osaka"]').textContent(),
    ).toBe('researchers;')
    const before = await visibleText(observer, 'op-urban')
    await observer.locator('p[data-paragraph-id="op-urban"]').click()
    await observer.keyboard.type('observer text')
    expect(await visibleText(observer, 'op-urban')).toBe(before)
  })

  it('screenshots the negotiation view', async () => {
    await chair.locator('p[data-paragraph-id="op-climate"]').scrollIntoViewIfNeeded()
    await chair.screenshot({
      path: new URL('../../docs/screenshot-negotiation.png', import.meta.url).pathname,
    })
  })

  it('asks before rejecting all of a delegation, and rejects only what the chair was shown', async () => {
    const osaka = (page: Page) =>
      page.locator(
        '.declaration-text ins[data-delegation="osaka"], .declaration-text del[data-delegation="osaka"]',
      )
    const before = await osaka(chair).count()
    expect(before).toBeGreaterThan(0)
    await chair.getByTestId('suggestion-filter').selectOption('osaka')
    await chair.getByRole('button', { name: 'Reject all of Osaka' }).click()
    const question = chair.getByRole('alertdialog')
    await expect.poll(() => question.textContent()).toMatch(/^Reject \d+ suggestions? \(Osaka \d+\)\?/)
    await chair.screenshot({
      path: new URL('../../docs/screenshot-reject-all.png', import.meta.url).pathname,
    })

    // Cancel changes nothing.
    await question.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => chair.getByRole('alertdialog').count(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => osaka(chair).count(), { timeout: 10_000 }).toBe(before)

    // Asked again; while the question is open, Osaka proposes more words: they are not rejected with the rest.
    await chair.getByRole('button', { name: 'Reject all of Osaka' }).click()
    await placeCaret(drafter, 'op-urban', 'end')
    await drafter.keyboard.type(' in every district')
    await expect
      .poll(() => textWithoutCarets(chair, 'p[data-paragraph-id="op-urban"] ins[data-delegation="osaka"]'))
      .toBe(' in every district')
    await chair
      .getByRole('alertdialog')
      .getByRole('button', { name: /^Reject \d+$/ })
      .click()
    await expect.poll(() => osaka(chair).count()).toBe(1)
    expect(
      await textWithoutCarets(drafter, 'p[data-paragraph-id="op-urban"] ins[data-delegation="osaka"]'),
    ).toBe(' in every district')

    // The chair can take it back for five minutes: the suggestions return as they were, Osaka's, everywhere.
    const undo = chair.getByTestId('undo-decision')
    await expect
      .poll(() => undo.textContent())
      .toMatch(
        new RegExp(
          `^Rejected ${before} suggestions? \\(Osaka ${before}\\) at \\d\\d:\\d\\d; undo until \\d\\d:\\d\\d\\. Undo$`,
        ),
      )
    expect(await drafter.getByTestId('undo-decision').isHidden()).toBe(true)
    await undo.getByRole('button', { name: /^Undo/ }).click()
    for (const page of [chair, drafter]) await expect.poll(() => osaka(page).count()).toBe(before + 1)
    await expect
      .poll(() => chair.getByRole('status').filter({ hasText: 'Undone' }).first().textContent())
      .toBe(`Undone: ${before} suggestion${before === 1 ? ' is' : 's are'} pending again.`)
    await expect.poll(() => undo.isHidden()).toBe(true)
  })
})
