import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { launchChromium, openInvitation, placeCaret } from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'

describe('the consensus call in the browser', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let browser: Browser
  let head: Page
  let chair: Page
  const link = (participant: string) =>
    invitationOf(invites, participant).url.replace('http://localhost:8787', accord.url)

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    await setStageAsChair(accord, invites, 'negotiation')
    browser = await launchChromium()
    head = await openInvitation(browser, link('osaka-head'))
    chair = await openInvitation(browser, link('ho-chi-minh-city-chair'))
  })

  it('lets a head mark a paragraph its delegation can accept during the negotiation; the chair sees the count', async () => {
    await placeCaret(head, 'op-health', 'end')
    await head.getByTestId('clear-paragraph').click()
    await placeCaret(chair, 'op-health', 'end')
    await expect
      .poll(() => chair.getByTestId('clearance-count').textContent())
      .toBe('OP5: cleared by 1 delegation(s)')
    await setStageAsChair(accord, invites, 'consensus-call')
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets a head record a reservation on a paragraph; the chair sees it in the grid, live', async () => {
    await expect
      .poll(() => chair.getByTestId('consensus-summary').textContent())
      .toBe('25 of 25 delegations pending.')
    expect(await head.getByTestId('stage-banner').textContent()).toContain('cannot change the text')
    await placeCaret(head, 'op-economy', 'end')
    await head.getByTestId('position-kind').selectOption('reservation')
    await head.getByTestId('position-statement').fill('Osaka reads OP4 as covering services.')
    await head.getByTestId('position-record').click()
    const osaka = chair.getByTestId('consensus-grid').locator('li[data-delegation="osaka"]')
    await expect.poll(() => osaka.getAttribute('data-position')).toBe('reservation')
    expect(await osaka.getAttribute('title')).toBe('Approves with a reservation')
    await expect
      .poll(() => chair.getByTestId('consensus-summary').textContent())
      .toBe('24 of 25 delegations pending.')
    const screenshot = new URL('../../docs/screenshot-consensus.png', import.meta.url).pathname
    await chair.screenshot({ path: screenshot })
  })

  it('tells the chair why the text cannot be adopted yet', async () => {
    await chair.locator('[data-next-stage="adopted"]').click()
    await expect
      .poll(() => chair.getByTestId('stage-problem').textContent())
      .toBe('Adoption needs consensus: 24 delegations pending.')
  })
})
