/**
 * @module Setting up a UN-scale conference (issue 16): importing a 5,000-participant roster (500 delegations of ten)
 * from CSV and from Excel, importing it again (nothing changes), and printing its invitation cards (5,000 cards,
 * 625 A4 pages). In process, on the embedded SQLite engine, as `accord roster import` and `accord invites --format
 * pdf` do it. Names in Latin with Vietnamese diacritics and in Cyrillic (the cards' font draws both).
 *
 * Run: `npm run bench:roster`. ROSTER_ROWS overrides the 5,000.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { invitationCardsPdf } from '../server/export/invitation-cards.js'
import { listInvitations } from '../server/invites.js'
import { importRoster, previewRoster } from '../server/roster/import-roster.js'
import { writeRosterFile, type RosterLine } from '../server/roster/roster-file.js'
import { createOwnConference } from '../server/setup/conference-setup.js'
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage.js'

const ROWS = Number(process.env.ROSTER_ROWS ?? 5000)
const ROLES = [
  'head',
  'drafter',
  'drafter',
  'drafter',
  'drafter',
  'drafter',
  'drafter',
  'drafter',
  'drafter',
  'drafter',
]
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Иванов', 'Петрова', 'Müller', 'García', 'Okafor', 'Dubois']
const GIVEN = ['Văn An', 'Thị Bình', 'Đức', 'Анна', 'Сергей', 'Hélène', 'José', 'Chidi', 'Łukasz', 'Zoë']

function roster(rows: number): RosterLine[] {
  return Array.from({ length: rows }, (_, i) => {
    const delegation = Math.floor(i / 10)
    return {
      delegation: `Locality ${String(delegation + 1).padStart(3, '0')}`,
      country: `Country ${(delegation % 193) + 1}`,
      name: `${FAMILY[i % 10]} ${GIVEN[(i * 7) % 10]} ${i}`,
      function: i % 10 === 0 ? 'Head of delegation' : 'Adviser',
      role: ROLES[i % 10]!,
      email: `participant${i}@example.org`,
    }
  })
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

async function main(): Promise<void> {
  const rows: string[] = []
  const lines = roster(ROWS)
  for (const format of ['csv', 'xlsx'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'accord-bench-roster-'))
    const storage = new SqliteStorage(join(dir, 'accord.sqlite'))
    const secret = Buffer.alloc(32, 7)
    try {
      const { conference } = await createOwnConference(storage, secret, {
        name: 'Bench Conference',
        hostTimeZone: 'Asia/Ho_Chi_Minh',
      })
      const [file, writeMs] = await timed(() => writeRosterFile(lines, format))
      const [preview, previewMs] = await timed(() => previewRoster(storage, conference, file))
      const [first, importMs] = await timed(() => importRoster(storage, secret, conference, file))
      const [again, againMs] = await timed(() => importRoster(storage, secret, conference, file))
      if (preview.problems.length + first.problems.length > 0)
        throw new Error(JSON.stringify(first.problems[0]))
      if (again.unchanged !== ROWS) throw new Error(`again: ${again.unchanged} unchanged`)
      rows.push(
        `| ${format} | ${(file.byteLength / 1024).toFixed(0)} KiB | ${writeMs.toFixed(0)} ms | ${previewMs.toFixed(0)} ms | ${importMs.toFixed(0)} ms | ${againMs.toFixed(0)} ms |`,
      )
      if (format === 'csv') {
        const invitations = await listInvitations(
          storage,
          secret,
          'https://accord.example.org',
          conference.id,
        )
        const [pdf, cardsMs] = await timed(() => invitationCardsPdf(conference, invitations))
        console.log(
          `cards: ${invitations.length} invitations → ${Math.ceil(invitations.length / 8)} pages, ${(pdf.byteLength / 1024 / 1024).toFixed(1)} MiB, ${cardsMs.toFixed(0)} ms`,
        )
      }
    } finally {
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  console.log(`\n${ROWS} participants in ${ROWS / 10} delegations (one run each)\n`)
  console.log('| file | size | written (export) | preview | import | same file again |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const row of rows) console.log(row)
}

await main()
