import { describe, expect, it } from 'vitest'
import { planRoster, type CurrentRoster } from '../../workflows/conference/roster-plan.js'
import { readRoster } from '../../workflows/conference/roster.js'
import {
  decodeText,
  readRosterFile,
  UnreadableRoster,
  writeRosterFile,
} from '../../server/roster/roster-file.js'

const HEADER = ['Delegation', 'Country', 'Participant name', 'Function', 'Role', 'E-mail']
const table = (...rows: string[][]) => [HEADER, ...rows]
const osaka = [
  ['Osaka', 'Japan', 'Yamada Taro', 'Deputy Mayor', 'head', 'yamada@osaka.example'],
  ['Osaka', 'Japan', 'Suzuki Hanako', 'Officer', 'drafter', ''],
]
const empty: CurrentRoster = { delegations: [], participants: [] }

describe('reading a roster', () => {
  it('reads every column, roles by id or label, in any case, and names in any script', () => {
    const { rows, problems } = readRoster(
      table(
        ['Osaka', 'Japan', 'Yamada Taro', 'Deputy Mayor', 'Head of delegation', 'Yamada@Osaka.example'],
        ['Vladivostok', 'Russia', 'Иван Петров', 'Вице-мэр', 'HEAD', ''],
        ['Shanghai', 'China', '王小明', '', 'head', ''],
        ['Dubai', 'UAE', 'محمد علي', '', 'head', ''],
        ['Đà Nẵng', 'Việt Nam', 'Nguyễn Văn A', '', 'chair', ''],
      ),
    )
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.row, r.name, r.role])).toEqual([
      [2, 'Yamada Taro', 'head'],
      [3, 'Иван Петров', 'head'],
      [4, '王小明', 'head'],
      [5, 'محمد علي', 'head'],
      [6, 'Nguyễn Văn A', 'chair'],
    ])
  })

  it('refuses, naming each row, empty names, unknown roles, formulas, control characters and bad e-mails', () => {
    const { rows, problems } = readRoster(
      table(
        ['Osaka', 'Japan', '', '', 'head', ''],
        ['Osaka', 'Japan', 'Suzuki', '', 'minister', ''],
        ['Osaka', 'Japan', '=HYPERLINK("http://evil.example","x")', '', 'drafter', ''],
        ['Osaka', 'Japan', 'Tanaka', '@SUM(A1)', 'drafter', ''],
        ['', 'Japan', 'Ito', '', 'drafter', ''],
        ['Osaka', 'Japan', 'Kato', '', 'drafter', 'not an address'],
        ['Osaka', 'Japan', 'Abe\u0007', '', 'drafter', ''],
        ['Osaka', 'Japan', 'Mori', '', '', ''],
      ),
    )
    expect(rows).toEqual([])
    expect(problems.map((p) => [p.rows, p.message.split(/[.;:]/)[0]])).toEqual([
      [[2], 'The participant name is empty'],
      [[3], 'The role "minister" is not one of'],
      [[4], 'Participant name "=HYPERLINK("http'],
      [[5], 'Function "@SUM(A1)" starts with @, as a spreadsheet formula does'],
      [[6], 'The delegation is empty'],
      [[7], 'The e-mail "not an address" is not an address'],
      [[8], 'Participant name holds a control character'],
      [[9], 'The role is empty'],
    ])
  })

  it('refuses both rows of a participant listed twice (same delegation and name, or same e-mail)', () => {
    const { rows, problems } = readRoster(
      table(
        ...osaka,
        ['osaka', 'Japan', 'YAMADA TARO', '', 'head', ''],
        ['Kyoto', 'Japan', 'Someone Else', '', 'head', 'suzuki@example.org'],
        ['Nara', 'Japan', 'Another', '', 'head', 'SUZUKI@example.org'],
      ),
    )
    expect(problems.map((p) => p.rows)).toEqual([
      [2, 4],
      [5, 6],
    ])
    expect(rows.map((r) => r.row)).toEqual([3])
  })

  it('needs the delegation, name and role columns; skips blank rows; finds the header after blank lines', () => {
    expect(
      readRoster([
        ['Name', 'Role'],
        ['A', 'head'],
      ]).problems[0]!.message,
    ).toMatch(/missing: Delegation/)
    const { rows } = readRoster([
      [''],
      ['delegation', 'participant', 'role'],
      ['', '', ''],
      ['Osaka', 'A', 'head'],
    ])
    expect(rows.map((r) => r.row)).toEqual([4])
  })

  it('refuses a file of more than 10,000 participants as a whole', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ['D', '', `P${i}`, '', 'head', ''])
    expect(readRoster(table(...many)).problems[0]!.message).toMatch(/10001 participants; at most 10000/)
  })
})

describe('planning an import', () => {
  const plan = (rows: string[][], current = empty) =>
    planRoster(current, readRoster(table(...rows)).rows, 'c1.')

  it('creates delegations and participants with ids of the conference, and colours in order', () => {
    const result = plan([...osaka, ['Secretariat', '', 'Clerk', '', 'secretariat', '']])
    expect(result.problems).toEqual([])
    expect(result.createDelegations.map((d) => [d.id, d.kind])).toEqual([
      ['c1.osaka', 'member'],
      ['c1.secretariat', 'secretariat'],
    ])
    expect(result.createParticipants.map((p) => p.id)).toEqual([
      'c1.osaka-yamada-taro',
      'c1.osaka-suzuki-hanako',
      'c1.secretariat-clerk',
    ])
    expect(new Set(result.createDelegations.map((d) => d.colour)).size).toBe(2)
  })

  it('changes nothing when the same file comes again, and updates what a later file changes', () => {
    const first = plan(osaka)
    const current: CurrentRoster = {
      delegations: first.createDelegations,
      participants: first.createParticipants,
    }
    const again = plan(osaka, current)
    expect([again.createDelegations, again.createParticipants, again.updateParticipants]).toEqual([
      [],
      [],
      [],
    ])
    expect(again.unchanged).toBe(2)

    const later = plan(
      [
        ['Osaka', 'Japan', 'Yamada Taro', 'Mayor', 'head', 'yamada@osaka.example'],
        // Found by e-mail, whatever the name now says.
        ['Osaka', 'Japan', 'Suzuki H.', 'Officer', 'drafter', ''],
        ['Osaka', 'Japan', 'Kimura', '', 'drafter', ''],
      ],
      current,
    )
    expect(later.updateParticipants.map((p) => [p.id, p.function])).toEqual([
      ['c1.osaka-yamada-taro', 'Mayor'],
    ])
    expect(later.createParticipants.map((p) => p.name)).toEqual(['Suzuki H.', 'Kimura'])
  })

  it('refuses a member delegation without a head (the chair counts), and mixed secretariat or observer rows', () => {
    const result = plan([
      ['Kyoto', 'Japan', 'A', '', 'drafter', ''],
      ['Host City', 'Viet Nam', 'Chairman', '', 'chair', ''],
      ['Secretariat', '', 'Clerk', '', 'secretariat', ''],
      ['Secretariat', '', 'Helper', '', 'drafter', ''],
      ['UNDP', '', 'Observer', '', 'observer', ''],
    ])
    expect(result.problems.map((p) => [p.rows, p.message.split(' ').slice(0, 4).join(' ')])).toEqual([
      [[2], 'Kyoto has no head'],
      [[4, 5], 'Secretariat: the secretariat is'],
    ])
  })

  it("refuses an e-mail that is already another delegation's participant's", () => {
    const first = plan(osaka)
    const current: CurrentRoster = {
      delegations: first.createDelegations,
      participants: first.createParticipants,
    }
    const moved = plan([['Kyoto', 'Japan', 'Yamada Taro', '', 'head', 'yamada@osaka.example']], current)
    expect(moved.problems[0]!.message).toMatch(/cannot move delegation/)
  })
})

describe('roster files', () => {
  const csv = 'Delegation,Country,Participant name,Role\r\nĐà Nẵng,Việt Nam,"Nguyễn, Văn A",head\r\n'

  it('reads UTF-8 with and without a BOM, UTF-16 with a BOM, and Windows-1252', async () => {
    const utf8 = new TextEncoder().encode(csv)
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(csv, 'utf16le'))])
    for (const bytes of [utf8, bom, utf16])
      expect((await readRosterFile(bytes))[1]).toEqual(['Đà Nẵng', 'Việt Nam', 'Nguyễn, Văn A', 'head'])
    // "Zürich;Schweiz;José Müller;head" as old Excel saves it on Windows, with semicolons.
    const cp1252 = new Uint8Array([
      ...Buffer.from('Delegation;Country;Participant name;Role\r\n', 'latin1'),
      ...Buffer.from('Z\xfcrich;Schweiz;Jos\xe9 M\xfcller;head\r\n', 'latin1'),
    ])
    expect(decodeText(cp1252)).toContain('Zürich')
    expect((await readRosterFile(cp1252))[1]).toEqual(['Zürich', 'Schweiz', 'José Müller', 'head'])
  })

  it('writes CSV and Excel that read back the same, with formulas written as text', async () => {
    const lines = [
      {
        delegation: 'Đà Nẵng',
        country: 'Việt Nam',
        name: 'Nguyễn Văn A',
        function: '=1+2',
        role: 'head',
        email: '',
      },
      {
        delegation: 'Москва',
        country: 'Россия',
        name: 'Иван, Петров',
        function: 'Mayor',
        role: 'drafter',
        email: 'a@b.example',
      },
    ]
    for (const format of ['csv', 'xlsx'] as const) {
      const back = await readRosterFile(await writeRosterFile(lines, format))
      expect(back[1]).toEqual(['Đà Nẵng', 'Việt Nam', 'Nguyễn Văn A', "'=1+2", 'head', ''])
      expect(back[2]).toEqual(['Москва', 'Россия', 'Иван, Петров', 'Mayor', 'drafter', 'a@b.example'])
    }
  })

  it('refuses, with the reason, a file over 5 MB, an empty file, a binary and a broken Excel file', async () => {
    const refusal = (bytes: Uint8Array) =>
      readRosterFile(bytes).then(
        () => 'read',
        (error: unknown) => (error instanceof UnreadableRoster ? error.message : `other: ${String(error)}`),
      )
    expect(await refusal(new Uint8Array(50 * 1024 * 1024))).toMatch(
      /50\.0 MB; a roster file can be at most 5 MB/,
    )
    expect(await refusal(new Uint8Array())).toBe('The file is empty.')
    expect(await refusal(new Uint8Array([1, 0, 2, 0, 3]))).toMatch(/not a CSV or Excel file/)
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]))).toMatch(
      /Excel file cannot be read/,
    )
  })
})
