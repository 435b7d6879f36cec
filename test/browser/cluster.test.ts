/**
 * Two Accord processes on PostgreSQL and Redis, as behind a load balancer: a delegate on one process and the
 * secretariat on the other draft the same declaration in Chromium and see each other's words and presence.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationOf, type AccordProcess } from '../helpers/accord-process.js'
import { launchChromium, openInvitation, placeCaret, textWithoutCarets } from '../helpers/browser.js'
import { startCluster, type Cluster } from '../helpers/cluster.js'

describe('drafting in the browser against two Accord processes', () => {
  let cluster: Cluster
  let browser: Browser
  let secretariat: Page
  let osaka: Page
  const linkOn = (accord: AccordProcess, participant: string) =>
    invitationOf(cluster.invites, participant).url.replace('http://localhost:8787', accord.url)

  beforeAll(async () => {
    cluster = await startCluster(2)
    browser = await launchChromium()
    secretariat = await openInvitation(browser, linkOn(cluster.processes[0]!, 'secretariat-officer'))
    osaka = await openInvitation(browser, linkOn(cluster.processes[1]!, 'osaka-head'))
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await cluster?.stop()
  })

  it("shows the secretariat's edit on one process to the delegate on the other, and each one's presence", async () => {
    await placeCaret(secretariat, 'op-climate', 'end')
    await secretariat.keyboard.type(' Typed through the first process.')
    await expect
      .poll(() => textWithoutCarets(osaka, 'p[data-paragraph-id="op-climate"]'), { timeout: 10_000 })
      .toContain('Typed through the first process.')
    await expect
      .poll(() => osaka.getByText('Conference Officer').count(), { timeout: 10_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => secretariat.getByText('Head of delegation').count(), { timeout: 10_000 })
      .toBeGreaterThan(0)
  })

  it("shows the delegate's suggestion made on the second process to the secretariat on the first", async () => {
    await placeCaret(osaka, 'op-climate', 'start')
    await osaka.keyboard.type('Osaka proposes: ')
    await expect
      .poll(() => textWithoutCarets(secretariat, 'p[data-paragraph-id="op-climate"]'), { timeout: 10_000 })
      .toMatch(/^Osaka proposes: /)
    // A suggestion, as Osaka's role in draft allows: shown as an insertion to the secretariat too.
    await expect
      .poll(() => secretariat.locator('p[data-paragraph-id="op-climate"] ins').first().textContent(), {
        timeout: 10_000,
      })
      .toContain('Osaka proposes')
  })
})
