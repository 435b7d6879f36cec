/**
 * The editing loop on flaky Wi-Fi: outages, a killed server, a reload while offline, a refused change. In each
 * case the words a delegate typed reach the others, or stay on the delegate's screen with the reason — and the
 * page is never reloaded behind the delegate's back.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiAs, setStageAsChair, startAccord } from '../helpers/accord-process.js'
import { placeCaret, textWithoutCarets } from '../helpers/browser.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'

const visibleText = (page: Page, id: string) => textWithoutCarets(page, `p[data-paragraph-id="${id}"]`)
const saveState = (page: Page) => page.getByTestId('connection').getAttribute('data-state')
/** A mark on the window that a reload would wipe out. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { notReloaded: true }))
const wasReloaded = (page: Page) =>
  page.evaluate(() => !(window as unknown as { notReloaded?: boolean }).notReloaded)

describe('never losing a delegate\u2019s words', () => {
  let scenario: Scenario
  let drafter: Page
  let chair: Page

  beforeAll(async () => {
    scenario = await startScenario(['negotiation'])
    drafter = await scenario.open('osaka-drafter')
    chair = await scenario.open('ho-chi-minh-city-chair')
  })
  afterAll(async () => {
    await scenario?.close()
  })

  it('says Saved only once the server has stored the words', async () => {
    await markPage(drafter)
    await placeCaret(drafter, 'op-climate', 'end')
    await drafter.keyboard.type(' with shared flood maps')
    await expect.poll(() => saveState(drafter)).toBe('saved')
    await expect.poll(() => visibleText(chair, 'op-climate')).toContain('with shared flood maps')
  })

  it('shows Offline within 3 s of the network dropping, and delivers what was typed after 60 s away', async () => {
    await drafter.context().setOffline(true)
    const dropped = Date.now()
    await expect.poll(() => saveState(drafter), { interval: 100, timeout: 3_000 }).toBe('offline')
    expect(Date.now() - dropped).toBeLessThan(3_000)
    await placeCaret(drafter, 'op-health', 'end')
    await drafter.keyboard.type(' and vaccine research')
    await expect.poll(() => drafter.getByTestId('connection').getAttribute('data-unsaved')).not.toBe('0')
    await drafter.waitForTimeout(60_000)
    await drafter.context().setOffline(false)
    await expect
      .poll(() => visibleText(chair, 'op-health'), { timeout: 15_000 })
      .toContain('and vaccine research')
    await expect.poll(() => saveState(drafter), { timeout: 10_000 }).toBe('saved')
    expect(await wasReloaded(drafter)).toBe(false)
  }, 120_000)

  it('reconnects by itself after the server is killed and restarted, and the words typed meanwhile arrive', async () => {
    const { accord } = scenario
    await accord.kill('SIGKILL')
    await expect.poll(() => saveState(drafter), { interval: 100, timeout: 3_000 }).toBe('offline')
    await placeCaret(drafter, 'op-urban', 'end')
    await drafter.keyboard.type(' in every district')
    scenario.accord = await startAccord({ dataDir: accord.dataDir, port: accord.port })
    await expect
      .poll(() => visibleText(chair, 'op-urban'), { timeout: 20_000 })
      .toContain('in every district')
    await expect.poll(() => saveState(drafter), { timeout: 10_000 }).toBe('saved')
    expect(await wasReloaded(drafter)).toBe(false)
  }, 60_000)

  it('keeps words typed offline through a reload, and sends them once back online', async () => {
    await drafter.context().setOffline(true)
    await expect.poll(() => saveState(drafter), { timeout: 3_000 }).toBe('offline')
    await placeCaret(drafter, 'op-training', 'end')
    await drafter.keyboard.type(' for young civil servants')
    // The browser cannot even fetch the page while offline…
    await drafter.reload().catch(() => undefined)
    await drafter.context().setOffline(false)
    // …and once back, the page opens with the words kept on the device and delivers them.
    await drafter.reload()
    await expect
      .poll(() => visibleText(chair, 'op-training'), { timeout: 20_000 })
      .toContain('for young civil servants')
    await expect.poll(() => visibleText(drafter, 'op-training')).toContain('for young civil servants')
    await expect.poll(() => saveState(drafter), { timeout: 10_000 }).toBe('saved')
  }, 60_000)

  it('keeps refused words on screen with the reason, without a reload, and proposes them again in one action', async () => {
    await markPage(drafter)
    await drafter.context().setOffline(true)
    await expect.poll(() => saveState(drafter), { timeout: 3_000 }).toBe('offline')
    await placeCaret(drafter, 'op-culture', 'end')
    await drafter.keyboard.type(' through twinned museums')
    // Meanwhile the chair settles what is pending and freezes the text: the change can no longer be accepted.
    const api = apiAs(
      () => scenario.accord,
      () => scenario.invites,
    )
    expect((await api('ho-chi-minh-city-chair', '/suggestions/accept', {})).status).toBe(200)
    await setStageAsChair(scenario.accord, scenario.invites, 'consensus-call')
    await drafter.context().setOffline(false)
    const refused = drafter.getByTestId('refused-change')
    await expect.poll(() => refused.count(), { timeout: 20_000 }).toBe(1)
    expect(await refused.textContent()).toContain('through twinned museums')
    expect(await refused.getAttribute('data-paragraph-id')).toBe('op-culture')
    expect(await refused.locator('.refused-reason').textContent()).toMatch(/OP\d+: .+/)
    expect(await visibleText(drafter, 'op-culture')).not.toContain('through twinned museums')
    expect(await wasReloaded(drafter)).toBe(false)
    // The refused words are kept on the device: a reload (or a closed tab) does not lose them.
    await drafter.reload()
    await drafter.waitForSelector('.declaration-text p[data-number]')
    await expect.poll(() => refused.count()).toBe(1)
    expect(await refused.textContent()).toContain('through twinned museums')
    // The chair reopens the negotiation; one click puts the words back as Osaka's suggestion.
    await setStageAsChair(scenario.accord, scenario.invites, 'negotiation')
    await expect.poll(() => drafter.getByTestId('stage-banner').textContent()).toContain('Negotiation')
    await refused.getByRole('button', { name: 'Propose again' }).click()
    await expect.poll(() => refused.count()).toBe(0)
    await expect
      .poll(
        () => textWithoutCarets(chair, 'p[data-paragraph-id="op-culture"] ins[data-delegation="osaka"]'),
        {
          timeout: 10_000,
        },
      )
      .toContain('through twinned museums')
  }, 60_000)
})
