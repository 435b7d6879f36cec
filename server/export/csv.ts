/**
 * @module Writing a CSV a spreadsheet opens as meant: UTF-8 with a BOM (Excel otherwise reads Vietnamese as
 * Windows-1252), CRLF line ends, cells quoted where needed, and a cell a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR: OWASP "CSV injection") written as text with a leading apostrophe.
 */

export function csvFile(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** A value as a spreadsheet should show it: a would-be formula becomes text. */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

function csvCell(value: string): string {
  const safe = neutralised(value)
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
