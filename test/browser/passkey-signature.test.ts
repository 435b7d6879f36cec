/**
 * A head signs with a passkey of their own, in Chromium, with the browser's virtual authenticator (DevTools
 * protocol, WebAuthn domain) standing in for a fingerprint reader: the head registers a passkey, sees its
 * fingerprint, signs the adopted text with it after being asked what they sign; the downloaded final PDF prints
 * that fingerprint beside the head's locality and verifies offline with the server's key.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiAs, setStageAsChair } from '../helpers/accord-process.js'
import { startScenario, type Scenario } from '../helpers/scenario.js'

const CLI = join(import.meta.dirname, '../../dist/server/cli.js')

describe('signing with a passkey in the browser', () => {
  let scenario: Scenario
  let dir: string
  const call = apiAs(
    () => scenario.accord,
    () => scenario.invites,
  )

  beforeAll(async () => {
    scenario = await startScenario(['negotiation', 'consensus-call'])
    dir = mkdtempSync(join(tmpdir(), 'accord-passkey-browser-'))
    for (const head of scenario.invites.filter((i) => i.role === 'head' || i.role === 'chair'))
      expect((await call(head.participant, '/positions', { kind: 'approve' })).status).toBe(201)
    await setStageAsChair(scenario.accord, scenario.invites, 'adopted')
  })
  afterAll(async () => {
    await scenario?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('registers a passkey, signs with it, and the PDF names its fingerprint and verifies', async () => {
    const head = await scenario.open('osaka-head')
    const cdp = await head.context().newCDPSession(head)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })
    const passkey = head.getByTestId('passkey-fingerprint')
    await expect
      .poll(() => passkey.textContent(), { timeout: 10_000 })
      .toBe('You sign by a click recorded by the server.')
    await head.getByTestId('register-passkey').click()
    await expect
      .poll(() => passkey.textContent(), { timeout: 10_000 })
      .toMatch(
        /^Your passkey: SHA-256 ([0-9a-f]{4} ){7}[0-9a-f]{4} … — the signed PDF prints it beside your name\.$/,
      )
    const grouped = /SHA-256 (.+) …/.exec((await passkey.textContent())!)![1]!
    expect(await head.getByTestId('register-passkey').isHidden()).toBe(true)
    await head.getByTestId('passkey').scrollIntoViewIfNeeded()
    await head.screenshot({ path: new URL('../../docs/screenshot-passkey.png', import.meta.url).pathname })

    await head.getByTestId('sign').click()
    await head.getByTestId('sign-question').getByRole('button', { name: 'Sign for Osaka' }).click()
    const mine = head.getByTestId('signatures').locator('li[data-delegation="osaka"]')
    await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(1)
    expect(await mine.getByTestId('signed-with-passkey').textContent()).toBe(
      `with their passkey, SHA-256 ${grouped} …`,
    )

    const file = join(dir, 'final.pdf')
    writeFileSync(file, Buffer.from(await (await call('osaka-drafter', '/pdf')).arrayBuffer()))
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    )
    expect(text).toMatch(
      new RegExp(`For Osaka \\(Japan\\).*Signed with their own passkey, key SHA-256 ${grouped} …`),
    )
    writeFileSync(join(dir, 'key.pem'), await (await fetch(`${scenario.accord.url}/api/signing-key`)).text())
    const verdict = spawnSync(process.execPath, [CLI, 'verify', file, '--key', join(dir, 'key.pem')], {
      encoding: 'utf8',
    })
    expect(verdict.stdout).toMatch(/^valid: /)
    expect(verdict.status).toBe(0)
  })
})
