/**
 * A meeting on the screen, in Chromium: the chair, the secretariat, three delegations and the room's projector.
 * The chair puts OP4 on the floor; Osaka and Leipzig ask for it and every page — the projector too — lists them in
 * order; the chair gives Osaka the floor for two minutes and the timer counts down everywhere; the secretariat types
 * Osaka's oral proposal, which Osaka's page shows as Osaka's and the projector lists beside OP4; Leipzig supports it
 * and every page lists the supporter; the chair's compilation of OP4 lists it, and Rotterdam's competing words as
 * they are typed; Rotterdam, following the chair, is brought to OP5 when the chair moves on, and so is the
 * projector; Rotterdam asks for the floor on OP6, at its caret, and every page lists it so. Screenshots:
 * docs/screenshot-projector.png, docs/screenshot-compilation.png.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { invitationOf } from '../helpers/accord-process.js'
import { placeCaret } from '../helpers/browser.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'

const DOCS = join(import.meta.dirname, '../../docs')

const inView = (page: Page, paragraph: string) =>
  page.evaluate((id) => {
    const box = document.querySelector(`[data-paragraph-id="${id}"]`)!.getBoundingClientRect()
    return box.top >= 0 && box.bottom <= window.innerHeight
  }, paragraph)

const queueOf = (page: Page) =>
  page
    .locator('[data-testid="speakers-queue"] li[data-delegation]')
    .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.delegation))

describe('a meeting on the screen', () => {
  let scenario: Scenario
  let chair: Page
  let secretariat: Page
  let osaka: Page
  let leipzig: Page
  let rotterdam: Page
  let projector: Page

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    // The secretariat adds the room's screen; its invitation opens the projector's page, at 1080p.
    const added = await fetch(`${scenario.accord.url}/api/participants/screens`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${invitationOf(scenario.invites, 'secretariat-officer').token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'Main hall screen' }),
    })
    expect(added.status).toBe(201)
    const { url } = (await added.json()) as { url: string }
    const context = await scenario.browser.newContext({ viewport: { width: 1920, height: 1080 } })
    projector = await context.newPage()
    await projector.goto(url.replace('http://localhost:8787', scenario.accord.url))
    await projector.waitForSelector('.projector .declaration-text p[data-number]', { timeout: 20_000 })
    chair = await scenario.open('ho-chi-minh-city-chair')
    secretariat = await scenario.open('secretariat-officer')
    osaka = await scenario.open('osaka-drafter')
    leipzig = await scenario.open('leipzig-head')
    rotterdam = await scenario.open('rotterdam-head')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('shows the projector no chrome and nothing to edit', async () => {
    expect(await projector.locator('.top-bar').isVisible()).toBe(false)
    expect(await projector.locator('.declaration-text').getAttribute('contenteditable')).toBe('false')
    expect(await projector.getByTestId('speakers-request').isVisible()).toBe(false)
    // The screen is not someone present: the chair's list has the five people, not the screen.
    const present = chair.getByTestId('presence').locator('li')
    await expect.poll(() => present.count(), { timeout: 10_000 }).toBe(5)
    expect((await present.allTextContents()).join(' ')).not.toContain('Main hall screen')
  })

  it('puts OP4 on the floor; two delegations ask for it and every page lists them in order', async () => {
    await placeCaret(chair, 'op-economy', 'end')
    await chair.getByTestId('floor-put').click()
    await expect
      .poll(() => projector.locator('.declaration-text [data-paragraph-id]:visible').count(), {
        timeout: 10_000,
      })
      .toBe(1)
    expect(await projector.locator('p[data-paragraph-id="op-economy"]').isVisible()).toBe(true)
    await rotterdam.getByTestId('floor-follow').check()
    await osaka.getByTestId('speakers-request').click()
    await expect.poll(() => queueOf(leipzig), { timeout: 10_000 }).toEqual(['osaka'])
    await leipzig.getByTestId('speakers-request').click()
    for (const page of [chair, secretariat, osaka, leipzig, rotterdam, projector])
      await expect.poll(() => queueOf(page), { timeout: 10_000 }).toEqual(['osaka', 'leipzig'])
    expect(await osaka.getByTestId('speakers-request').isDisabled()).toBe(true)
  })

  it('gives Osaka the floor for two minutes; the timer counts down on every page', async () => {
    await chair.getByTestId('speaking-minutes').fill('2')
    await chair.getByTestId('speakers-next').click()
    for (const page of [osaka, leipzig, projector]) {
      await expect
        .poll(() => page.locator('[data-testid="speaking-now"] strong').getAttribute('data-delegation'), {
          timeout: 10_000,
        })
        .toBe('osaka')
      await expect
        .poll(() => page.getByTestId('speaking-timer').textContent(), { timeout: 10_000 })
        .toMatch(/^[12]:[0-5]\d$/)
    }
    await expect.poll(() => queueOf(projector), { timeout: 10_000 }).toEqual(['leipzig'])
    // Osaka is marked as speaking where the room sees who is present.
    await expect
      .poll(() => leipzig.locator('.presence-list li.speaking[data-delegation="osaka"]').count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0)
  })

  it("lets the secretariat type Osaka's oral proposal; Osaka's page and the projector show it as Osaka's", async () => {
    await expect
      .poll(() => secretariat.getByTestId('type-for-speaker').isVisible(), { timeout: 10_000 })
      .toBe(true)
    await secretariat.getByTestId('type-for-speaker').check()
    await placeCaret(secretariat, 'op-economy', 'end')
    await secretariat.keyboard.type(' and tourism')
    await expect
      .poll(
        () => osaka.locator('p[data-paragraph-id="op-economy"] ins[data-delegation="osaka"]').textContent(),
        {
          timeout: 10_000,
        },
      )
      .toContain('and tourism')
    await expect
      .poll(
        () => projector.locator('[data-testid="floor-proposals"] li[data-delegation="osaka"]').textContent(),
        {
          timeout: 10_000,
        },
      )
      .toContain('and tourism')
    await expect.poll(() => secretariat.getByTestId('refused-change').count(), { timeout: 10_000 }).toBe(0)
    // Leipzig supports it in one action; Osaka's page and the projector list the supporter.
    await leipzig
      .locator('[data-testid="suggestions"] li[data-delegation="osaka"] [data-testid="support"]')
      .click()
    await expect
      .poll(
        () =>
          osaka
            .locator('[data-testid="suggestions"] li[data-delegation="osaka"] [data-testid="supporters"]')
            .textContent(),
        { timeout: 10_000 },
      )
      .toBe('Supported by Leipzig')
    await expect
      .poll(
        () => projector.locator('[data-testid="floor-proposals"] [data-testid="supporters"]').textContent(),
        {
          timeout: 10_000,
        },
      )
      .toBe('Supported by Leipzig')
    // The floor's mark survives another participant's change to its paragraph (the binding replaces the node).
    for (const page of [osaka, projector])
      await expect
        .poll(() => page.locator('p[data-paragraph-id="op-economy"].on-the-floor').count(), {
          timeout: 10_000,
        })
        .toBe(1)
    await projector.screenshot({ path: join(DOCS, 'screenshot-projector.png') })
  })

  it('shows the chair the compilation of the paragraph on the floor, live, with competing proposals flagged', async () => {
    await chair.getByTestId('compilation-floor').click()
    const compiled = chair.getByTestId('compilation')
    const proposals = compiled.locator('tr[data-paragraph-id="op-economy"] .compilation-proposals li')
    await expect
      .poll(() => proposals.allTextContents(), { timeout: 10_000 })
      .toEqual([
        expect.stringMatching(
          /^\(a\) Osaka: add “and tourism” \(\d+ \w+, \d\d:\d\d\) · supported by Leipzig$/,
        ),
      ])
    await expect.poll(() => compiled.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    // Rotterdam proposes other words at the same place while the compilation is open: it is added, and both are
    // flagged as competing.
    await placeCaret(rotterdam, 'op-economy', 'end')
    await rotterdam.keyboard.type(' and culture')
    await expect
      .poll(() => proposals.allTextContents(), { timeout: 10_000 })
      .toEqual([
        expect.stringMatching(
          /^\(a\) Osaka: add “and tourism” \(\d+ \w+, \d\d:\d\d\) · supported by Leipzig · competes with \(b\)$/,
        ),
        expect.stringMatching(
          /^\(b\) Rotterdam: add “and culture” \(\d+ \w+, \d\d:\d\d\) · competes with \(a\)$/,
        ),
      ])
    expect(await compiled.getByTestId('compilation-summary').textContent()).toBe(
      '2 pending proposals, 2 competing',
    )
    await expect.poll(() => compiled.locator('li.conflicting').count(), { timeout: 10_000 }).toBe(2)
    await chair.screenshot({ path: join(DOCS, 'screenshot-compilation.png') })
    // The Word and PDF compilation of the same paragraph, with the chair's session.
    for (const [testid, type] of <const>[
      ['compilation-docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['compilation-pdf', 'application/pdf'],
    ]) {
      const href = await compiled.getByTestId(testid).getAttribute('href')
      expect(href).toMatch(/\/compilation\.(docx|pdf)\?floor&lang=en$/)
      const response = await chair.context().request.get(new URL(href!, scenario.accord.url).href)
      expect(response.status()).toBe(200)
      expect(response.headers()['content-type']).toBe(type)
    }
    await chair.keyboard.press('Escape')
    await expect.poll(() => chair.getByTestId('compilation').count(), { timeout: 10_000 }).toBe(0)
  })

  it('brings Rotterdam, following the chair, and the projector to OP5 when the chair moves on', async () => {
    await rotterdam.evaluate(() =>
      document.querySelector('[data-paragraph-id="pp-gathered"]')?.scrollIntoView(),
    )
    await placeCaret(chair, 'op-health', 'end')
    await chair.getByTestId('floor-put').click()
    await expect.poll(() => inView(rotterdam, 'op-health'), { timeout: 10_000 }).toBe(true)
    await expect
      .poll(() => projector.locator('p[data-paragraph-id="op-health"]').isVisible(), { timeout: 10_000 })
      .toBe(true)
    expect(await projector.locator('p[data-paragraph-id="op-economy"]').isVisible()).toBe(false)
  })

  it('lets Rotterdam ask for the floor on another paragraph, the one at its caret; every page lists it with its number', async () => {
    const here = rotterdam.getByTestId('speakers-request-here')
    await placeCaret(rotterdam, 'op-health', 'end')
    // On the paragraph on the floor, the plain request says it all.
    await expect.poll(() => here.isVisible()).toBe(false)
    await placeCaret(rotterdam, 'op-climate', 'start')
    await expect.poll(() => here.textContent()).toBe('Request the floor on OP6')
    await here.click()
    for (const page of [chair, projector])
      await expect
        .poll(
          () => page.locator('[data-testid="speakers-queue"] li[data-delegation="rotterdam"]').textContent(),
          { timeout: 10_000 },
        )
        .toMatch(/^Rotterdam · OP6/)
    // One request at a time: asking again waits until this one is heard or withdrawn.
    await expect.poll(() => here.isDisabled()).toBe(true)
  })
})
