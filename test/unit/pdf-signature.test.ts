/**
 * The PDF signed as a file: a standard reader (poppler's pdfsig) finds one valid signature naming the signer and
 * covering the whole file, and so does Accord's own check; a byte changed, an incremental update appended or
 * another certificate is reported by both.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkWholeFile,
  loadOrCreatePdfSigner,
  signWholeFile,
  type PdfSigner,
} from '../../server/export/pdf-signature.js'

describe('the PDF signed as a file', () => {
  let dir: string
  let signer: PdfSigner
  let signed: Uint8Array
  const at = new Date('2022-12-05T04:00:00Z')
  const pdfsig = (bytes: Uint8Array) => {
    const file = join(dir, `${Math.random()}.pdf`)
    writeFileSync(file, bytes)
    return spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-pdfsig-'))
    signer = loadOrCreatePdfSigner(join(dir, 'pdf-signing.p12'))
    const pdf = await PDFDocument.create()
    const page = pdf.addPage()
    page.drawText('Closing Statement', { x: 50, y: 700, font: await pdf.embedFont(StandardFonts.Helvetica) })
    signed = await signWholeFile(await pdf.save({ useObjectStreams: false }), signer, {
      reason: 'Adopted text',
      location: 'Ho Chi Minh City',
      signingTime: at,
    })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is one valid signature over every byte, for pdfsig and for Accord', () => {
    const report = pdfsig(signed)
    expect(report).toContain('Signature Validation: Signature is Valid.')
    expect(report).toContain('Signer Certificate Common Name: Accord signing service')
    expect(report).toContain('  - Total document signed')
    expect(checkWholeFile(signed)).toEqual({
      ok: true,
      fingerprint: signer.fingerprint,
      signer: 'Accord signing service',
    })
  })

  it('keeps its certificate, and gives the same bytes for the same inputs', async () => {
    expect(loadOrCreatePdfSigner(join(dir, 'pdf-signing.p12')).fingerprint).toBe(signer.fingerprint)
    const pdf = await PDFDocument.create()
    pdf.addPage()
    const bytes = await pdf.save({ useObjectStreams: false })
    const options = { reason: 'r', location: 'l', signingTime: at }
    expect(
      Buffer.compare(
        await signWholeFile(bytes, signer, options),
        await signWholeFile(bytes, signer, options),
      ),
    ).toBe(0)
  })

  it('reports a changed byte', () => {
    const changed = Buffer.from(signed)
    const at = Math.max(200, changed.indexOf('/Producer'))
    changed[at] = changed[at]! ^ 1
    expect(checkWholeFile(changed)).toMatchObject({ ok: false })
    expect(pdfsig(changed)).not.toContain('Signature is Valid.')
  })

  it('reports an incremental update appended after signing', () => {
    const updated = Buffer.concat([Buffer.from(signed), Buffer.from('\n% appended\n')])
    expect(checkWholeFile(updated)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^12 bytes were added after the PDF was signed/),
    })
    expect(pdfsig(updated)).toContain('Not total document signed')
  })

  it('reports a PDF that is not signed', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    expect(checkWholeFile(await pdf.save())).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not signed/),
    })
  })
})
