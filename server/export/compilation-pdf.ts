/**
 * @module The compilation of proposals as a PDF (A4 landscape): the same table as the Word document — paragraph |
 * text | proposals — with the header repeated on each page and a proposal that competes with another in red.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { translate } from '../../workflows/i18n/catalogue.js'
import type { CompilationExport } from './compilation-docx.js'
import { proposalLines } from '../../workflows/meeting/compilation-lines.js'
import { embedNotoSans, wrap } from './pdf-text.js'

const PAGE: [number, number] = [841.89, 595.28]
const MARGIN = 40
const SIZE = 9
const LEADING = 12
const GAP = 10
const INK = rgb(0.11, 0.12, 0.14)
const RED = rgb(0.69, 0, 0.13)
const RULE = rgb(0.8, 0.81, 0.84)

interface Line {
  text: string
  font: PDFFont
  colour: typeof INK
}

export async function compilationPdf(input: CompilationExport): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(translate(input.language, 'compilation.title'))
  pdf.setCreator('Accord')
  pdf.setLanguage(input.language)
  const fonts = await embedNotoSans(pdf)
  const width = PAGE[0] - 2 * MARGIN
  const columns = [0.12, 0.4, 0.48].map((share) => share * width)
  const xs = [MARGIN, MARGIN + columns[0]!, MARGIN + columns[0]! + columns[1]!]
  const say = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(input.language, key, params)

  let page: PDFPage
  let y = 0
  const rule = () =>
    page.drawLine({
      start: { x: MARGIN, y: y + 4 },
      end: { x: PAGE[0] - MARGIN, y: y + 4 },
      color: RULE,
      thickness: 0.5,
    })
  const header = () => {
    ;[say('compilation.paragraph'), say('compilation.text'), say('compilation.proposals')].forEach(
      (text, i) => page.drawText(text, { x: xs[i]!, y, size: SIZE, font: fonts.bold, color: INK }),
    )
    y -= LEADING
    rule()
    y -= 4
  }
  const newPage = () => {
    page = pdf.addPage(PAGE)
    y = PAGE[1] - MARGIN
    header()
  }
  page = pdf.addPage(PAGE)
  y = PAGE[1] - MARGIN
  page.drawText(say('compilation.title'), { x: MARGIN, y, size: 16, font: fonts.bold, color: INK })
  y -= 20
  page.drawText(say('compilation.asOf', { title: input.title, time: input.asOf }), {
    x: MARGIN,
    y,
    size: SIZE,
    font: fonts.regular,
    color: INK,
  })
  y -= 2 * LEADING
  header()

  const wrapped = (text: string, font: PDFFont, column: number, colour = INK): Line[] =>
    text
      .split('\n')
      .flatMap((paragraph) => wrap(paragraph, font, SIZE, columns[column]! - GAP))
      .map((t) => ({ text: t, font, colour }))

  for (const row of input.paragraphs) {
    const lines = proposalLines(row, input.nameOf, input.language, input.timeOf)
    const cells: Line[][] = [
      wrapped(row.number, fonts.bold, 0),
      wrapped(row.text, fonts.regular, 1),
      lines.length === 0
        ? wrapped(say('compilation.none'), fonts.italic, 2)
        : lines.flatMap((line) =>
            wrapped(
              `${line.label} ${line.text}${line.at ? ` (${line.at})` : ''}${
                line.notes.length > 0 ? ` — ${line.notes.join('; ')}` : ''
              }`,
              fonts.regular,
              2,
              line.conflicting ? RED : INK,
            ),
          ),
    ]
    const height = Math.max(...cells.map((c) => c.length))
    // A row starts on a new page when its first lines would not fit; a very long row carries on to the next.
    if (y - Math.min(height, 4) * LEADING < MARGIN) newPage()
    for (let i = 0; i < height; i++) {
      if (y < MARGIN) newPage()
      cells.forEach((cell, column) => {
        const line = cell[i]
        if (line)
          page.drawText(line.text, { x: xs[column]!, y, size: SIZE, font: line.font, color: line.colour })
      })
      y -= LEADING
    }
    rule()
    y -= 6
  }
  return pdf.save()
}
