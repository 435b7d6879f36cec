/**
 * @module Invitation cards for the registration desk: A4 sheets of eight cards (two across, four down, cut along
 * the grey lines), one per participant — the conference, the person's name and function, their delegation and
 * role, the invitation link as a QR code (qrcode, error correction M: still readable with a corner folded) and as
 * text to type. A name the embedded font cannot draw is refused by name, as in the declaration's PDF.
 */
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib'
import QRCode from 'qrcode'
import { isRole } from '../../workflows/conference/roles.js'
import { translate, type Language } from '../../workflows/i18n/catalogue.js'
import type { Invitation } from '../invites.js'
import type { ConferenceRecord } from '../storage/storage.js'
import { embedNotoSans, unsupported, UnsupportedCharactersError, widthOf, wrap } from './pdf-text.js'

const A4 = { width: 595.28, height: 841.89 }
const COLUMNS = 2
const ROWS = 4
const CARD = { width: A4.width / COLUMNS, height: A4.height / ROWS }
const PAD = 16
const QR_SIZE = 112
const GREY = rgb(0.6, 0.6, 0.6)

/** What a sheet of cards is drawn from (also what the worker thread receives). */
export interface CardsInput {
  conference: ConferenceRecord
  invitations: Invitation[]
  /** The language of the role on each card; English if not given. */
  language?: Language
}

export async function invitationCardsPdf(
  conference: ConferenceRecord,
  invitations: readonly Invitation[],
  language: Language = 'en',
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false })
  const fonts = await embedNotoSans(pdf)
  const missing = unsupported(fonts.regular, [
    { where: 'the conference name', text: `${conference.name} ${conference.localName ?? ''}` },
    ...invitations.map((i) => ({
      where: `${i.name} of ${i.delegationName}`,
      text: `${i.name} ${i.function} ${i.delegationName}`,
    })),
  ])
  if (missing.length > 0) throw new UnsupportedCharactersError(missing)
  pdf.setTitle(`Invitations — ${conference.name}`)
  pdf.setCreator('Accord')
  pdf.setProducer('Accord (pdf-lib)')

  let page: PDFPage | null = null
  invitations.forEach((invitation, i) => {
    const slot = i % (COLUMNS * ROWS)
    if (slot === 0) page = cutLines(pdf.addPage([A4.width, A4.height]))
    const x = (slot % COLUMNS) * CARD.width
    const y = A4.height - (Math.floor(slot / COLUMNS) + 1) * CARD.height
    drawCard(page!, x, y, conference, invitation, fonts, language)
  })
  if (invitations.length === 0) pdf.addPage([A4.width, A4.height])
  return pdf.save()
}

function cutLines(page: PDFPage): PDFPage {
  for (let c = 1; c < COLUMNS; c++)
    page.drawLine({
      start: { x: c * CARD.width, y: 0 },
      end: { x: c * CARD.width, y: A4.height },
      color: GREY,
      thickness: 0.3,
      dashArray: [3, 3],
    })
  for (let r = 1; r < ROWS; r++)
    page.drawLine({
      start: { x: 0, y: r * CARD.height },
      end: { x: A4.width, y: r * CARD.height },
      color: GREY,
      thickness: 0.3,
      dashArray: [3, 3],
    })
  return page
}

function drawCard(
  page: PDFPage,
  x: number,
  y: number,
  conference: ConferenceRecord,
  invitation: Invitation,
  { regular, bold }: { regular: PDFFont; bold: PDFFont },
  language: Language,
): void {
  const width = CARD.width - 2 * PAD
  let top = y + CARD.height - PAD
  const line = (text: string, font: PDFFont, size: number, room = width) => {
    for (const piece of wrap(text, font, size, room).slice(0, 2)) {
      page.drawText(piece, { x: x + PAD, y: top - size, size, font })
      top -= size * 1.3
    }
  }
  line(conference.name, regular, 7.5)
  top -= 4
  const textRoom = width - QR_SIZE - 8
  const qrTop = top
  line(invitation.name, bold, 13, textRoom)
  if (invitation.function) line(invitation.function, regular, 8.5, textRoom)
  top -= 3
  line(invitation.delegationName, bold, 9.5, textRoom)
  line(
    isRole(invitation.role) ? translate(language, `role.${invitation.role}`) : invitation.role,
    regular,
    8.5,
    textRoom,
  )
  drawQr(page, invitation.url, x + CARD.width - PAD - QR_SIZE, qrTop - QR_SIZE)
  // The link as text under the code, broken anywhere (it has no spaces), for whoever cannot scan it.
  const size = 6.5
  // Glyphs are drawn one per character without kerning (pdf-text.ts): a line's width is the sum of its characters'.
  const lines: string[] = ['']
  let used = 0
  for (const character of invitation.url) {
    const w = widthOf(character, regular, size)
    if (used + w > width) {
      lines.push(character)
      used = w
    } else {
      lines[lines.length - 1] += character
      used += w
    }
  }
  lines.forEach((text, i) =>
    page.drawText(text, {
      x: x + PAD,
      y: y + PAD + (lines.length - 1 - i) * size * 1.3,
      size,
      font: regular,
    }),
  )
}

/**
 * The link as a QR code: a 1-bit image, one pixel per module with its quiet zone, scaled to QR_SIZE (drawn without
 * smoothing, so the modules stay sharp). As vector rectangles the 5,000 cards of a large conference took 2 s more
 * to write and twice the bytes (profile).
 */
function drawQr(page: PDFPage, url: string, x: number, y: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' })
  const quiet = 4
  const side = modules.size + 2 * quiet
  const rowBytes = Math.ceil(side / 8)
  // DeviceGray with one bit per pixel: 1 is white.
  const bits = new Uint8Array(rowBytes * side).fill(0xff)
  for (let row = 0; row < modules.size; row++)
    for (let column = 0; column < modules.size; column++)
      if (modules.get(row, column)) {
        const [r, c] = [row + quiet, column + quiet]
        bits[r * rowBytes + (c >> 3)]! &= ~(0x80 >> (c & 7))
      }
  const context = page.doc.context
  const image = context.register(
    context.flateStream(bits, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: side,
      Height: side,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      Interpolate: false,
    }),
  )
  const name = page.node.newXObject('QR', image)
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(QR_SIZE, 0, 0, QR_SIZE, x, y),
    drawObject(name),
    popGraphicsState(),
  )
}
