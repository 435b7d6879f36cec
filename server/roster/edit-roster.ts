/**
 * @module One participant added, changed or removed by the secretariat — held to the very rules a roster file is:
 * the roster as it would be afterwards is read as a file would be (empty names, unknown roles, formulas,
 * duplicates) and planned (a member delegation keeps a head, the secretariat and observers stay delegations of
 * their own), and only the problems that concern the edited participant's delegation are reported. Nothing is
 * written when there is one. A removed participant is kept (their name stays on what they did) but signed out.
 */
import { planRoster } from '../../workflows/conference/roster-plan.js'
import {
  readRoster,
  ROSTER_COLUMNS,
  ROSTER_HEADERS,
  sameName,
  type RosterProblem,
} from '../../workflows/conference/roster.js'
import { hashSecret, invitationToken } from '../auth/invitations.js'
import type { ConferenceRecord, Storage } from '../storage/storage.js'
import { currentParticipants, rosterLineOf } from './import-roster.js'
import type { RosterLine } from './roster-file.js'

/** What the secretariat may change of a participant (a participant does not move delegation). */
export type ParticipantChange = Partial<Pick<RosterLine, 'name' | 'function' | 'role' | 'email'>>

export type RosterEdit =
  /** `screen`: the room's screen (meeting mode's projector), an observer whose page is the projector's. */
  | { add: RosterLine; screen?: true }
  | { participant: string; change: ParticipantChange }
  | { participant: string; remove: true }

export type EditOutcome = { problems: RosterProblem[] } | { participant: string } | { unknown: true }

export async function editRoster(
  storage: Storage,
  secret: Buffer,
  conference: ConferenceRecord,
  edit: RosterEdit,
  now: () => string = () => new Date().toISOString(),
): Promise<EditOutcome> {
  const [delegations, everyone] = await Promise.all([
    storage.listDelegations(conference.id),
    storage.listParticipants(conference.id, true),
  ])
  const participants = currentParticipants(everyone)
  const byId = new Map(delegations.map((d) => [d.id, d]))
  const lines = participants.map((p) => ({ id: p.id, line: rosterLineOf(p, byId.get(p.delegation)) }))

  // The roster as it would be, and the delegation the edit concerns.
  let after: { id: string | null; line: RosterLine }[]
  let concerned: string
  if ('add' in edit) {
    after = [...lines, { id: null, line: edit.add }]
    concerned = edit.add.delegation
  } else {
    const target = lines.find((l) => l.id === edit.participant)
    if (!target) return { unknown: true }
    concerned = target.line.delegation
    after =
      'remove' in edit
        ? lines.filter((l) => l !== target)
        : lines.map((l) => (l === target ? { id: l.id, line: { ...l.line, ...edit.change } } : l))
  }
  const table = [
    ROSTER_COLUMNS.map((c) => ROSTER_HEADERS[c]),
    ...after.map(({ line }) => ROSTER_COLUMNS.map((c) => line[c])),
  ]
  const read = readRoster(table)
  const whole = planRoster({ delegations: [], participants: [] }, read.rows, conference.idPrefix ?? '')
  const rowsConcerned = new Set(
    after.flatMap(({ line }, i) => (sameName(line.delegation) === sameName(concerned) ? [i + 2] : [])),
  )
  const problems = [...read.problems, ...whole.problems].filter(
    (p) => p.rows.length === 0 || p.rows.some((row) => rowsConcerned.has(row)),
  )
  if (problems.length > 0) return { problems }

  if ('add' in edit) {
    const row = read.rows.at(-1)!
    const plan = planRoster(
      { delegations, participants },
      [row],
      conference.idPrefix ?? '',
      everyone.map((p) => p.id),
    )
    if (plan.problems.length > 0) return { problems: plan.problems }
    const created = plan.createParticipants[0]!
    await storage.applyRoster(conference.id, {
      createDelegations: plan.createDelegations.map((d) => ({ ...d, conference: conference.id })),
      updateDelegations: [],
      createParticipants: [
        {
          ...created,
          ...(edit.screen ? { screen: true as const } : {}),
          conference: conference.id,
          tokenHash: hashSecret(invitationToken(secret, created.id)),
          invitationGeneration: 0,
        },
      ],
      updateParticipants: [],
    })
    return { participant: created.id }
  }
  if ('remove' in edit) {
    await storage.removeParticipant(edit.participant, now())
    return { participant: edit.participant }
  }
  const current = participants.find((p) => p.id === edit.participant)!
  const changed = read.rows.find((r) => r.row === after.findIndex((l) => l.id === edit.participant) + 2)!
  await storage.applyRoster(conference.id, {
    createDelegations: [],
    updateDelegations: [],
    createParticipants: [],
    updateParticipants: [
      {
        ...current,
        name: changed.name,
        role: changed.role,
        function: changed.function,
        email: changed.email,
      },
    ],
  })
  return { participant: current.id }
}
