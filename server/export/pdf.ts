/**
 * @module The declaration as a PDF: title (and the host-language title), the numbered paragraphs, and — for the
 * adopted text — a signature page and an annex of reservations; the canonical SHA-256 in every page's footer. A
 * draft (the live text or a revision) carries a watermark on every page. Italic words are italic, as in the editor. Noto Sans is embedded as a subset, so
 * Latin, Vietnamese and Cyrillic render and extract exactly; a character the font cannot draw is refused with
 * the paragraphs that hold it, never drawn as a box. The same inputs give the same bytes.
 */
import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { translate, type Language, type MessageKey } from '../../workflows/i18n/catalogue.js'
import { makeArchival, type ArchiveInput } from './pdf-archive.js'
import { embedNotoSans, unsupported, UnsupportedCharactersError, wrap, wrapRuns } from './pdf-text.js'

export { UnsupportedCharactersError }

export interface PdfParagraph {
  number: string
  text: string
  /** The same words in runs, where some are in italic (the opening words of a preambular paragraph). */
  runs?: { text: string; italic: boolean }[]
}

/** A signatory as a treaty's signature page names them: in words, never codes or ISO times. */
export interface PdfSignature {
  delegationName: string
  country: string
  signatory: string
  /** Their function ("Vice-Mayor"), if the roster gives one. */
  function: string
  /** "5 December 2022", in the host's calendar. */
  signedOn: string
  /** "Approved ad referendum" … */
  position: string
  /** SHA-256 of the head's own passkey, when they signed with it (else the server recorded their click). */
  key?: string
}

export interface PdfReservation {
  delegationName: string
  paragraphs: string[]
  statement: string
}

export interface DeclarationPdfInput {
  title: string
  localTitle: string | null
  paragraphs: PdfParagraph[]
  hash: string
  /** The adopted text (with its signature page) or a draft (watermarked). */
  final: boolean
  /** What the draft is: "live text" or a revision's name. */
  draftOf?: string
  signatures: PdfSignature[]
  /** "Done at Ho Chi Minh City on 5 December 2022." — where and when the text was adopted. */
  doneAt?: string
  reservations: PdfReservation[]
  /** Fixed by the caller (the adoption time, say), so that the same inputs give the same bytes. */
  generatedAt: string
  /** The language of the words the PDF adds (signature page, footer, watermark); English if not given. */
  language?: Language
  /** For the adopted text: made an archive file (PDF/A-3b) with the canonical text attached (pdf-archive.ts). */
  archive?: Omit<ArchiveInput, 'title' | 'at'>
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = { left: 64, right: 64, top: 72, bottom: 72 }
const NUMBER_WIDTH = 52
const BODY_SIZE = 11
const LEADING = 15.5

class Layout {
  readonly pages: PDFPage[] = []
  private page!: PDFPage
  private y = 0

  constructor(
    private readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly italic: PDFFont,
  ) {
    this.newPage()
  }

  newPage(): void {
    this.page = this.pdf.addPage([A4.width, A4.height])
    this.pages.push(this.page)
    this.y = A4.height - MARGIN.top
  }

  /** Room for `lines` lines on this page, or a new page. */
  need(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage()
  }

  centred(text: string, font: PDFFont, size: number): void {
    for (const line of wrap(text, font, size, A4.width - MARGIN.left - MARGIN.right)) {
      this.need(size * 1.5)
      const width = font.widthOfTextAtSize(line, size)
      this.page.drawText(line, { x: (A4.width - width) / 2, y: this.y - size, size, font })
      this.y -= size * 1.5
    }
  }

  gap(points: number): void {
    this.y -= points
  }

  /** A numbered paragraph whose words are in more than one font (italic opening words). */
  richParagraph(number: string, runs: { text: string; italic: boolean }[], size = BODY_SIZE): void {
    const left = MARGIN.left + (number ? NUMBER_WIDTH : 0)
    const lines = wrapRuns(
      runs.map((r) => ({ text: r.text, font: r.italic ? this.italic : this.regular })),
      size,
      A4.width - MARGIN.right - left,
    )
    lines.forEach((line, i) => {
      this.need(LEADING)
      if (i === 0 && number)
        this.page.drawText(number, { x: MARGIN.left, y: this.y - size, size, font: this.bold })
      let x = left
      for (const { text, font } of line) {
        this.page.drawText(text, { x, y: this.y - size, size, font })
        x += font.widthOfTextAtSize(text, size)
      }
      this.y -= LEADING
    })
    this.y -= 6
  }

  /** Lines kept together on one page (a signatory's block). */
  block(lines: { text: string; font: PDFFont }[], size = BODY_SIZE): void {
    const wrapped = lines.flatMap(({ text, font }) =>
      wrap(text, font, size, A4.width - MARGIN.left - MARGIN.right).map((line) => ({ line, font })),
    )
    this.need(wrapped.length * LEADING + 10)
    for (const { line, font } of wrapped) {
      this.page.drawText(line, { x: MARGIN.left, y: this.y - size, size, font })
      this.y -= LEADING
    }
    this.y -= 10
  }

  /** A numbered paragraph: the number in the margin, the text wrapped beside it. */
  paragraph(number: string, text: string, font = this.regular, size = BODY_SIZE): void {
    const left = MARGIN.left + (number ? NUMBER_WIDTH : 0)
    const lines = wrap(text, font, size, A4.width - MARGIN.right - left)
    lines.forEach((line, i) => {
      this.need(LEADING)
      if (i === 0 && number)
        this.page.drawText(number, { x: MARGIN.left, y: this.y - size, size, font: this.bold })
      this.page.drawText(line, { x: left, y: this.y - size, size, font })
      this.y -= LEADING
    })
    this.y -= 6
  }
}

export async function declarationPdf(input: DeclarationPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false })
  const { regular, bold, italic } = await embedNotoSans(pdf)
  const texts = [
    { where: 'title', text: `${input.title} ${input.localTitle ?? ''}` },
    ...input.paragraphs.map((p) => ({ where: p.number || 'a paragraph', text: p.text })),
    ...input.signatures.map((s) => ({
      where: `signature of ${s.delegationName}`,
      text: `${s.delegationName} ${s.country} ${s.signatory} ${s.function}`,
    })),
    ...input.reservations.map((r) => ({ where: `reservation of ${r.delegationName}`, text: r.statement })),
  ]
  const missing = unsupported(regular, texts)
  if (missing.length > 0) throw new UnsupportedCharactersError(missing)

  const at = new Date(input.generatedAt)
  pdf.setTitle(input.title)
  pdf.setCreator('Accord')
  pdf.setProducer('Accord (pdf-lib)')
  pdf.setCreationDate(at)
  pdf.setModificationDate(at)

  const say = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(input.language ?? 'en', key, params)
  const layout = new Layout(pdf, regular, bold, italic)
  layout.centred(input.title, bold, 15)
  if (input.localTitle) layout.centred(input.localTitle, regular, 12)
  layout.gap(18)
  for (const p of input.paragraphs) {
    // Italic as in the editor, when the runs say the same words as the text (else the text, plain).
    if (p.runs?.some((r) => r.italic) && p.runs.map((r) => r.text).join('') === p.text)
      layout.richParagraph(p.number, p.runs)
    else layout.paragraph(p.number, p.text)
  }

  if (input.final) {
    // The signature page reads like a treaty's: where and when, then each signatory for their locality.
    layout.newPage()
    layout.centred(say('pdf.signatures'), bold, 14)
    layout.gap(10)
    layout.paragraph('', say('pdf.witness'))
    if (input.doneAt) layout.paragraph('', input.doneAt)
    layout.gap(8)
    for (const s of input.signatures) {
      layout.block([
        {
          text: say('pdf.for', { delegation: `${s.delegationName}${s.country ? ` (${s.country})` : ''}` }),
          font: bold,
        },
        { text: s.function ? `${s.signatory}, ${s.function}` : s.signatory, font: regular },
        { text: say('pdf.signedOn', { position: s.position, day: s.signedOn }), font: regular },
        {
          text: s.key
            ? say('pdf.passkey', { key: s.key.slice(0, 32).replace(/(.{4})(?!$)/g, '$1 ') })
            : say('pdf.click'),
          font: regular,
        },
      ])
    }
    if (input.reservations.length > 0) {
      layout.newPage()
      layout.centred(say('pdf.annex'), bold, 14)
      layout.gap(10)
      for (const r of input.reservations)
        layout.paragraph('', `${r.delegationName} (${r.paragraphs.join(', ')}): ${r.statement}`)
    }
  }

  const total = layout.pages.length
  layout.pages.forEach((page, i) => {
    const what = input.final
      ? say('pdf.adopted')
      : say('pdf.draft', { of: input.draftOf ?? say('pdf.liveText') })
    const footer = `${what} · SHA-256 ${input.hash} · ${say('pdf.page', { page: i + 1, pages: total })}`
    page.drawText(footer, { x: MARGIN.left, y: 36, size: 7, font: regular, color: rgb(0.35, 0.35, 0.35) })
    if (!input.final) {
      page.drawText(say('pdf.watermark'), {
        x: 120,
        y: 250,
        size: 48,
        font: bold,
        color: rgb(0.85, 0.85, 0.85),
        rotate: degrees(45),
        opacity: 0.5,
      })
    }
  })
  if (input.final && input.archive) await makeArchival(pdf, { ...input.archive, title: input.title, at })
  return pdf.save({ useObjectStreams: false })
}
