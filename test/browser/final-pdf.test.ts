/**
 * The chair downloads the signed final PDF from the editor once the text is adopted and signed; the file is
 * the adopted text and `accord verify` finds it valid with the server's published key.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mammoth from 'mammoth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import { apiAs, setStageAsChair } from '../helpers/accord-process.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'

const CLI = join(import.meta.dirname, '../../dist/server/cli.js')

describe('the signed final PDF in the browser', () => {
  let scenario: Scenario
  let dir: string
  const call = apiAs(
    () => scenario.accord,
    () => scenario.invites,
  )

  beforeAll(async () => {
    scenario = await startScenario(['negotiation', 'consensus-call'])
    dir = mkdtempSync(join(tmpdir(), 'accord-pdf-browser-'))
    const heads = scenario.invites.filter((i) => i.role === 'head' || i.role === 'chair')
    for (const head of heads)
      expect((await call(head.participant, '/positions', { kind: 'approve' })).status).toBe(201)
    await setStageAsChair(scenario.accord, scenario.invites, 'adopted')
    for (const head of heads.slice(0, 3))
      expect((await call(head.participant, '/signatures', {})).status).toBe(201)
  })
  afterAll(async () => {
    await scenario?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lets the chair download the signed final PDF, which verifies', async () => {
    const chair = await scenario.open('ho-chi-minh-city-chair')
    const link = chair.getByTestId('download-pdf')
    await expect.poll(() => link.textContent()).toBe('Download the signed final PDF')
    const [download] = await Promise.all([chair.waitForEvent('download'), link.click()])
    expect(download.suggestedFilename()).toBe('closing-statement-final.pdf')
    const file = join(dir, 'final.pdf')
    await download.saveAs(file)
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })).toContain(
      'Adopted text · SHA-256',
    )
    writeFileSync(join(dir, 'key.pem'), await (await fetch(`${scenario.accord.url}/api/signing-key`)).text())
    const verdict = spawnSync(process.execPath, [CLI, 'verify', file, '--key', join(dir, 'key.pem')], {
      encoding: 'utf8',
    })
    expect(verdict.stdout).toMatch(/^valid: /)
    expect(verdict.stdout).toContain('3 signatures')
    // The README shows the first page.
    const image = new URL('../../docs/final-pdf-page1', import.meta.url).pathname
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, image])
  })

  it('lets the chair download the live text as Word', async () => {
    const chair = await scenario.open('ho-chi-minh-city-chair')
    const [download] = await Promise.all([
      chair.waitForEvent('download'),
      chair.getByTestId('download-docx').click(),
    ])
    expect(download.suggestedFilename()).toBe('closing-statement.docx')
    const file = join(dir, 'statement.docx')
    await download.saveAs(file)
    const { value } = await mammoth.extractRawText({ path: file })
    expect(value).toContain('Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022')
  })

  it('asks a head first what they sign and for whom, then records the signature', async () => {
    const heads = scenario.invites.filter((i) => i.role === 'head')
    const fourth = heads[3]!
    const head = await scenario.open(fourth.participant)
    await head.getByTestId('sign').click()
    const question = head.getByTestId('sign-question')
    const final = (await (await call(fourth.participant, '/text')).headers.get('x-accord-hash')) ?? ''
    await expect.poll(() => question.getByTestId('signed-hash').textContent()).toBe(final)
    expect(await question.textContent()).toContain(
      '“Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022”',
    )
    await question.getByRole('button', { name: /^Sign for / }).click()
    const signed = head.getByTestId('signatures').locator(`li[data-delegation="${fourth.delegation}"]`)
    await expect.poll(() => signed.count()).toBe(1)
    await expect.poll(() => head.getByTestId('sign').isHidden()).toBe(true)
  })

  it('lets a locality admitted after adoption endorse the text from the editor', async () => {
    const admitted = await call('secretariat-officer', '/api/delegations', {
      name: 'Lyon',
      country: 'France',
    })
    const lyon = (await admitted.json()) as { invitations: Invitation[] }
    scenario.invites.push(...lyon.invitations)
    const head = await scenario.open('lyon-head')
    expect(await head.getByTestId('sign').isHidden()).toBe(true)
    await head.getByTestId('endorse').click()
    await head.getByTestId('endorse-question').getByRole('button', { name: 'Endorse for Lyon' }).click()
    const endorsements = head.getByTestId('endorsements').locator('li[data-delegation="lyon"]')
    await expect.poll(() => endorsements.textContent()).toMatch(/^Lyon — Head of delegation/)
    await expect.poll(() => head.getByTestId('endorse').isHidden()).toBe(true)
  })
})
