/**
 * @module The time and size of the signed final PDF for a 50-page text with 200 signatories (and 20
 * reservations), generated and signed as the server does (manifest, then the file as a whole), and the time
 * `accord verify` takes to check it — every head having signed with a passkey (200 WebAuthn assertions to check).
 * Run: `npm run bench:pdf`.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { declarationPdf, type DeclarationPdfInput } from '../server/export/pdf.js'
import { signPdf, verifyPdf } from '../server/export/manifest.js'
import { loadOrCreatePdfSigner, signWholeFile } from '../server/export/pdf-signature.js'
import { newStatement } from '../server/auth/passkeys.js'
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.js'

const SENTENCE =
  'The partner localities will exchange experience in urban management, public health and climate adaptation; các địa phương đối tác sẽ trao đổi kinh nghiệm; города-партнёры обменяются опытом. '
const input: DeclarationPdfInput = {
  title: 'Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022',
  localTitle: 'Tuyên bố chung của Đối thoại Hữu nghị Thành phố Hồ Chí Minh năm 2022',
  paragraphs: Array.from({ length: 240 }, (_, i) => ({
    number: `OP${i + 1}`,
    text: SENTENCE.repeat(3).trim(),
  })),
  hash: 'a'.repeat(64),
  final: true,
  signatures: Array.from({ length: 200 }, (_, i) => ({
    delegationName: `Locality ${i + 1}`,
    country: 'Viet Nam',
    signatory: 'Head of delegation',
    function: 'Vice-Chairman of the People’s Committee',
    signedOn: '20 September 2022',
    position: i % 10 === 0 ? 'Approved with a reservation (see the annex)' : 'Approved',
  })),
  doneAt: 'Done at Ho Chi Minh City on 20 September 2022.',
  reservations: Array.from({ length: 20 }, (_, i) => ({
    delegationName: `Locality ${i * 10 + 1}`,
    paragraphs: [`OP${i + 4}`],
    statement: 'This locality reads the paragraph as covering services as well as goods.',
  })),
  generatedAt: '2022-09-20T12:00:00.000Z',
}
const { privateKey } = generateKeyPairSync('ed25519')
// Every head signs with a passkey of their own: 200 assertions for accord verify to check (the worst case).
const passkeys = input.signatures.map((s, i) => {
  const authenticator = new SoftAuthenticator('https://accord.example.org')
  const statement = newStatement({
    document: 'closing-statement',
    title: input.title,
    hash: input.hash,
    delegation: `d${i}`,
    delegationName: s.delegationName,
    participant: `d${i}-head`,
    signatory: s.signatory,
    at: '2022-09-20T11:00:00.000Z',
  })
  return authenticator.assertion(statement)
})
const manifest = {
  document: 'closing-statement',
  title: input.title,
  hash: input.hash,
  signatures: input.signatures.map((s, i) => ({
    delegation: `d${i}`,
    signatory: s.signatory,
    at: '2022-09-20T11:00:00.000Z',
    hash: input.hash,
    position: s.position,
    passkey: passkeys[i]!,
  })),
  generatedAt: input.generatedAt,
}

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-pdf-'))
const signer = loadOrCreatePdfSigner(join(dir, 'pdf-signing.p12'))
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const timed = { make: [] as number[], sign: [] as number[], total: [] as number[], verify: [] as number[] }
let bytes: Uint8Array = new Uint8Array()
for (let run = 0; run < 6; run++) {
  const start = performance.now()
  const made = await signPdf(
    await declarationPdf(input),
    { ...manifest, pdfCertificate: signer.fingerprint },
    privateKey,
  )
  const madeAt = performance.now()
  bytes = await signWholeFile(made, signer, {
    reason: 'Adopted text',
    location: 'Ho Chi Minh City',
    signingTime: new Date(input.generatedAt),
  })
  const signedAt = performance.now()
  const verdict = await verifyPdf(bytes, createPublicKey(privateKey))
  if (!verdict.valid) throw new Error(`the PDF does not verify: ${verdict.reason}`)
  if (run === 0) continue
  timed.make.push(madeAt - start)
  timed.sign.push(signedAt - madeAt)
  timed.total.push(signedAt - start)
  timed.verify.push(performance.now() - signedAt)
}
rmSync(dir, { recursive: true, force: true })
const pages = (await PDFDocument.load(bytes)).getPageCount()
const ms = (values: number[]) => `${median(values).toFixed(0)} ms`
console.log('## Signed final PDF: 50-page text, 200 signatories (median of 5 runs)\n')
console.log(
  '| paragraphs | pages | signatories | size | make + manifest | sign the file | to sign, in all | to verify |',
)
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|')
console.log(
  `| ${input.paragraphs.length} | ${pages} | ${input.signatures.length} | ${(bytes.length / 1024).toFixed(0)} KiB | ${ms(timed.make)} | ${ms(timed.sign)} | ${ms(timed.total)} | ${ms(timed.verify)} |`,
)
