/**
 * A head signs with a key of their own: a passkey registered over the API (WebAuthn ceremonies from a software
 * authenticator, byte for byte what a browser sends), the adopted text signed with it, the final PDF naming the
 * key's fingerprint and carrying the assertion, which `accord verify` checks offline. Refused: a statement of
 * another participant, an assertion over another statement, an unknown passkey, an old statement; a drafter has
 * no passkeys. A head without a passkey still signs by a click, and the PDF says which kind each signature is.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createPrivateKey, sign } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server'
import { PDFDocument, PDFHexString, PDFName, type PDFDict } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../server/audit/audit-log.js'
import type { Invitation } from '../../server/invites.js'
import {
  apiAs,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { SoftAuthenticator } from '../helpers/soft-authenticator.js'

const CLI = join(import.meta.dirname, '../../dist/server/cli.js')
const CHAIR = 'ho-chi-minh-city-chair'
type Statement = Record<string, string>

describe('a head signs with a passkey of their own', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let authenticator: SoftAuthenticator
  let fingerprint: string
  const call = apiAs(
    () => accord,
    () => invites,
  )
  const signingOptions = async (participant: string) => {
    const response = await call(participant, '/signatures/options', {})
    expect(response.status).toBe(200)
    return (await response.json()) as { statement: Statement; options: PublicKeyCredentialRequestOptionsJSON }
  }

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    authenticator = new SoftAuthenticator(accord.url)
    expect((await call(CHAIR, '/stage', { stage: 'negotiation' })).status).toBe(200)
    expect((await call(CHAIR, '/stage', { stage: 'consensus-call' })).status).toBe(200)
    for (const head of invites.filter((i) => i.role === 'head' || i.role === 'chair'))
      expect((await call(head.participant, '/positions', { kind: 'approve' })).status).toBe(201)
    expect((await call(CHAIR, '/stage', { stage: 'adopted' })).status).toBe(200)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('registers a head’s passkey, and none for a drafter', async () => {
    expect((await call('osaka-drafter', '/api/passkeys/options', {})).status).toBe(403)
    const options = (await (
      await call('osaka-head', '/api/passkeys/options', {})
    ).json()) as PublicKeyCredentialCreationOptionsJSON
    expect(options.rp).toEqual({ name: 'Accord', id: 'localhost' })
    const registered = await call('osaka-head', '/api/passkeys', {
      response: authenticator.register(options),
    })
    expect(registered.status).toBe(201)
    fingerprint = ((await registered.json()) as { fingerprint: string }).fingerprint
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/)
    const listed = (await (await call('osaka-head', '/api/passkeys')).json()) as { fingerprint: string }[]
    expect(listed.map((p) => p.fingerprint)).toEqual([fingerprint])
    // The same ceremony again, or another head's challenge: refused.
    expect(
      (await call('osaka-head', '/api/passkeys', { response: authenticator.register(options) })).status,
    ).toBe(409)
    const leipzig = (await (
      await call('leipzig-head', '/api/passkeys/options', {})
    ).json()) as PublicKeyCredentialCreationOptionsJSON
    expect(
      (
        await call('osaka-head', '/api/passkeys', {
          response: new SoftAuthenticator(accord.url).register(leipzig),
        })
      ).status,
    ).toBe(403)
  })

  it('refuses a signature over another statement, by another key, or for someone else', async () => {
    const { statement, options } = await signingOptions('osaka-head')
    expect(statement).toMatchObject({
      delegation: 'osaka',
      participant: 'osaka-head',
      format: 'accord-signature-1',
    })
    // Signed, then the statement changed (another time): the assertion is not over it.
    const response = authenticator.sign(options)
    const altered = { ...statement, at: new Date(Date.parse(statement.at!) - 1000).toISOString() }
    expect(
      (await call('osaka-head', '/signatures', { passkey: { statement: altered, response } })).status,
    ).toBe(403)
    // Another authenticator's key, unknown here.
    const stranger = new SoftAuthenticator(accord.url).sign(options)
    expect(
      (await call('osaka-head', '/signatures', { passkey: { statement, response: stranger } })).status,
    ).toBe(403)
    // Osaka's statement, sent by Leipzig's head.
    expect((await call('leipzig-head', '/signatures', { passkey: { statement, response } })).status).toBe(403)
    // From another page than Accord's.
    const elsewhere = authenticator.sign(options, 'https://evil.example')
    expect(
      (await call('osaka-head', '/signatures', { passkey: { statement, response: elsewhere } })).status,
    ).toBe(403)
    // Nothing was signed.
    expect(((await (await call('osaka-head', '/signatures')).json()) as unknown[]).length).toBe(0)
  })

  it('signs with the passkey; the PDF names the key, carries the assertion and verifies offline', async () => {
    const { statement, options } = await signingOptions('osaka-head')
    const signed = await call('osaka-head', '/signatures', {
      passkey: { statement, response: authenticator.sign(options) },
    })
    expect(signed.status).toBe(201)
    expect(await signed.json()).toMatchObject({ delegation: 'osaka', passkey: { fingerprint, statement } })
    // Everyone else by a click, as before.
    for (const head of invites.filter(
      (i) => (i.role === 'head' || i.role === 'chair') && i.delegation !== 'osaka',
    ))
      expect((await call(head.participant, '/signatures', {})).status).toBe(201)

    const dir = mkdtempSync(join(tmpdir(), 'accord-passkey-'))
    try {
      const file = join(dir, 'final.pdf')
      writeFileSync(file, Buffer.from(await (await call('osaka-drafter', '/pdf')).arrayBuffer()))
      writeFileSync(join(dir, 'key.pem'), await (await fetch(`${accord.url}/api/signing-key`)).text())
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      )
      const grouped = fingerprint.slice(0, 32).replace(/(.{4})(?!$)/g, '$1 ')
      expect(text).toContain(`For Osaka (Japan)`)
      expect(text).toContain(`Signed with their own passkey, key SHA-256 ${grouped} …`)
      expect(text).toContain('Signature recorded by the server (no personal key)')
      const verified = spawnSync(process.execPath, [CLI, 'verify', file, '--key', join(dir, 'key.pem')], {
        encoding: 'utf8',
      })
      expect(verified.stdout).toMatch(/^valid: /)
      expect(verified.stdout).toContain(
        `osaka: Head of delegation, with their own passkey, key SHA-256 ${fingerprint}`,
      )
      expect(verified.status).toBe(0)

      // The server itself forges Osaka's signature: it changes the assertion and signs the manifest again with
      // its own key. Only the head's key could have made the assertion: accord verify says so.
      const forged = await PDFDocument.load(readFileSync(file), { updateMetadata: false })
      const info = forged.context.lookup(forged.context.trailerInfo.Info) as PDFDict
      const manifest = JSON.parse(
        (info.lookup(PDFName.of('AccordManifest')) as PDFHexString).decodeText(),
      ) as {
        signatures: { delegation: string; passkey?: { signature: string } }[]
      }
      const osaka = manifest.signatures.find((s) => s.delegation === 'osaka')!.passkey!
      const bytes = Buffer.from(osaka.signature, 'base64url')
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1
      osaka.signature = bytes.toString('base64url')
      const json = canonicalJson(manifest)
      const serverKey = createPrivateKey(readFileSync(join(accord.dataDir, 'signing-key.pem')))
      info.set(PDFName.of('AccordManifest'), PDFHexString.fromText(json))
      info.set(
        PDFName.of('AccordSignature'),
        PDFHexString.fromText(sign(null, Buffer.from(json), serverKey).toString('base64')),
      )
      const forgedFile = join(dir, 'forged.pdf')
      writeFileSync(forgedFile, await forged.save({ useObjectStreams: false }))
      const caught = spawnSync(process.execPath, [CLI, 'verify', forgedFile, '--key', join(dir, 'key.pem')], {
        encoding: 'utf8',
      })
      expect(caught.status).toBe(1)
      expect(caught.stdout).toMatch(/^NOT VALID: the passkey signature of osaka: /)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
