/**
 * @module Setting up a conference of one's own: the conference with its facts, its secretariat (one officer, whose
 * invitation opens the secretariat's page), and its documents. Used by `accord conference create`, `accord document
 * create` and the secretariat's API. The roster comes from the secretariat's file (server/roster/).
 */
import { randomBytes } from 'node:crypto'
import { LANGUAGES } from '../../workflows/i18n/catalogue.js'
import { z } from 'zod'
import { slug } from '../../workflows/conference/admission.js'
import { declarationJson } from '../../workflows/document/build.js'
import { paragraphIdFromBytes } from '../../workflows/document/paragraph-ids.js'
import { delegationColour } from '../../workflows/presentation/colours.js'
import { hashSecret, invitationToken } from '../auth/invitations.js'
import { declarationInitialState } from '../document/declaration-state.js'
import type { ConferenceRecord, DocumentRecord, ParticipantRecord, Storage } from '../storage/storage.js'

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  // Date.parse takes 2026-02-30 for 2 March: a real day reads back as itself.
  .refine((text) => {
    const day = new Date(`${text}T00:00:00Z`)
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text
  }, 'not a calendar date')

/** A time zone the runtime knows (IANA, e.g. Asia/Ho_Chi_Minh). */
const timeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone })
      return true
    } catch {
      return false
    }
  }, 'an IANA time zone such as Asia/Ho_Chi_Minh')

/** The facts of a conference, each field checked once for creating and for changing them. */
const conferenceFields = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('The conference name in English.'),
  localName: z.string().trim().max(200).optional().describe('The name in the host language.'),
  hostTimeZone: timeZone.describe('The host time zone, IANA (Asia/Ho_Chi_Minh).'),
  hostLocality: z.string().trim().max(120).optional(),
  venue: z.string().trim().max(200).optional(),
  startsOn: day.optional(),
  endsOn: day.optional(),
  languages: z
    .array(z.enum(LANGUAGES))
    .min(1)
    .max(LANGUAGES.length)
    .refine((list) => new Set(list).size === list.length, 'each language once')
    .optional()
    .describe('The languages the pages are offered in (en, vi); the first is the default.'),
})
/** A conference does not end before it starts (checked on creation, and on a change against what it keeps). */
export const datesInOrder = (facts: { startsOn?: string; endsOn?: string }) =>
  !facts.startsOn || !facts.endsOn || facts.startsOn <= facts.endsOn
export const DATES_OUT_OF_ORDER = 'the conference ends before it starts'
const ORDER = { message: DATES_OUT_OF_ORDER, path: ['endsOn'] }

/** The facts of a new conference, as the command line and the API take them. */
export const conferenceFacts = conferenceFields.refine(datesInOrder, ORDER)
export type ConferenceFacts = z.infer<typeof conferenceFacts>

/** What the secretariat may change of its conference (any of the facts, and whether observers may comment). */
export const conferenceChange = conferenceFields
  .partial()
  .extend({ observersMayComment: z.boolean().optional() })
  .refine(datesInOrder, ORDER)
export type ConferenceChange = z.infer<typeof conferenceChange>

/** A language tag such as en or vi. */
const lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or vi')

/** A document's title in one language, and optionally again in the host language (a declaration has up to two). */
export const documentFacts = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    lang: lang.default('en'),
    localTitle: z.string().trim().min(1).max(300).optional().describe('The title in the host language.'),
    localLang: lang.optional().describe('Its language (vi, say); required with localTitle.'),
  })
  .refine((facts) => !facts.localTitle === !facts.localLang, {
    message: 'a title in the host language needs its language, and the other way round',
    path: ['localLang'],
  })
export type DocumentFacts = z.input<typeof documentFacts>

/** Creates a conference with its secretariat; returns it and the secretariat officer. */
export async function createOwnConference(
  storage: Storage,
  secret: Buffer,
  facts: ConferenceFacts,
): Promise<{ conference: ConferenceRecord; officer: ParticipantRecord }> {
  const taken = new Set((await storage.listConferences()).map((c) => c.id))
  // Short: every id of the conference starts with it (a notes document's id holds two of them).
  const base = slug(facts.name).slice(0, 40).replace(/-$/, '') || 'conference'
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  const conference: ConferenceRecord = {
    id,
    name: facts.name,
    localName: facts.localName || null,
    hostTimeZone: facts.hostTimeZone,
    observersMayComment: false,
    idPrefix: `${id}.`,
    hostLocality: facts.hostLocality ?? '',
    venue: facts.venue ?? '',
    startsOn: facts.startsOn ?? '',
    endsOn: facts.endsOn ?? '',
    languages: facts.languages ?? ['en', 'vi'],
  }
  const secretariat = `${id}.secretariat`
  const officerId = `${id}.secretariat-officer`
  const officer: ParticipantRecord = {
    id: officerId,
    conference: id,
    delegation: secretariat,
    name: 'Secretariat officer',
    role: 'secretariat',
    tokenHash: hashSecret(invitationToken(secret, officerId)),
    function: '',
    email: '',
    invitationGeneration: 0,
  }
  await storage.createConference({
    conference,
    delegations: [
      {
        id: secretariat,
        conference: id,
        name: 'Secretariat',
        country: '',
        kind: 'secretariat',
        colour: delegationColour(0),
      },
    ],
    participants: [officer],
    documents: [],
  })
  return { conference, officer }
}

/** Creates an empty declaration (its title and one empty operative paragraph) in a conference, in draft. */
export async function createDocument(
  storage: Storage,
  conference: ConferenceRecord,
  input: DocumentFacts,
): Promise<DocumentRecord> {
  const { title, lang, localTitle, localLang } = documentFacts.parse(input)
  const base = `${conference.idPrefix ?? ''}${slug(title).slice(0, 48) || 'declaration'}`
  let id = base
  for (let n = 2; await storage.getDocument(id); n++) id = `${base}-${n}`
  const record: DocumentRecord = { id, conference: conference.id, title, stage: 'draft' }
  const content = declarationJson({
    titles: [
      { lang, text: title },
      ...(localTitle && localLang ? [{ lang: localLang, text: localTitle }] : []),
    ],
    paragraphs: [{ id: paragraphIdFromBytes(randomBytes(8)), kind: 'operative', text: '' }],
  })
  if (!(await storage.ensureDocument(record, declarationInitialState(content, 'draft'))))
    throw new Error(`a document ${id} exists already`)
  return record
}
