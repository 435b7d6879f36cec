/**
 * @module Every JSON body the HTTP API accepts, defined once (zod): the routes check a request against it
 * (`readInput` in json-body.ts), take their types from it, and `/api/openapi.json` describes it from the same
 * definition (`z.toJSONSchema`). Values that are also stored in the document — paragraph ids, kinds — use the
 * document format's own schemas (workflows/document/values.ts), so the API and the update check cannot drift.
 */
import { z } from 'zod'
import { STAGES } from '../../workflows/conference/roles.js'
import { POSITION_KINDS } from '../../workflows/consensus/positions.js'
import { paragraphId } from '../../workflows/document/values.js'
import { PARAGRAPH_STATUSES } from '../../workflows/document/format.js'
import { MAX_SPEAKING_SECONDS } from '../../workflows/meeting/speakers.js'
import { MAX_MESSAGE_LENGTH } from '../../workflows/threads/thread.js'
import { conferenceChange, conferenceFacts, documentFacts } from '../setup/conference-setup.js'

/** A request on the speakers' list (ids the server made: `rq-` and 12 base64url characters). */
const requestId = z.string().regex(/^rq-[A-Za-z0-9_-]{12}$/)
/** A character offset within a paragraph's text. */
const offset = z.number().int().min(0).max(10_000_000)
/** A name a person types: trimmed, 1 to `max` characters. */
const name = (max: number) => z.string().trim().min(1).max(max)

/** A comment: plain text, line breaks kept; at most MAX_MESSAGE_LENGTH once cleaned (threads route). */
const messageText = z
  .string()
  .max(MAX_MESSAGE_LENGTH * 2)
  .describe(`Plain text, line breaks kept; 1 to ${MAX_MESSAGE_LENGTH} characters once cleaned.`)

/** What a browser's navigator.credentials answers, as JSON: base64url strings, at most a few KiB. */
const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(16_384)
const webAuthnResponse = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.record(
    z.string().max(64),
    z.union([base64url, z.number().int(), z.array(z.string().max(32)).max(10)]),
  ),
  clientExtensionResults: z.object({}).passthrough(),
  authenticatorAttachment: z.string().max(32).optional(),
})

export const INPUTS = {
  session: z.strictObject({ token: z.string().min(1).max(200).describe('The invitation token.') }),
  stage: z.strictObject({
    stage: z.enum(STAGES),
    deferThreads: z
      .array(z.string().max(128))
      .max(1000)
      .optional()
      .describe('Open threads the chair carries over into the next stage.'),
  }),
  paragraphStatus: z.strictObject({ status: z.enum(PARAGRAPH_STATUSES) }),
  position: z.strictObject({
    kind: z.enum(POSITION_KINDS),
    statement: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .describe('The reason for an objection or a reservation.'),
    paragraphs: z.array(paragraphId).max(200).optional().describe('The paragraphs a reservation concerns.'),
  }),
  silence: z.strictObject({
    deadline: z
      .string()
      .max(40)
      .describe("A time in the conference's host time zone, YYYY-MM-DDTHH:mm (seconds optional)."),
  }),
  revision: z.strictObject({
    name: name(80).optional().describe('Defaults to "Zero draft", then "Rev.N".'),
    renumber: z
      .boolean()
      .optional()
      .describe('Number the paragraphs afresh (OP6bis becomes OP7 …); the redline shows old → new numbers.'),
  }),
  delegation: z.strictObject({ name: name(120), country: name(120) }),
  /** A new declaration: its title in one language (en unless said). */
  document: documentFacts,
  /** A participant the secretariat adds by hand (the roster file's columns; held to the same rules). */
  participant: z.strictObject({
    delegation: name(120),
    country: z.string().max(120).default(''),
    name: name(120),
    function: z.string().max(120).default(''),
    role: z.string().max(40).describe('secretariat, chair, head, drafter or observer (or its label)'),
    email: z.string().max(254).default(''),
  }),
  /** The room's screen the secretariat adds (meeting mode's projector). */
  screen: z.strictObject({
    name: name(120).default('Room screen').describe('How the screen is named in the list of participants.'),
  }),
  /** What the secretariat may change of a participant. */
  participantChange: z.strictObject({
    name: name(120).optional(),
    function: z.string().max(120).optional(),
    role: z.string().max(40).optional(),
    email: z.string().max(254).optional(),
  }),
  /** A conference's facts (`accord conference create` takes the same). */
  conference: conferenceFacts,
  /** What the secretariat changes of its conference. */
  conferenceChange,
  /** A delegation renamed, or its country corrected. */
  delegationChange: z.strictObject({
    name: name(120).optional(),
    country: z.string().trim().max(120).optional(),
  }),
  decision: z.strictObject({
    delegation: z
      .string()
      .max(128)
      .optional()
      .describe('Whose suggestion, when one id is held by two owners (answered 409 ambiguous_suggestion).'),
  }),
  /** Deciding many suggestions at once. */
  decideAll: z.strictObject({
    delegation: z.string().max(128).optional().describe("Only this delegation's suggestions."),
    suggestions: z
      .array(z.string().max(256))
      .max(20_000)
      .optional()
      .describe(
        'Only these suggestion ids — those the chair was shown and confirmed: one proposed meanwhile stays pending.',
      ),
  }),
  thread: z.strictObject({
    startBlock: paragraphId.describe('The paragraph id, or title:<lang>, where the words begin.'),
    startOffset: offset,
    endBlock: paragraphId.describe('…and where they end.'),
    endOffset: offset,
    quote: z
      .string()
      .max(10_000)
      .optional()
      .describe('The words the thread is about, as the commenter saw them.'),
    text: messageText,
  }),
  message: z.strictObject({ text: messageText }),
  bracket: z
    .strictObject({ block: paragraphId, startOffset: offset, endOffset: offset })
    .refine((range) => range.endOffset > range.startOffset, {
      message: 'must be a non-empty range of characters',
      path: ['endOffset'],
    }),
  alternative: z.strictObject({ text: z.string().trim().min(1).max(2000) }),
  floor: z.strictObject({
    paragraph: paragraphId.describe('The paragraph put on the floor.'),
    words: z
      .strictObject({ startOffset: offset, endOffset: offset })
      .refine((range) => range.endOffset > range.startOffset, {
        message: 'must be a non-empty range of characters',
        path: ['endOffset'],
      })
      .optional()
      .describe('Some words of the paragraph, put on the floor with it (character offsets in its text).'),
  }),
  floorRequest: z.strictObject({
    paragraph: paragraphId
      .optional()
      .describe('The paragraph the delegation wants to speak on; the one on the floor when absent.'),
    pointOfOrder: z.boolean().optional().describe('A point of order: heard before every speaker.'),
  }),
  turn: z.strictObject({
    request: requestId.optional().describe('The request given the floor; the first on the list when absent.'),
    seconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_SPEAKING_SECONDS)
      .nullable()
      .optional()
      .describe('The speaking time, counted down on every screen; none when absent.'),
  }),
  pick: z.strictObject({
    alt: z.number().int().min(1).max(99).describe('The number of the alternative kept.'),
  }),
  /** A WebAuthn ceremony's answer from the browser (its fields checked by @simplewebauthn, bounded here). */
  passkey: z.strictObject({ response: webAuthnResponse }),
  signature: z.strictObject({
    passkey: z
      .strictObject({
        statement: z.strictObject({
          format: z.literal('accord-signature-1'),
          document: z.string().max(200),
          title: z.string().max(1000),
          hash: z.string().regex(/^[0-9a-f]{64}$/),
          delegation: z.string().max(200),
          delegationName: z.string().max(300),
          participant: z.string().max(200),
          signatory: z.string().max(300),
          at: z.iso.datetime(),
          nonce: z.string().max(64),
        }),
        response: webAuthnResponse,
      })
      .optional()
      .describe(
        'Signed with the head’s own passkey: the statement from …/signatures/options and the assertion.',
      ),
  }),
} as const

export type Input<K extends keyof typeof INPUTS> = z.infer<(typeof INPUTS)[K]>
