/**
 * A secretariat runs a conference of its own, in the browser: after `accord conference create`, its officer's link
 * opens the secretariat's page; the roster comes from a CSV file (previewed, one bad row refused, fixed, imported);
 * a document is created and its zero draft imported from Word; the invitation cards are downloaded; and a delegate
 * of the new roster signs in with a link from the page and proposes a change the chair sees.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Document, HeadingLevel, Packer, Paragraph } from 'docx'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, removeDataDir, startAccord, type AccordProcess } from '../helpers/accord-process.js'
import { launchChromium, placeCaret, textWithoutCarets } from '../helpers/browser.js'

const GOOD = [
  'Delegation,Country,Participant name,Function,Role,E-mail',
  'Đà Nẵng,Việt Nam,Lê Văn Chủ,Chairman,chair,',
  'Osaka,Japan,Yamada Taro,Deputy Mayor,head,yamada@osaka.example',
  'Osaka,Japan,Suzuki Hanako,Officer,drafter,',
].join('\n')
const BAD = `${GOOD}\nKyoto,Japan,Someone,,minister,`

describe('a secretariat sets up its own conference in the browser', () => {
  let accord: AccordProcess
  let browser: Browser
  let secretariat: Page
  let officerLink: string
  let documentId: string
  const files = mkdtempSync(join(tmpdir(), 'accord-own-'))

  beforeAll(async () => {
    accord = await startAccord()
    const created = execFileSync(
      process.execPath,
      [
        CLI,
        'conference',
        'create',
        '--data',
        accord.dataDir,
        '--public-url',
        accord.url,
        '--name',
        'Da Nang Friendship Dialogue 2026',
        '--time-zone',
        'Asia/Ho_Chi_Minh',
        '--host-locality',
        'Đà Nẵng',
      ],
      { encoding: 'utf8' },
    )
    officerLink = /(http\S+join#token=\S+)/.exec(created)![1]!
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
    removeDataDir(files)
  })

  it("opens the secretariat's page from the officer's link, the conference having no document yet", async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1360, height: 900 },
    })
    secretariat = await context.newPage()
    await secretariat.goto(officerLink)
    await secretariat.getByTestId('secretariat').waitFor()
    expect(secretariat.url()).toMatch(/\/secretariat$/)
    expect(await secretariat.locator('.top-bar').textContent()).toContain(
      'Secretariat — Da Nang Friendship Dialogue 2026',
    )
    expect(await secretariat.getByLabel('Name', { exact: true }).inputValue()).toBe(
      'Da Nang Friendship Dialogue 2026',
    )
  })

  it('previews a roster, names the bad row and keeps Import off; imports the fixed file', async () => {
    const input = secretariat.getByLabel('Roster file (CSV or Excel)')
    await input.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) })
    await expect
      .poll(() => secretariat.getByTestId('roster-result').textContent())
      .toContain('Row 5: The role "minister"')
    expect(await secretariat.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true)

    await input.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) })
    await expect
      .poll(() => secretariat.getByTestId('roster-result').textContent())
      .toContain('3 rows would give: 2 new delegations, 3 new participants')
    await secretariat.getByRole('button', { name: 'Import' }).click()
    await expect
      .poll(() => secretariat.getByTestId('roster-result').textContent())
      .toContain('Imported 3 rows')
    await expect.poll(() => secretariat.getByTestId('participants').textContent()).toContain('Yamada Taro')
  })

  it('creates a document and imports its zero draft from Word', async () => {
    await secretariat.getByLabel('Title of the new document').fill('Da Nang Declaration')
    await secretariat.getByRole('button', { name: 'Create document' }).click()
    const item = secretariat.getByTestId('documents').locator('li', { hasText: 'Da Nang Declaration' })
    await item.waitFor()
    documentId = (await item.getAttribute('data-document'))!
    const word = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: 'Da Nang Declaration', heading: HeadingLevel.TITLE }),
              new Paragraph('Recalling the friendship between our cities,'),
              new Paragraph('1. Agree to exchange experience in urban management.'),
            ],
          },
        ],
      }),
    )
    await secretariat.getByLabel('Zero draft for Da Nang Declaration').setInputFiles({
      name: 'zero-draft.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: word,
    })
    await expect
      .poll(() => secretariat.locator('.secretariat').textContent())
      .toContain('the zero draft was imported')
  })

  it('downloads the invitation cards as a PDF with every participant', async () => {
    const [download] = await Promise.all([
      secretariat.waitForEvent('download'),
      secretariat.getByRole('link', { name: 'Invitation cards (PDF)' }).click(),
    ])
    const file = join(files, 'cards.pdf')
    await download.saveAs(file)
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    for (const name of ['Secretariat officer', 'Lê Văn Chủ', 'Yamada Taro', 'Suzuki Hanako'])
      expect(text).toContain(name)
    // For the README: the secretariat's page as it is after the import.
    await secretariat.screenshot({ path: join(import.meta.dirname, '../../docs/screenshot-secretariat.png') })
  })

  it('adds, renames and removes a participant on the page, and says why a change is refused', async () => {
    const table = secretariat.getByTestId('participants')
    await secretariat.getByLabel('Delegation', { exact: true }).fill('Osaka')
    await secretariat.getByLabel('Participant name', { exact: true }).fill('Kimura Ken')
    await secretariat.getByRole('button', { name: 'Add participant' }).click()
    const kimura = table.locator('tr', { hasText: 'Kimura Ken' })
    await kimura.waitFor()

    secretariat.once('dialog', (dialog) => void dialog.accept('Kimura Kenji'))
    await kimura.getByRole('button', { name: 'Rename' }).click()
    await table.locator('tr', { hasText: 'Kimura Kenji' }).waitFor()

    await table
      .locator('tr', { hasText: 'Yamada Taro' })
      .getByLabel('Role of Yamada Taro')
      .selectOption('drafter')
    await expect
      .poll(() => secretariat.getByTestId('secretariat').textContent())
      .toContain('Osaka has no head of delegation')

    secretariat.once('dialog', (dialog) => void dialog.accept())
    await table.locator('tr', { hasText: 'Kimura Kenji' }).getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => table.textContent()).not.toContain('Kimura')
    expect(
      await table.locator('tr', { hasText: 'Yamada Taro' }).getByLabel('Role of Yamada Taro').inputValue(),
    ).toBe('head')
  })

  it("changes the conference's facts and renames a delegation on the page", async () => {
    const conference = secretariat.getByTestId('conference')
    await conference.getByLabel('Venue').fill('Ariyana Convention Centre')
    await conference.getByLabel('Host time zone').fill('Mars/Olympus')
    await conference.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => conference.textContent()).toContain('hostTimeZone')
    await conference.getByLabel('Host time zone').fill('Asia/Ho_Chi_Minh')
    // The pages in Vietnamese only: unticking English.
    await conference.getByTestId('language-en').uncheck()
    await conference.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => conference.textContent()).toContain('Saved.')
    const saved = (await secretariat.evaluate(() =>
      fetch('/api/conference', { credentials: 'same-origin' }).then((r) => r.json()),
    )) as { languages: string[] }
    expect(saved.languages).toEqual(['vi'])
    await conference.getByTestId('language-en').check()
    await conference.getByRole('button', { name: 'Save' }).click()

    const delegations = secretariat.getByTestId('delegations')
    secretariat.once('dialog', (dialog) => void dialog.accept('Ōsaka'))
    await delegations.locator('li', { hasText: 'Osaka' }).getByRole('button', { name: 'Rename' }).click()
    await expect.poll(() => delegations.textContent()).toContain('Ōsaka (Japan)')
    await expect.poll(() => secretariat.getByTestId('participants').textContent()).toContain('Ōsaka')
  })

  it('lets a delegate of the new roster sign in with the link from the page and propose a change', async () => {
    const row = (name: string) => secretariat.getByTestId('participants').locator('tr', { hasText: name })
    const drafterLink = (await row('Suzuki Hanako').locator('.invitation-link').textContent())!
    const chairLink = (await row('Lê Văn Chủ').locator('.invitation-link').textContent())!
    const chairToken = /token=(\S+)/.exec(chairLink)![1]!
    const moved = await fetch(`${accord.url}/api/documents/${encodeURIComponent(documentId)}/stage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${chairToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ stage: 'negotiation' }),
    })
    expect(moved.status).toBe(200)

    const open = async (link: string) => {
      const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage()
      await page.goto(link)
      await page
        .waitForSelector('.declaration-text p[data-number]', { timeout: 10_000 })
        .catch(async (e: unknown) => {
          console.log('URL', page.url(), await page.locator('body').innerText())
          throw e
        })
      return page
    }
    const drafter = await open(drafterLink)
    const chair = await open(chairLink)
    expect(await drafter.locator('.declaration-text').textContent()).toContain(
      'exchange experience in urban management',
    )
    const paragraph = (await drafter
      .locator('.declaration-text p[data-paragraph-id]', { hasText: 'urban management' })
      .getAttribute('data-paragraph-id'))!
    await placeCaret(drafter, paragraph, 'end')
    await drafter.keyboard.type(' and climate adaptation')
    const proposed = (page: Page) =>
      textWithoutCarets(
        page,
        `p[data-paragraph-id="${paragraph}"] ins[data-participant$="osaka-suzuki-hanako"]`,
      )
    await expect.poll(() => proposed(chair), { timeout: 10_000 }).toBe(' and climate adaptation')

    // A lost card: "New link" on the secretariat's page signs the open page out, its words kept.
    secretariat.once('dialog', (dialog) => void dialog.accept())
    await row('Suzuki Hanako').getByRole('button', { name: 'New link' }).click()
    await expect
      .poll(() => row('Suzuki Hanako').locator('.invitation-link').textContent())
      .not.toBe(drafterLink)
    await expect
      .poll(() => drafter.getByTestId('connection').textContent(), { timeout: 15_000 })
      .toContain('Signed out')
    expect(await proposed(chair)).toBe(' and climate adaptation')
  })
})
