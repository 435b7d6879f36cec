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

describe("a delegation's private notes in the browser", () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let osakaDrafter: Page
  let osakaHead: Page
  let leipzig: Page
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    browser = await launchChromium()
    osakaDrafter = await openInvitation(browser, link('osaka-drafter'))
    osakaHead = await openInvitation(browser, link('osaka-head'))
    leipzig = await openInvitation(browser, link('leipzig-head'))
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets Osaka keep a note on a paragraph that its head sees and Leipzig never receives', async () => {
    await placeCaret(osakaDrafter, 'op-economy', 'end')
    const notes = osakaDrafter.getByTestId('delegation-notes')
    await expect.poll(() => notes.isEnabled()).toBe(true)
    await notes.fill('Check the trade figures with Tokyo before agreeing.')
    await notes.blur()
    await placeCaret(osakaHead, 'op-economy', 'end')
    await expect
      .poll(() => osakaHead.getByTestId('delegation-notes').inputValue())
      .toBe('Check the trade figures with Tokyo before agreeing.')
    await placeCaret(leipzig, 'op-economy', 'end')
    await leipzig.waitForTimeout(500)
    expect(await leipzig.getByTestId('delegation-notes').inputValue()).toBe('')
    expect(await leipzig.content()).not.toContain('trade figures with Tokyo')
    // The margin marks the noted paragraph for Osaka's members only.
    for (const page of [osakaDrafter, osakaHead]) {
      await expect
        .poll(() => page.locator('p[data-paragraph-id="op-economy"]').getAttribute('class'))
        .toContain('has-note')
    }
    await expect.poll(() => leipzig.locator('p.has-note').count(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => osakaHead.locator('p.has-note').count(), { timeout: 10_000 }).toBe(1)
    // Opening the notes never writes to the text (once, re-creating the editor's plugins did, and was refused).
    expect(accord.stderr()).not.toContain('refused an update')
  })
})
