/**
 * @module The `accord` commands that set up a conference of one's own, for scripted set-ups: create a conference
 * and its documents, import and export the roster, hand out and revoke invitations. Each opens the data directory
 * (or the PostgreSQL database), does one thing, and says what it did. A running server sees the result at once
 * (same storage); a revoked link's open connections end when they next reconnect.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { ConferenceRecord, Storage } from './storage/storage.js'
import { invitationToken, invitationUrl } from './auth/invitations.js'
import { invitationsCsv, listInvitations, reissueInvitation } from './invites.js'
import { invitationCardsPdf } from './export/invitation-cards.js'
import { importRoster, previewRoster, rosterLines, type RosterPreview } from './roster/import-roster.js'
import { UnreadableRoster, writeRosterFile } from './roster/roster-file.js'
import { conferenceFacts, createDocument, createOwnConference } from './setup/conference-setup.js'

export interface SetupOptions {
  storage: Storage
  secret: Buffer
  publicUrl: string
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
  write: (text: string) => void
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined)

/** The conference a command acts on: `--conference ID`, or the only one there is. */
export async function chosenConference(storage: Storage, id: string | undefined): Promise<ConferenceRecord> {
  const conferences = await storage.listConferences()
  if (id) {
    const found = conferences.find((c) => c.id === id)
    if (!found) throw new Error(`no conference ${id}; there are: ${conferences.map((c) => c.id).join(', ')}`)
    return found
  }
  if (conferences.length === 1) return conferences[0]!
  throw new Error(
    conferences.length === 0
      ? 'there is no conference yet: accord conference create --name … --time-zone …'
      : `say which conference with --conference: ${conferences.map((c) => c.id).join(', ')}`,
  )
}

/** `accord conference create …` and `accord conference list`. */
export async function conferenceCommand(o: SetupOptions): Promise<number> {
  const [action] = o.positionals
  if (action === 'list') {
    for (const c of await o.storage.listConferences())
      o.write(`${c.id}\t${c.name}${c.localName ? ` (${c.localName})` : ''}\t${c.hostTimeZone}\n`)
    return 0
  }
  if (action !== 'create') throw new Error('usage: accord conference create|list …')
  const facts = conferenceFacts.safeParse({
    name: text(o.values.name),
    localName: text(o.values['local-name']),
    hostTimeZone: text(o.values['time-zone']),
    hostLocality: text(o.values['host-locality']),
    venue: text(o.values.venue),
    startsOn: text(o.values.starts),
    endsOn: text(o.values.ends),
  })
  if (!facts.success)
    throw new Error(
      facts.error.issues.map((i) => `--${optionOf(String(i.path[0]))}: ${i.message}`).join('; '),
    )
  const { conference, officer } = await createOwnConference(o.storage, o.secret, facts.data)
  const link = invitationUrl(o.publicUrl, invitationToken(o.secret, officer.id))
  o.write(`created conference ${conference.id}: ${conference.name}\n`)
  o.write(`the secretariat's invitation (sets up the roster, documents and invitations):\n  ${link}\n`)
  return 0
}

const OPTION_OF: Record<string, string> = {
  name: 'name',
  localName: 'local-name',
  hostTimeZone: 'time-zone',
  hostLocality: 'host-locality',
  venue: 'venue',
  startsOn: 'starts',
  endsOn: 'ends',
}
const optionOf = (field: string) => OPTION_OF[field] ?? field

/** `accord document create --title … [--lang en]`. */
export async function documentCommand(o: SetupOptions): Promise<number> {
  if (o.positionals[0] !== 'create')
    throw new Error('usage: accord document create --title TITLE [--lang en]')
  const conference = await chosenConference(o.storage, text(o.values.conference))
  const title = text(o.values.title)
  if (!title) throw new Error('--title is required')
  const document = await createDocument(o.storage, conference, { title, lang: text(o.values.lang) ?? 'en' })
  o.write(`created document ${document.id} in ${conference.id}: ${document.title}\n`)
  return 0
}

/** `accord roster import FILE [--dry-run]` and `accord roster export [--format csv|xlsx] [--out FILE]`. */
export async function rosterCommand(o: SetupOptions): Promise<number> {
  const [action, file] = o.positionals
  const conference = await chosenConference(o.storage, text(o.values.conference))
  if (action === 'export') {
    const format = text(o.values.format) ?? 'csv'
    if (format !== 'csv' && format !== 'xlsx') throw new Error('--format must be csv or xlsx')
    const bytes = await writeRosterFile(await rosterLines(o.storage, conference.id), format)
    return output(o, bytes)
  }
  if (action !== 'import' || !file) throw new Error('usage: accord roster import FILE [--dry-run]')
  const bytes = readFileSync(file)
  const started = Date.now()
  try {
    const result = o.values['dry-run']
      ? await previewRoster(o.storage, conference, bytes)
      : await importRoster(o.storage, o.secret, conference, bytes)
    o.write(describePreview(result, Boolean(o.values['dry-run']), Date.now() - started))
    return result.problems.length > 0 ? 1 : 0
  } catch (error) {
    if (error instanceof UnreadableRoster) {
      o.write(`${file}: ${error.message}\nNothing was imported.\n`)
      return 1
    }
    throw error
  }
}

/** A preview or an import, as a secretariat reads it. */
export function describePreview(result: RosterPreview, dryRun: boolean, ms: number): string {
  const lines: string[] = []
  const counts = `${result.createDelegations.length} new delegations, ${result.createParticipants.length} new participants, ${result.updateDelegations.length + result.updateParticipants.length} updated, ${result.unchanged} unchanged`
  if (result.problems.length > 0) {
    lines.push(`${result.problems.length} problems; nothing was imported:`)
    for (const p of result.problems)
      lines.push(
        `  ${p.rows.length ? `row${p.rows.length > 1 ? 's' : ''} ${p.rows.join(', ')}: ` : ''}${p.message}`,
      )
    lines.push(`Without them the file would give: ${counts}.`)
  } else lines.push(`${dryRun ? 'Would import' : 'Imported'} ${result.rows} rows: ${counts} (${ms} ms).`)
  return `${lines.join('\n')}\n`
}

/** `accord invites [--format text|json|csv|pdf] [--out FILE]`. */
export async function invitesCommand(o: SetupOptions): Promise<number> {
  const conferenceId = text(o.values.conference)
  const conference = conferenceId ? await chosenConference(o.storage, conferenceId) : undefined
  const invitations = await listInvitations(o.storage, o.secret, o.publicUrl, conference?.id)
  const format = o.values.json ? 'json' : (text(o.values.format) ?? 'text')
  if (format === 'json') o.write(`${JSON.stringify(invitations, null, 2)}\n`)
  else if (format === 'csv') return output(o, new TextEncoder().encode(invitationsCsv(invitations)))
  else if (format === 'pdf') {
    const started = Date.now()
    const chosen = conference ?? (await chosenConference(o.storage, undefined))
    const pdf = await invitationCardsPdf(chosen, invitations)
    const code = output(o, pdf)
    if (text(o.values.out)) o.write(`${invitations.length} cards in ${Date.now() - started} ms\n`)
    return code
  } else if (format === 'text')
    for (const i of invitations) o.write(`${i.role}\t${i.delegationName}\t${i.name}\t${i.url}\n`)
  else throw new Error('--format must be text, json, csv or pdf')
  return 0
}

/** `accord invite revoke PARTICIPANT`: the old link and its sessions stop working; prints the new link. */
export async function inviteCommand(o: SetupOptions): Promise<number> {
  const [action, id] = o.positionals
  if (action !== 'revoke' || !id) throw new Error('usage: accord invite revoke PARTICIPANT')
  const participant = await o.storage.getParticipant(id)
  if (!participant) throw new Error(`no participant ${id}`)
  const { url } = await reissueInvitation(o.storage, o.secret, participant.id, o.publicUrl)
  o.write(`revoked the invitation of ${participant.name} (${participant.id}); its sessions are signed out.\n`)
  o.write(`new invitation:\n  ${url}\n`)
  return 0
}

function output(o: SetupOptions, bytes: Uint8Array): number {
  const out = text(o.values.out)
  if (out) writeFileSync(out, bytes)
  else process.stdout.write(bytes)
  return 0
}
