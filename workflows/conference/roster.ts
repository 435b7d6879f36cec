/**
 * @module The roster as a secretariat keeps it — one row per participant: delegation, country, participant name,
 * function, role, e-mail — read from a table of cells (the CSV or Excel reader in server/roster/ makes the table)
 * into rows Accord can use, and every row it cannot use with the reason. Pure: no files, no storage.
 *
 * A row is refused, with its row number as the spreadsheet shows it, when a required cell is empty, a role is not
 * one of Accord's, a cell looks like a spreadsheet formula (a cell starting with = + - @ is executed by
 * spreadsheets when the roster is opened again: OWASP "CSV injection"), a value is too long, an e-mail is not an
 * address, or a participant appears twice (same delegation and name, or same e-mail).
 */
import { ROLE_LABELS, ROLES, type Role } from './roles.js'

/** The columns of a roster, in the order Accord writes them. */
export const ROSTER_COLUMNS = ['delegation', 'country', 'name', 'function', 'role', 'email'] as const
export type RosterColumn = (typeof ROSTER_COLUMNS)[number]

/** The header Accord writes for each column (and reads, with the aliases below). */
export const ROSTER_HEADERS: Record<RosterColumn, string> = {
  delegation: 'Delegation',
  country: 'Country',
  name: 'Participant name',
  function: 'Function',
  role: 'Role',
  email: 'E-mail',
}

/** Headers a secretariat's own file may use, lower-cased, without punctuation. */
const HEADER_ALIASES: Record<string, RosterColumn> = {
  delegation: 'delegation',
  locality: 'delegation',
  country: 'country',
  'participant name': 'name',
  participant: 'name',
  name: 'name',
  'full name': 'name',
  function: 'function',
  title: 'function',
  position: 'function',
  role: 'role',
  'e mail': 'email',
  email: 'email',
  mail: 'email',
}

const REQUIRED: readonly RosterColumn[] = ['delegation', 'name', 'role']

export const ROSTER_LIMITS = {
  /** Rows after the header. A UN-style conference has a few thousand participants. */
  rows: 10_000,
  /** Characters in a name, function, delegation or country. */
  text: 120,
  /** Characters in an e-mail address (RFC 5321). */
  email: 254,
} as const

export interface RosterRow {
  /** The row's number as the spreadsheet shows it (the header is row 1 when it is the first row). */
  row: number
  delegation: string
  country: string
  name: string
  function: string
  role: Role
  email: string
}

/** Rows that cannot be used, and why, in words a secretariat can act on. */
export interface RosterProblem {
  rows: number[]
  message: string
}

export interface ReadRoster {
  rows: RosterRow[]
  problems: RosterProblem[]
}

/** Reads a table (rows of cells, as text) into roster rows and the problems of the rows it cannot use. */
export function readRoster(table: readonly (readonly string[])[]): ReadRoster {
  const headerIndex = table.findIndex((cells) => cells.some((cell) => cell.trim() !== ''))
  if (headerIndex < 0) return { rows: [], problems: [{ rows: [], message: 'The file has no rows.' }] }
  const columns = headerColumns(table[headerIndex]!)
  const missing = REQUIRED.filter((column) => !columns.has(column))
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [
        {
          rows: [headerIndex + 1],
          message: `The first row must name the columns; missing: ${missing.map((c) => ROSTER_HEADERS[c]).join(', ')} (expected ${ROSTER_COLUMNS.map((c) => ROSTER_HEADERS[c]).join(', ')}).`,
        },
      ],
    }
  }
  const body = table.slice(headerIndex + 1)
  const filled = body.filter((cells) => cells.some((cell) => cell.trim() !== '')).length
  if (filled > ROSTER_LIMITS.rows) {
    return {
      rows: [],
      problems: [
        {
          rows: [],
          message: `The file has ${filled} participants; at most ${ROSTER_LIMITS.rows} can be imported at once.`,
        },
      ],
    }
  }

  const rows: RosterRow[] = []
  const problems: RosterProblem[] = []
  body.forEach((cells, i) => {
    const row = headerIndex + 2 + i
    if (cells.every((cell) => cell.trim() === '')) return
    const value = (column: RosterColumn) => {
      const at = columns.get(column)
      return at === undefined ? '' : clean(cells[at] ?? '')
    }
    const read = readRow(row, value)
    if (typeof read === 'string') problems.push({ rows: [row], message: read })
    else rows.push(read)
  })
  problems.push(...duplicates(rows))
  const refused = new Set(problems.flatMap((p) => p.rows))
  return { rows: rows.filter((r) => !refused.has(r.row)), problems }
}

function headerColumns(header: readonly string[]): Map<RosterColumn, number> {
  const columns = new Map<RosterColumn, number>()
  header.forEach((cell, at) => {
    const key = cell
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
    const column = HEADER_ALIASES[key]
    if (column && !columns.has(column)) columns.set(column, at)
  })
  return columns
}

/** A cell as text: NFC, spaces collapsed and trimmed. */
function clean(cell: string): string {
  return cell.normalize('NFC').replace(/\s+/g, ' ').trim()
}

const FORMULA = /^[=+\-@]/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A row, or the reason it cannot be used. */
function readRow(row: number, value: (column: RosterColumn) => string): RosterRow | string {
  for (const column of ROSTER_COLUMNS) {
    const text = value(column)
    const header = ROSTER_HEADERS[column]
    if (FORMULA.test(text))
      return `${header} "${text.slice(0, 40)}" starts with ${text[0]}, as a spreadsheet formula does; write it without.`
    if (CONTROL.test(text)) return `${header} holds a control character.`
    const max = column === 'email' ? ROSTER_LIMITS.email : ROSTER_LIMITS.text
    if (text.length > max) return `${header} is longer than ${max} characters.`
  }
  const [delegation, name, roleText, email] = [
    value('delegation'),
    value('name'),
    value('role'),
    value('email'),
  ]
  if (!delegation) return 'The delegation is empty.'
  if (!name) return 'The participant name is empty.'
  const role = roleOf(roleText)
  if (!role)
    return roleText
      ? `The role "${roleText}" is not one of: ${ROLES.join(', ')}.`
      : `The role is empty; write one of: ${ROLES.join(', ')}.`
  if (email && !EMAIL.test(email)) return `The e-mail "${email}" is not an address.`
  return { row, delegation, country: value('country'), name, function: value('function'), role, email }
}

/** A role from its id or its label, in any case: "head", "Head of delegation". */
export function roleOf(text: string): Role | undefined {
  const wanted = text.toLowerCase()
  return ROLES.find((role) => role === wanted || ROLE_LABELS[role].toLowerCase() === wanted)
}

/** A name as compared: case and accents kept apart only where a person would. */
export function sameName(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('und')
}

function duplicates(rows: readonly RosterRow[]): RosterProblem[] {
  const problems: RosterProblem[] = []
  const seen = (key: (r: RosterRow) => string | null, what: (r: RosterRow) => string) => {
    const groups = new Map<string, RosterRow[]>()
    for (const r of rows) {
      const k = key(r)
      if (k !== null) groups.set(k, [...(groups.get(k) ?? []), r])
    }
    for (const group of groups.values())
      if (group.length > 1)
        problems.push({
          rows: group.map((r) => r.row),
          message: `${what(group[0]!)} appears ${group.length} times (rows ${group.map((r) => r.row).join(', ')}).`,
        })
  }
  seen(
    (r) => `${sameName(r.delegation)}\u0000${sameName(r.name)}`,
    (r) => `${r.name} of ${r.delegation}`,
  )
  seen(
    (r) => (r.email ? r.email.toLowerCase() : null),
    (r) => `The e-mail ${r.email}`,
  )
  return problems
}
