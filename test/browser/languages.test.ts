/**
 * Accord in English and Vietnamese: the language picker changes the page's words (the choice is kept on the
 * device), plurals and numbers follow the language, and times are written in its conventions.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationOf } from '../helpers/accord-process.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'
import { placeCaret } from '../helpers/browser.js'

describe('the page in English and Vietnamese', () => {
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

  it('speaks English at first', async () => {
    expect(await chair.getByTestId('language').inputValue()).toBe('en')
    await expect
      .poll(() => chair.getByRole('button', { name: 'Sign out' }).count(), { timeout: 10_000 })
      .toBe(1)
    expect(await chair.locator('.stage-name').textContent()).toBe('Negotiation')
  })

  it('switches to Vietnamese from the picker, and keeps the choice', async () => {
    await placeCaret(drafter, 'op-economy', 'end')
    await drafter.keyboard.type(' and services')
    await Promise.all([chair.waitForEvent('load'), chair.getByTestId('language').selectOption('vi')])
    await expect.poll(() => chair.locator('.stage-name').textContent()).toBe('Đàm phán')
    expect(await chair.evaluate(() => document.documentElement.lang)).toBe('vi')
    await expect
      .poll(() => chair.getByRole('button', { name: 'Đăng xuất' }).count(), { timeout: 10_000 })
      .toBe(1)
    expect(await chair.locator('.stage-role').textContent()).toBe('Chủ tọa, Ho Chi Minh City')
    await expect.poll(() => chair.getByTestId('connection').textContent()).toBe('Đã lưu')
    const item = chair.getByTestId('suggestions').locator('li[data-suggestion]')
    await expect.poll(() => item.locator('.suggestion-who').textContent()).toBe('OP4: Osaka đề xuất thêm')
    expect(await item.getByRole('button').allTextContents()).toEqual(['Chấp nhận', 'Bác bỏ'])
    expect(await chair.getByTestId('bracket-count').textContent()).toBe('0 ngoặc vuông đang mở')
    await chair.screenshot({
      path: new URL('../../docs/screenshot-vietnamese.png', import.meta.url).pathname,
    })
    // Another delegation's page is not changed by the chair's choice.
    expect(await drafter.locator('.stage-name').textContent()).toBe('Negotiation')
  })

  it('writes times in the language’s conventions, in host time', async () => {
    await chair.locator('p[data-paragraph-id="op-economy"] ins').first().hover()
    const card = chair.getByTestId('hover-card')
    await expect.poll(() => card.isVisible()).toBe(true)
    expect(await card.locator('.hover-card-what').first().textContent()).toBe('Đề xuất thêm')
    expect(await card.locator('.hover-card-when').first().textContent()).toMatch(
      /^\d+ tháng \d+, \d{4}, \d\d:\d\d \(Asia\/Ho_Chi_Minh, UTC\+07:00\)$/,
    )
  })

  it('speaks Vietnamese on the secretariat’s page too, and the server refuses in Vietnamese', async () => {
    const secretariat = await scenario.open('secretariat-officer')
    await secretariat.goto(`${scenario.accord.url}/secretariat`)
    await secretariat.getByTestId('secretariat').waitFor()
    await Promise.all([
      secretariat.waitForEvent('load'),
      secretariat.getByTestId('language').selectOption('vi'),
    ])
    await secretariat.getByTestId('secretariat').waitFor()
    await expect.poll(() => secretariat.locator('.document-title').textContent()).toMatch(/^Ban thư ký — /)
    const headings = await secretariat.locator('main h2').allTextContents()
    expect(headings.slice(0, 2)).toEqual(['Hội nghị', 'Danh sách đại biểu'])
    await expect
      .poll(() => secretariat.getByRole('button', { name: 'Thêm đại biểu' }).count(), { timeout: 10_000 })
      .toBe(1)
    await expect
      .poll(() =>
        secretariat
          .locator('table.participants tbody tr')
          .first()
          .locator('select option:checked')
          .textContent(),
      )
      .toMatch(/^(Ban thư ký|Chủ tọa|Trưởng đoàn|Người soạn thảo|Quan sát viên)$/)
    // Renaming Osaka as Leipzig: the server's refusal, in the page's language.
    secretariat.once('dialog', (dialog) => void dialog.accept('Leipzig'))
    await secretariat.locator('[data-delegation="osaka"] button').click()
    await expect
      .poll(() =>
        secretariat.getByTestId('delegations').locator('xpath=following-sibling::p[1]').textContent(),
      )
      .toBe('Đã có một đoàn khác tên Leipzig.')
    await secretariat.close()
  })

  it('offers only the languages the secretariat chose: English only, and the chair’s page speaks English again', async () => {
    const changed = await fetch(`${scenario.accord.url}/api/conference`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${invitationOf(scenario.invites, 'secretariat-officer').token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ languages: ['en'] }),
    })
    expect(changed.status).toBe(200)
    await chair.reload()
    await expect
      .poll(() => chair.locator('.stage-name').textContent(), { timeout: 10_000 })
      .toBe('Negotiation')
    expect(await chair.getByTestId('language').isHidden()).toBe(true)
  })
})
