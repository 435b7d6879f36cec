/**
 * The signed final PDF: generated from the adopted text and its signatures with an embedded Unicode font, read
 * back by a real extractor (pdftotext), its first page rendered (pdftoppm), verified offline by `accord verify`
 * — and refused when one character of the text or one signature is changed. Before adoption: a watermarked draft.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import {
  apiAs,
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import { paragraphText, paragraphXmlText, sleep } from '../helpers/yjs-clients.js'

const CLI = join(import.meta.dirname, '../../dist/server/cli.js')
const CHAIR = 'ho-chi-minh-city-chair'
const RUSSIAN = ' Москва и Хошимин — города-побратимы с 1958 года.'
const VIETNAMESE = ' Hợp tác hữu nghị giữa các địa phương là nền tảng bền vững.'
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim()

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('the signed final PDF', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let dir: string
  const call = apiAs(
    () => accord,
    () => invites,
  )
  const pdfOf = async (participant = 'osaka-drafter', query = '') => {
    const response = await call(participant, `/pdf${query}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    return Buffer.from(await response.arrayBuffer())
  }
  const write = (name: string, bytes: Uint8Array) => {
    const file = join(dir, name)
    writeFileSync(file, bytes)
    return file
  }
  const text = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  const verify = (file: string) =>
    spawnSync(process.execPath, [CLI, 'verify', file, '--key', join(dir, 'key.pem')], { encoding: 'utf8' })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    dir = mkdtempSync(join(tmpdir(), 'accord-pdf-'))
    // The secretariat, editing the draft directly, adds Russian and Vietnamese words (and, for a moment, Chinese).
    const secretariat = await RawClient.connect(
      accord.url,
      invitationOf(invites, 'secretariat-officer').token,
    )
    secretariat.change((doc) => {
      paragraphXmlText(doc, 'op-friendship').insert(paragraphText(doc, 'op-friendship').length, RUSSIAN)
      paragraphXmlText(doc, 'op-bridge').insert(paragraphText(doc, 'op-bridge').length, VIETNAMESE)
      paragraphXmlText(doc, 'op-thanks').insert(0, '中 ')
    })
    await eventually(
      async () => (await (await call('osaka-drafter', '/text')).text()).includes('中'),
      'edits stored',
    )
    const refused = await call('osaka-drafter', '/pdf')
    expect(refused.status).toBe(422)
    expect((await refused.json()).error.message).toMatch(/U\+4E2D “中” \(in OP12\)/)
    secretariat.change((doc) => paragraphXmlText(doc, 'op-thanks').delete(0, 2))
    await eventually(
      async () => !(await (await call('osaka-drafter', '/text')).text()).includes('中'),
      'removed',
    )
    secretariat.close()
    writeFileSync(join(dir, 'key.pem'), await (await fetch(`${accord.url}/api/signing-key`)).text())
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
    rmSync(dir, { recursive: true, force: true })
  })

  it('gives a watermarked draft of the live text before adoption, with no manifest', async () => {
    const file = write('draft.pdf', await pdfOf())
    const extracted = text(file)
    // The diagonal watermark comes out of an extractor letter by letter; the footer says it plainly.
    expect(extracted.replace(/\s+/g, '')).toContain('DRAFT—NOTADOPTED')
    expect(extracted).toContain('Draft (live text), not the adopted text')
    expect(verify(file)).toMatchObject({ status: 1, stdout: expect.stringContaining('no Accord manifest') })
  })

  it('gives the adopted text with every paragraph exact, the hash on every page, signatures and the annex', async () => {
    expect((await call(CHAIR, '/stage', { stage: 'negotiation' })).status).toBe(200)
    expect((await call(CHAIR, '/stage', { stage: 'consensus-call' })).status).toBe(200)
    const heads = invites.filter((i) => i.role === 'head' || i.role === 'chair')
    for (const head of heads) {
      const body =
        head.participant === 'osaka-head'
          ? {
              kind: 'reservation',
              statement: 'Osaka reads OP4 as covering services.',
              paragraphs: ['op-economy'],
            }
          : { kind: 'approve' }
      expect((await call(head.participant, '/positions', body)).status).toBe(201)
    }
    expect((await call(CHAIR, '/stage', { stage: 'adopted' })).status).toBe(200)
    for (const head of heads) expect((await call(head.participant, '/signatures', {})).status).toBe(201)

    const canonical = await (await call('osaka-drafter', '/text')).text()
    const hash = (await call('osaka-drafter', '/text')).headers.get('x-accord-hash')!
    const bytes = await pdfOf()
    const file = write('final.pdf', bytes)
    const extracted = normalise(text(file))
    for (const line of canonical.split('\n').filter(Boolean)) expect(extracted).toContain(normalise(line))
    expect(extracted).toContain(RUSSIAN.trim())
    expect(extracted).toContain(VIETNAMESE.trim())
    // The opening words in italic, as in the editor — and the words still read back exactly (checked above).
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toContain('NotoSans-Italic')
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
    expect(extracted.split(`SHA-256 ${hash}`).length - 1).toBe(pages)
    expect(extracted).toContain('Signatures')
    // A treaty's signature page: where and when in words, each signatory for their locality, positions in words.
    expect(extracted).toMatch(/Done at Ho Chi Minh City on \d{1,2} \w+ \d{4}\./)
    expect(extracted).toMatch(
      /For Osaka \(Japan\)\s+Head of delegation\s+Approved with a reservation \(see the annex\); signed on \d{1,2} \w+ \d{4}/,
    )
    const signaturePage = extracted.slice(extracted.indexOf('In witness whereof'))
    expect(signaturePage).not.toMatch(/\d{4}-\d\d-\d\dT/)
    expect(extracted).toContain('Annex: reservations and interpretive statements')
    expect(extracted).toContain('Osaka (OP4): Osaka reads OP4 as covering services.')
    // The same inputs give the same bytes.
    expect(Buffer.compare(bytes, await pdfOf(CHAIR))).toBe(0)
  })

  it('writes the words it adds in the language asked for (the declaration’s own words untouched), and verifies', async () => {
    const file = write('final-vi.pdf', await pdfOf('osaka-drafter', '?lang=vi'))
    const extracted = normalise(text(file))
    const canonical = await (await call('osaka-drafter', '/text')).text()
    for (const line of canonical.split('\n').filter(Boolean)) expect(extracted).toContain(normalise(line))
    expect(extracted).toContain('Chữ ký')
    expect(extracted).toMatch(/Làm tại Ho Chi Minh City ngày \d{1,2} tháng \d{1,2}, \d{4}\./)
    expect(extracted).toMatch(/Thay mặt Osaka \(Japan\)/)
    expect(extracted).toContain('Đã chấp thuận với bảo lưu (xem phụ lục); ký ngày')
    expect(extracted).toContain('Văn bản đã thông qua · SHA-256')
    expect(verify(file).status).toBe(0)
  })

  it('is an archive file (PDF/A-3b) with the adopted text attached, exactly, as a file', async () => {
    const good = join(dir, 'final.pdf')
    // PDF/A says what it is in its XMP metadata: part 3, level B.
    const metadata = execFileSync('pdfinfo', ['-meta', good], { encoding: 'utf8' })
    expect(metadata).toContain('<pdfaid:part>3</pdfaid:part>')
    expect(metadata).toContain('<pdfaid:conformance>B</pdfaid:conformance>')
    expect(execFileSync('pdfinfo', [good], { encoding: 'utf8' })).toMatch(/Encrypted:\s+no/)
    const fonts = execFileSync('pdffonts', [good], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) expect(font).toMatch(/\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/)
    expect(execFileSync('pdfdetach', ['-list', good], { encoding: 'utf8' })).toContain(
      'closing-statement-adopted-text.txt',
    )
    const attached = join(dir, 'attached.txt')
    execFileSync('pdfdetach', ['-save', '1', '-o', attached, good])
    const canonical = await (await call('osaka-drafter', '/text')).text()
    const hash = (await call('osaka-drafter', '/text')).headers.get('x-accord-hash')!
    expect(readFileSync(attached, 'utf8')).toBe(canonical)
    expect(createHash('sha256').update(readFileSync(attached)).digest('hex')).toBe(hash)
    // The colour space named by an embedded ICC profile, as PDF/A asks.
    const pdf = await PDFDocument.load(readFileSync(good), { updateMetadata: false })
    const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'), PDFArray)
    const intent = intents.lookup(0, PDFDict)
    expect(intent.get(PDFName.of('S'))).toEqual(PDFName.of('GTS_PDFA1'))
    const profile = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream
    expect(inflateSync(profile.contents).subarray(36, 40).toString('latin1')).toBe('acsp')
    expect(pdf.context.trailerInfo.ID).toBeDefined()
  })

  it('renders a first page that is not blank', () => {
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '40',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'final.pdf'),
      join(dir, 'page'),
    ])
    const pgm = readFileSync(join(dir, 'page-1.pgm'))
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!
    const pixels = pgm.subarray(header[0].length)
    const dark = pixels.filter((v) => v < 128).length
    expect(pixels.length).toBe(Number(header[1]) * Number(header[2]))
    // A page whose font lost its glyphs (a broken subset) came out below 1 %.
    expect(dark / pixels.length).toBeGreaterThan(0.015)
  })

  it('verifies offline, and fails when one character of the text or one signature is changed', async () => {
    const good = join(dir, 'final.pdf')
    expect(verify(good)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^valid: .*\n.*25 signatures/),
    })

    // One character of the text: the first hex glyph code drawn on page 1, changed by one.
    const textChanged = await PDFDocument.load(readFileSync(good), { updateMetadata: false })
    const page = textChanged.getPages()[0]!
    const contents = textChanged.context.lookup(page.node.get(PDFName.of('Contents')))
    const ref = contents instanceof PDFArray ? contents.get(0) : page.node.get(PDFName.of('Contents'))!
    const stream = textChanged.context.lookup(ref) as PDFRawStream
    const source = inflateSync(stream.contents).toString('latin1')
    const changed = source.replace(
      /<([0-9A-F]{4})/,
      (_, code: string) =>
        `<${((parseInt(code, 16) + 1) % 0xffff).toString(16).toUpperCase().padStart(4, '0')}`,
    )
    expect(changed).not.toBe(source)
    textChanged.context.assign(ref as never, textChanged.context.flateStream(Buffer.from(changed, 'latin1')))
    const tampered = write('text-changed.pdf', await textChanged.save({ useObjectStreams: false }))
    expect(verify(tampered)).toMatchObject({ status: 1, stdout: expect.stringContaining('pages differ') })

    // One signature removed from the manifest.
    const signatureRemoved = await PDFDocument.load(readFileSync(good), { updateMetadata: false })
    const info = signatureRemoved.context.lookup(signatureRemoved.context.trailerInfo.Info) as PDFDict
    const manifest = JSON.parse((info.lookup(PDFName.of('AccordManifest')) as PDFHexString).decodeText()) as {
      signatures: unknown[]
    }
    manifest.signatures.pop()
    info.set(PDFName.of('AccordManifest'), PDFHexString.fromText(JSON.stringify(manifest)))
    const removed = write('signature-removed.pdf', await signatureRemoved.save({ useObjectStreams: false }))
    expect(verify(removed)).toMatchObject({
      status: 1,
      stdout: expect.stringContaining('not the one the key signed'),
    })
  })

  it('is signed as a file: pdfsig and accord verify see an overlay, a changed font map, an update appended', async () => {
    const good = join(dir, 'final.pdf')
    const pdfsig = (file: string) => spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout
    const report = pdfsig(good)
    expect(report).toContain('Signer Certificate Common Name: Accord signing service')
    expect(report).toContain('Signature Validation: Signature is Valid.')
    expect(report).toContain('  - Total document signed')

    // A white box and "NOT ADOPTED - TEXT REPLACED" laid over the text as an annotation; the pages' streams stay.
    const overlaid = await PDFDocument.load(readFileSync(good), { updateMetadata: false })
    const page = overlaid.getPages()[0]!
    const annotation = overlaid.context.obj({
      Type: 'Annot',
      Subtype: 'FreeText',
      Rect: [60, 500, 540, 700],
      Contents: PDFHexString.fromText('NOT ADOPTED - TEXT REPLACED'),
      DA: PDFHexString.fromText('/Helv 14 Tf 0 g'),
      C: [1, 1, 1],
    })
    page.node.set(PDFName.of('Annots'), overlaid.context.obj([overlaid.context.register(annotation)]))
    const overlay = write('overlay.pdf', await overlaid.save({ useObjectStreams: false }))
    expect(verify(overlay)).toMatchObject({
      status: 1,
      stdout: expect.stringMatching(/^NOT VALID: the (file|signature)/),
    })
    expect(pdfsig(overlay)).not.toContain('Signature is Valid.')

    // Every "a" read as "o": the fonts' ToUnicode maps changed, not a byte of the pages' streams.
    const remapped = await PDFDocument.load(readFileSync(good), { updateMetadata: false })
    let maps = 0
    for (const [ref, object] of remapped.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFRawStream) || !object.dict.get(PDFName.of('Filter'))) continue
      const text = inflateSync(object.contents).toString('latin1')
      if (!text.includes('begincmap')) continue
      const doctored = text.replace(/<0061>/g, '<006F>')
      if (doctored === text) continue
      remapped.context.assign(ref, remapped.context.flateStream(Buffer.from(doctored, 'latin1')))
      maps++
    }
    expect(maps).toBeGreaterThan(0)
    const fontMap = write('tounicode.pdf', await remapped.save({ useObjectStreams: false }))
    expect(normalise(text(fontMap))).toContain('Closing Stotement')
    expect(verify(fontMap)).toMatchObject({
      status: 1,
      stdout: expect.stringMatching(/^NOT VALID: the (file|signature)/),
    })
    expect(pdfsig(fontMap)).not.toContain('Signature is Valid.')

    // An incremental update appended after signing (a new Info dictionary, as an editor would add).
    const original = readFileSync(good)
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(original.toString('latin1'))![1])
    const root = /\/Root (\d+ \d+ R)/.exec(original.toString('latin1'))![1]!
    const size = Number(/\/Size (\d+)/.exec(original.toString('latin1'))![1])
    const body = `\n${size} 0 obj\n<< /Producer (edited) >>\nendobj\n`
    const xrefAt = original.length + body.length
    const update =
      `${body}xref\n${size} 1\n${String(original.length + 1).padStart(10, '0')} 00000 n \n` +
      `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`
    const appended = write('appended.pdf', Buffer.concat([original, Buffer.from(update, 'latin1')]))
    expect(verify(appended)).toMatchObject({
      status: 1,
      stdout: expect.stringMatching(/bytes were added after the PDF was signed|manifest/),
    })
    expect(pdfsig(appended)).toContain('Not total document signed')
  })
})
