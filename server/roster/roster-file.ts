/**
 * @module A roster file as a secretariat has it — CSV (UTF-8 with or without a BOM, UTF-16 with a BOM, or
 * Windows-1252 as older Excel saves it; comma, semicolon or tab between cells) or Excel (.xlsx) — read into a table
 * of text cells for workflows/conference/roster.ts, and the roster written back in either form.
 *
 * Libraries: csv-parse (quotes, line breaks in cells, CRLF) and read-excel-file / write-excel-file (small, kept, no
 * native code). Written, a cell a spreadsheet would take for a formula is text (server/export/csv.ts).
 */
import { parse } from 'csv-parse/sync'
import { readSheet } from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import { csvFile, neutralised } from '../export/csv.js'
import { zipInflatedSize } from '../document/zip-inflated-size.js'
import { ROSTER_COLUMNS, ROSTER_HEADERS, type RosterColumn } from '../../workflows/conference/roster.js'

export type RosterFormat = 'csv' | 'xlsx'

/** The largest roster file read: a 10,000-participant roster in CSV is about 1 MB. */
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024

/** A roster file that cannot be read at all, with the reason in a secretariat's words. */
export class UnreadableRoster extends Error {}

/** The format of a file, from its first bytes (an .xlsx is a ZIP archive) rather than from its name. */
export function formatOf(bytes: Uint8Array): RosterFormat {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv'
}

/** Reads a roster file into rows of text cells. Throws UnreadableRoster with the reason. */
export async function readRosterFile(bytes: Uint8Array): Promise<string[][]> {
  if (bytes.byteLength > MAX_ROSTER_BYTES)
    throw new UnreadableRoster(
      `The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; a roster file can be at most ${MAX_ROSTER_BYTES / 1024 / 1024} MB.`,
    )
  if (bytes.byteLength === 0) throw new UnreadableRoster('The file is empty.')
  return formatOf(bytes) === 'xlsx' ? readXlsx(bytes) : readCsv(decodeText(bytes))
}

/** What an Excel roster may unzip to: a 10,000-participant workbook is about 2 MB unzipped. */
export const MAX_ROSTER_INFLATED_BYTES = 50 * 1024 * 1024

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  // A small file that unzips to gigabytes is refused before anything is unzipped.
  const inflated = zipInflatedSize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  if (inflated === null)
    throw new UnreadableRoster('The Excel file cannot be read (it is not a complete .xlsx).')
  if (inflated > MAX_ROSTER_INFLATED_BYTES)
    throw new UnreadableRoster(
      `The Excel file unzips to ${(inflated / 1024 / 1024).toFixed(0)} MB; a roster can unzip to at most ${MAX_ROSTER_INFLATED_BYTES / 1024 / 1024} MB.`,
    )
  try {
    const rows = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    return rows.map((cells) => cells.map(cellText))
  } catch (error) {
    throw new UnreadableRoster(
      `The Excel file cannot be read (${String((error as Error).message ?? error)}).`,
    )
  }
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  return String(cell)
}

/** Text from bytes: a BOM says the encoding; else UTF-8 if the bytes are UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

function readCsv(text: string): string[][] {
  if (text.includes('\u0000')) throw new UnreadableRoster('This is not a CSV or Excel file.')
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const delimiter = [',', ';', '\t'].reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  )
  try {
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][]
  } catch (error) {
    throw new UnreadableRoster(`The CSV file cannot be read: ${(error as Error).message}`)
  }
}

/** A participant as the roster file lists them. */
export type RosterLine = Record<RosterColumn, string>

/** Writes a roster in the format asked for, with Accord's headers, as bytes. */
export async function writeRosterFile(
  lines: readonly RosterLine[],
  format: RosterFormat,
): Promise<Uint8Array> {
  const table = [
    ROSTER_COLUMNS.map((c) => ROSTER_HEADERS[c]),
    ...lines.map((line) => ROSTER_COLUMNS.map((c) => line[c])),
  ]
  if (format === 'csv') return new TextEncoder().encode(csvFile(table))
  const cells = table.map((row) => row.map((value) => ({ value: neutralised(value) })))
  return new Uint8Array(await writeXlsxFile(cells).toBuffer())
}
