/**
 * @module The compilation of proposals as a Word document, as intergovernmental meetings circulate it: a table of
 * paragraph | text | proposals, each proposal with its proponent, its supporters and what it competes with.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { CompiledParagraph } from '../../workflows/meeting/compilation.js'
import { translate, type Language } from '../../workflows/i18n/catalogue.js'
import { proposalLines } from '../../workflows/meeting/compilation-lines.js'

export interface CompilationExport {
  title: string
  /** When the compilation was made, as the host city's clock says it. */
  asOf: string
  paragraphs: CompiledParagraph[]
  nameOf: (delegation: string) => string
  /** An ISO time as the host city's clock says it. */
  timeOf: (iso: string) => string
  language: Language
}

const cell = (width: number, children: Paragraph[], header = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children,
    ...(header ? { shading: { fill: 'E7E9EE' } } : {}),
  })

export async function compilationDocx(input: CompilationExport): Promise<Uint8Array> {
  const { language } = input
  const say = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(language, key, params)
  const header = new TableRow({
    tableHeader: true,
    children: [
      cell(
        12,
        [new Paragraph({ children: [new TextRun({ text: say('compilation.paragraph'), bold: true })] })],
        true,
      ),
      cell(
        40,
        [new Paragraph({ children: [new TextRun({ text: say('compilation.text'), bold: true })] })],
        true,
      ),
      cell(
        48,
        [new Paragraph({ children: [new TextRun({ text: say('compilation.proposals'), bold: true })] })],
        true,
      ),
    ],
  })
  const rows = input.paragraphs.map((row) => {
    const lines = proposalLines(row, input.nameOf, language, input.timeOf)
    const proposals =
      lines.length === 0
        ? [new Paragraph({ children: [new TextRun({ text: say('compilation.none'), italics: true })] })]
        : lines.map(
            (line) =>
              new Paragraph({
                spacing: { after: 80 },
                children: [
                  new TextRun({ text: `${line.label} `, bold: true }),
                  new TextRun({ text: line.text }),
                  ...(line.at ? [new TextRun({ text: ` (${line.at})`, color: '5C6370' })] : []),
                  ...line.notes.map(
                    (note, i) =>
                      new TextRun({
                        text: `${i === 0 ? ' — ' : '; '}${note}`,
                        italics: true,
                        ...(line.conflicting && note === line.notes.at(-1) ? { color: 'B00020' } : {}),
                      }),
                  ),
                ],
              }),
          )
    return new TableRow({
      children: [
        cell(12, [new Paragraph({ children: [new TextRun({ text: row.number, bold: true })] })]),
        cell(40, [new Paragraph({ text: row.text })]),
        cell(48, proposals),
      ],
    })
  })
  const document = new Document({
    creator: 'Accord',
    title: say('compilation.title'),
    sections: [
      {
        children: [
          new Paragraph({ text: say('compilation.title'), heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: say('compilation.asOf', { title: input.title, time: input.asOf }) }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
        ],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
