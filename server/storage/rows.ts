/**
 * @module Rows as both engines return them, and the records they stand for: one schema
 * (migrations.ts), so one set of mappers. Integers that PostgreSQL returns as strings (BIGINT) are converted.
 */
import { isLanguage } from '../../workflows/i18n/catalogue.js'
import type { AuditRecord, ConferenceRecord, ParticipantRecord, RevisionRecord } from './storage.js'

export interface ConferenceRow {
  id: string
  name: string
  local_name: string | null
  host_time_zone: string
  observers_may_comment: number
  id_prefix: string
  host_locality: string
  venue: string
  starts_on: string
  ends_on: string
  languages?: string
}

export const toConference = (r: ConferenceRow): ConferenceRecord => ({
  id: r.id,
  name: r.name,
  localName: r.local_name,
  hostTimeZone: r.host_time_zone,
  observersMayComment: Number(r.observers_may_comment) === 1,
  idPrefix: r.id_prefix,
  hostLocality: r.host_locality,
  venue: r.venue,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  languages: (r.languages ?? 'en,vi').split(',').filter(isLanguage),
})

const CONFERENCE_COLUMNS: Record<string, string> = {
  name: 'name',
  localName: 'local_name',
  hostTimeZone: 'host_time_zone',
  hostLocality: 'host_locality',
  venue: 'venue',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  observersMayComment: 'observers_may_comment',
  languages: 'languages',
}

/** The columns and values of a change to a conference (only fields named in CONFERENCE_COLUMNS are written). */
export function conferenceColumns(change: Partial<ConferenceRecord>): [string[], unknown[]] {
  const entries = Object.entries(change).filter(
    ([field, value]) => field in CONFERENCE_COLUMNS && value !== undefined,
  )
  return [
    entries.map(([field]) => CONFERENCE_COLUMNS[field]!),
    entries.map(([field, value]) =>
      field === 'observersMayComment'
        ? value
          ? 1
          : 0
        : field === 'localName'
          ? value || null
          : field === 'languages'
            ? (value as string[]).join(',')
            : value,
    ),
  ]
}

export interface ParticipantRow {
  id: string
  conference: string
  delegation: string
  name: string
  role: ParticipantRecord['role']
  token_hash: string
  function: string
  email: string
  invitation_generation: number | string
  removed_at: string
  screen: number | string
}

export const toParticipant = (row: ParticipantRow): ParticipantRecord => ({
  id: row.id,
  conference: row.conference,
  delegation: row.delegation,
  name: row.name,
  role: row.role,
  tokenHash: row.token_hash,
  function: row.function,
  email: row.email,
  invitationGeneration: Number(row.invitation_generation),
  ...(row.removed_at ? { removedAt: row.removed_at } : {}),
  ...(Number(row.screen) ? { screen: true as const } : {}),
})

export interface AuditRow {
  seq: number | string
  document: string
  at: string
  actor: string
  action: string
  details: string
  prev_hash: string
  hash: string
}

export const toAudit = (row: AuditRow): AuditRecord => ({
  seq: Number(row.seq),
  document: row.document,
  at: row.at,
  actor: row.actor,
  action: row.action,
  details: JSON.parse(row.details) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
})

export interface RevisionRow {
  document: string
  seq: number
  name: string
  hash: string
  text: string
  paragraphs: string
  created_at: string
  created_by: string
}

export const toRevision = (r: RevisionRow): RevisionRecord => ({
  document: r.document,
  seq: r.seq,
  name: r.name,
  hash: r.hash,
  text: r.text,
  paragraphs: JSON.parse(r.paragraphs) as RevisionRecord['paragraphs'],
  createdAt: r.created_at,
  createdBy: r.created_by,
})

/** The bytes of a BLOB/BYTEA as returned (a Buffer), without copying. */
export const toBytes = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
