import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiAs,
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { launchChromium, openInvitation, placeCaret } from '../helpers/browser.js'
import type { Invitation } from '../../server/invites.js'
import { localTimeOf } from '../../workflows/conference/host-time.js'

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
      .toBe('OP5: cleared by 1 delegation')
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
    // The caret's paragraph is chosen to begin with; the head adds OP6 from the list.
    const chooser = head.getByTestId('position-paragraphs')
    expect(
      await chooser.evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value)),
    ).toEqual(['op-economy'])
    await chooser.selectOption(['op-economy', 'op-climate'])
    await head.getByTestId('position-statement').fill('Osaka reads OP4 as covering services.')
    await head.getByTestId('position-record').click()
    await expect
      .poll(() => head.getByTestId('position-recorded').textContent())
      .toMatch(
        /^On record for Osaka: Approves with a reservation on OP4, OP6, recorded \d+ \w+ \d{4}, \d\d:\d\d \(Asia\/Ho_Chi_Minh, UTC\+07:00\)\.$/,
      )
    // The chair — and every delegation — reads the statement with its paragraphs beside the grid.
    const statement = chair.getByTestId('positions-list').locator('li[data-delegation="osaka"]')
    await expect
      .poll(() => statement.locator('blockquote').textContent())
      .toBe('Osaka reads OP4 as covering services.')
    expect(await statement.locator('button[data-paragraph]').allTextContents()).toEqual(['OP4', 'OP6'])
    const osaka = chair.getByTestId('consensus-grid').locator('li[data-delegation="osaka"]')
    await expect.poll(() => osaka.getAttribute('data-position')).toBe('reservation')
    expect(await osaka.getAttribute('title')).toBe('Approves with a reservation')
    await expect
      .poll(() => chair.getByTestId('consensus-summary').textContent())
      .toBe('24 of 25 delegations pending.')
    const screenshot = new URL('../../docs/screenshot-consensus.png', import.meta.url).pathname
    await chair.screenshot({ path: screenshot })
  })

  const asChairOrHead = apiAs(
    () => accord,
    () => invites,
  )

  it('asks the chair first, showing the hash adoption fixes, and tells why the text cannot be adopted yet', async () => {
    // Moving on and moving back are apart: "Move to Adopted…" first, "Back to Negotiation…" after it.
    expect(
      await chair.locator('[data-next-stage]').evaluateAll((bs) => bs.map((b) => b.textContent)),
    ).toEqual(['Move to Adopted…', 'Back to Negotiation…'])
    await chair.locator('[data-next-stage="adopted"]').click()
    const question = chair.getByTestId('stage-question')
    const hash = (await (await asChairOrHead('osaka-drafter', '/text')).headers.get('x-accord-hash')) ?? ''
    await expect.poll(() => question.getByTestId('adoption-hash').textContent()).toBe(hash)
    expect(await question.textContent()).toContain('Adoption fixes this text for ever')
    // Cancel changes nothing; asked again, the chair goes ahead.
    await question.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => chair.getByTestId('stage-question').count(), { timeout: 10_000 }).toBe(0)
    await chair.locator('[data-next-stage="adopted"]').click()
    await chair.getByTestId('stage-question').getByRole('button', { name: 'Adopt the text' }).click()
    await expect
      .poll(() => chair.getByTestId('stage-problem').textContent())
      .toBe('Adoption needs consensus: 24 delegations pending.')
  })

  it('lets the chair set a silence deadline in the host time zone; an objection breaks it, live', async () => {
    const inAnHour = localTimeOf(Date.now() + 3_600_000, 'Asia/Ho_Chi_Minh').slice(0, 16)
    expect(await head.getByTestId('silence-set').isHidden()).toBe(true)
    await chair.getByTestId('silence-deadline').fill(inAnHour)
    await chair.getByTestId('silence-set').click()
    const hour = inAnHour.slice(11, 16)
    await expect
      .poll(() => head.getByTestId('silence-state').textContent())
      .toMatch(new RegExp(`^Silence until .*${hour} \\(Asia/Ho_Chi_Minh, UTC\\+07:00\\)`))
    const objection = await asChairOrHead('minsk-head', '/positions', {
      kind: 'object',
      statement: 'Minsk cannot accept OP6.',
    })
    expect(objection.status).toBe(201)
    await expect
      .poll(() => chair.getByTestId('silence-state').textContent())
      .toMatch(/^Silence broken by Minsk at /)
    await expect
      .poll(() =>
        chair
          .getByTestId('consensus-grid')
          .locator('li[data-delegation="minsk"]')
          .getAttribute('data-position'),
      )
      .toBe('object')
    // The objection's reason leads the statements, before the reservation.
    const listed = chair.getByTestId('positions-list').locator('li')
    await expect.poll(() => listed.first().getAttribute('data-delegation')).toBe('minsk')
    expect(await listed.first().locator('blockquote').textContent()).toBe('Minsk cannot accept OP6.')
    // The head's page receives the objection on its own socket, possibly a moment later.
    await expect.poll(() => head.getByTestId('positions-list').locator('li').count()).toBe(2)
    await chair.getByTestId('positions-list').scrollIntoViewIfNeeded()
    await chair.screenshot({ path: new URL('../../docs/screenshot-positions.png', import.meta.url).pathname })
  })

  it('shows a head what changed in the text since its delegation last recorded a position', async () => {
    await setStageAsChair(accord, invites, 'negotiation')
    await placeCaret(head, 'op-economy', 'end')
    await head.keyboard.type(' Osaka adds services.')
    await expect
      .poll(
        async () =>
          (
            (await (await asChairOrHead('ho-chi-minh-city-chair', '/suggestions')).json()) as {
              suggestions: unknown[]
            }
          ).suggestions.length,
      )
      .toBe(1)
    expect((await asChairOrHead('ho-chi-minh-city-chair', '/suggestions/accept', {})).status).toBe(200)
    await head.getByTestId('redline-since-position').click()
    const redline = head.getByTestId('redline')
    await expect
      .poll(() => redline.locator('h2').textContent())
      .toMatch(/^Redline: your position of .* → live text$/)
    expect(await redline.locator('li[data-paragraph-id="op-economy"] ins').allTextContents()).toEqual([
      expect.stringContaining('Osaka adds services.'),
    ])
    await expect.poll(() => redline.locator('li[data-status="changed"]').count(), { timeout: 10_000 }).toBe(1)
  })
})
