/**
 * Two Accord processes on PostgreSQL and Redis, as behind a load balancer: a delegate on one process and the
 * secretariat on the other draft the same declaration in Chromium and see each other's words and presence.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import { startPostgres, startRedis, type LocalService } from '../../scripts/local-services.js'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  tempDataDir,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { launchChromium, openInvitation, placeCaret, textWithoutCarets } from '../helpers/browser.js'

describe('drafting in the browser against two Accord processes', () => {
  let postgres: LocalService
  let redis: LocalService
  const dataDir = tempDataDir()
  const processes: AccordProcess[] = []
  let invites: Invitation[]
  let browser: Browser
  let secretariat: Page
  let osaka: Page
  const linkOn = (accord: AccordProcess, participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)

  beforeAll(async () => {
    ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
    const args = ['--database', postgres.url, '--redis', redis.url]
    processes.push(await startAccord({ dataDir, args }))
    processes.push(await startAccord({ dataDir, args }))
    invites = invitations(dataDir, ['--database', postgres.url])
    browser = await launchChromium()
    secretariat = await openInvitation(browser, linkOn(processes[0]!, 'secretariat-officer'))
    osaka = await openInvitation(browser, linkOn(processes[1]!, 'osaka-head'))
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all(processes.map((p) => p.kill()))
    await Promise.all([postgres?.stop(), redis?.stop()])
    removeDataDir(dataDir)
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
