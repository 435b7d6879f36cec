/**
 * @module The OpenAPI 3.1 description of the public HTTP API, served at `/api/openapi.json`. Paths and answers
 * are kept by hand next to the routes (`test/integration/api.test.ts` checks every documented path answers);
 * every request body is described from the very schema the route checks it with (inputs.ts).
 */
import { z } from 'zod'
import { STAGES } from '../../workflows/conference/roles.js'
import { INPUTS } from './inputs.js'

/** A JSON request body described by its input schema (`required: false` for bodies a caller may leave out). */
function jsonBody(schema: z.ZodType, required = true) {
  const { $schema: _dialect, ...described } = z.toJSONSchema(schema, { io: 'input' }) as Record<
    string,
    unknown
  >
  return { required, content: { 'application/json': { schema: described } } }
}

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
}

const participant = {
  type: 'object',
  required: ['participant', 'name', 'delegation', 'delegationName', 'role'],
  properties: {
    participant: { type: 'string', description: 'Participant id, as used in suggestion marks.' },
    name: { type: 'string' },
    delegation: { type: 'string', description: 'Delegation id.' },
    delegationName: { type: 'string' },
    role: { type: 'string', enum: ['secretariat', 'chair', 'head', 'drafter', 'observer'] },
    colour: { type: 'string', description: 'The delegation colour, #rrggbb.' },
  },
}

/** A roster file as the body of a request. */
const rosterFile = {
  required: true,
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
}

const errors = {
  '400': { description: 'Invalid input', content: { 'application/json': { schema: error } } },
  '401': { description: 'Missing or bad credentials', content: { 'application/json': { schema: error } } },
  '403': {
    description: 'Not allowed for this participant',
    content: { 'application/json': { schema: error } },
  },
  '413': { description: 'Body too large (LIMITS)', content: { 'application/json': { schema: error } } },
  '429': {
    description: 'Budget of refused attempts spent; see Retry-After',
    content: { 'application/json': { schema: error } },
  },
}

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Accord API',
    version: '0.1.0',
    description:
      'Drafting a joint declaration. Authenticate with the session cookie from POST /api/session or with ' +
      '`Authorization: Bearer <invitation token>`. Live editing uses the y-websocket protocol at ' +
      '`ws://HOST/collab/{documentId}?ticket=…` with a ticket from POST /api/documents/{id}/ticket.',
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An invitation token.' },
      session: { type: 'apiKey', in: 'cookie', name: 'accord_session' },
    },
    schemas: { Error: error, Participant: participant },
  },
  security: [{ bearer: [] }, { session: [] }],
  paths: {
    '/healthz': {
      get: { summary: 'Ready to serve', security: [], responses: { '200': { description: 'Ready' } } },
    },
    '/api/session': {
      post: {
        summary: 'Log in with an invitation token; sets the session cookie',
        security: [],
        requestBody: jsonBody(INPUTS.session),
        responses: {
          '200': { description: 'Logged in', content: { 'application/json': { schema: participant } } },
          ...errors,
        },
      },
      delete: { summary: 'Log out', responses: { '204': { description: 'Logged out' } } },
    },
    '/api/me': {
      get: {
        summary: 'The calling participant',
        responses: {
          '200': { description: 'Who you are', content: { 'application/json': { schema: participant } } },
          ...errors,
        },
      },
    },
    '/api/documents': {
      post: {
        summary:
          'The secretariat creates a declaration: {title, lang} → {id, title, stage}; an empty draft (title, one paragraph) to write or import into',
        requestBody: jsonBody(INPUTS.document),
        responses: { '201': { description: 'The document' }, ...errors },
      },
      get: {
        summary: "Documents of the caller's conference",
        responses: {
          '200': {
            description: 'Documents',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'title', 'stage'],
                    properties: {
                      id: { type: 'string' },
                      title: { type: 'string' },
                      stage: {
                        type: 'string',
                        enum: [...STAGES],
                      },
                    },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/api/documents/{id}/stage': {
      post: {
        summary: 'Move the text to another stage (chair only; draft ↔ negotiation for now)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: jsonBody(INPUTS.stage),
        responses: {
          '200': {
            description: 'The new stage, written into the document and enforced on every open connection',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { id: { type: 'string' }, stage: { type: 'string' } } },
              },
            },
          },
          '409': {
            description: 'Not a possible move from the current stage',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
    '/api/documents/{id}/suggestions': {
      get: {
        summary: 'Pending suggestions with who proposed them, and counts per delegation',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'Pending suggestions',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    suggestions: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: { type: 'string' },
                          kind: { type: 'string', enum: ['insertion', 'deletion'] },
                          delegation: { type: 'string' },
                          participant: { type: 'string' },
                          at: { type: 'string' },
                          blocks: { type: 'array', items: { type: 'string' } },
                          text: { type: 'string' },
                        },
                      },
                    },
                    counts: { type: 'object', additionalProperties: { type: 'integer' } },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/api/documents/{id}/suggestions/{suggestion}/{action}': {
      post: {
        summary: 'Decide one suggestion: accept or reject (chair), withdraw (its own delegation)',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'suggestion', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'action',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: ['accept', 'reject', 'withdraw'] },
          },
          {
            name: 'delegation',
            in: 'query',
            required: false,
            description:
              'The delegation the suggestion belongs to; needed only when an id is held by two (a document ' +
              'stored before ids were owned).',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description:
              'Decided; applied to the document and recorded in the audit log with every change it made',
          },
          '404': {
            description: 'No such pending suggestion',
            content: { 'application/json': { schema: error } },
          },
          '409': {
            description:
              'The id is held by two delegations (name one with ?delegation=), or the stage forbids it',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
    '/api/documents/{id}/suggestions/{action}': {
      post: {
        summary: 'Chair: accept or reject all pending suggestions, or all of one delegation',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'action',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: ['accept', 'reject'] },
          },
        ],
        requestBody: jsonBody(INPUTS.decideAll, false),
        responses: { '200': { description: 'Decided' }, ...errors },
      },
    },
    '/api/documents/{id}/audit': {
      get: {
        summary: 'The audit log of the document (hash-chained): decisions with who proposed and who decided',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Audit entries in order' }, ...errors },
      },
    },
    '/api/documents/{id}/threads': {
      get: {
        summary: 'Comment threads, each with `detached` and the words it covers now',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Threads in order of creation' }, ...errors },
      },
      post: {
        summary: 'Open a thread on a range of words (needs no edit right; never changes the text)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: jsonBody(INPUTS.thread),
        responses: {
          '201': { description: 'The thread' },
          '409': { description: 'The text changed under the selection' },
          ...errors,
        },
      },
    },
    '/api/documents/{id}/threads/{thread}/messages': {
      post: {
        summary: 'Reply',
        requestBody: jsonBody(INPUTS.message),
        responses: { '201': { description: 'The thread' }, ...errors },
      },
    },
    '/api/documents/{id}/threads/{thread}/messages/{message}': {
      patch: {
        summary: "Edit one's own message",
        requestBody: jsonBody(INPUTS.message),
        responses: { '200': { description: 'The thread' }, ...errors },
      },
      delete: {
        summary: "Delete one's own message (it stays, marked deleted)",
        responses: { '200': { description: 'The thread' }, ...errors },
      },
    },
    '/api/documents/{id}/threads/{thread}/{action}': {
      post: {
        summary: 'Chair: resolve or reopen a thread',
        parameters: [
          {
            name: 'action',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: ['resolve', 'reopen'] },
          },
        ],
        responses: { '200': { description: 'The thread' }, ...errors },
      },
    },
    '/api/documents/{id}/paragraphs/{paragraph}/status': {
      post: {
        summary:
          'Chair: mark a paragraph open, agreed ad referendum or agreed (a later change of its words reopens it)',
        requestBody: jsonBody(INPUTS.paragraphStatus),
        responses: { '200': { description: 'Set' }, '409': { description: 'Already so' }, ...errors },
      },
    },
    '/api/documents/{id}/brackets': {
      get: {
        summary: 'Open brackets with their alternatives and backers',
        responses: { '200': { description: 'Brackets' }, ...errors },
      },
      post: {
        summary:
          'Bracket words of one paragraph {block, startOffset, endOffset} (Alt 1, backed by your delegation)',
        requestBody: jsonBody(INPUTS.bracket),
        responses: { '200': { description: '{bracket, block}' }, ...errors },
      },
    },
    '/api/documents/{id}/brackets/{bracket}/alternatives': {
      post: {
        summary: 'Propose an alternative {text}',
        requestBody: jsonBody(INPUTS.alternative),
        responses: { '200': { description: '{bracket, alt}' }, ...errors },
      },
    },
    '/api/documents/{id}/brackets/{bracket}/alternatives/{alt}/back': {
      post: {
        summary: 'Your delegation backs an alternative',
        responses: { '200': { description: 'Backers' }, ...errors },
      },
    },
    '/api/documents/{id}/brackets/{bracket}/{action}': {
      post: {
        summary: 'Chair: remove (a single alternative: keep the words) or pick {alt} (keep one alternative)',
        parameters: [
          {
            name: 'action',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: ['remove', 'pick'] },
          },
        ],
        requestBody: jsonBody(INPUTS.pick, false),
        responses: {
          '200': { description: 'Closed' },
          '409': { description: 'Alternatives need a pick' },
          ...errors,
        },
      },
    },
    '/api/documents/{id}/text': {
      get: {
        summary:
          'The canonical text (text/plain, UTF-8); its SHA-256 in the X-Accord-Hash header (docs/canonical-text.md)',
        responses: { '200': { description: 'The canonical text' }, ...errors },
      },
    },
    '/api/documents/{id}/revisions': {
      get: {
        summary: 'Published revisions: [{seq, name, hash, createdAt, createdBy}]',
        responses: { '200': { description: 'Revisions' }, ...errors },
      },
      post: {
        summary:
          'Secretariat or chair: publish an immutable revision {name?} (Zero draft, Rev.1 … by default)',
        requestBody: jsonBody(INPUTS.revision, false),
        responses: { '201': { description: 'The revision' }, ...errors },
      },
    },
    '/api/documents/{id}/revisions/{seq}': {
      get: {
        summary: 'One revision with its canonical text and paragraphs',
        responses: { '200': { description: 'The revision' }, ...errors },
      },
    },
    '/api/documents/{id}/redline': {
      get: {
        summary:
          'Redline between revision `from` (or `position`: the text your delegation last recorded a position on) and revision `to` (or `live`): paragraphs matched by id, words compared',
        responses: { '200': { description: '{from, to, paragraphs}' }, ...errors },
      },
    },
    '/api/documents/{id}/positions': {
      post: {
        summary:
          "A head (the chair for the host) records its delegation's position in the consensus call: {kind, statement?, paragraphs?}",
        requestBody: jsonBody(INPUTS.position),
        responses: {
          '201': { description: 'The position, bound to the hash of the frozen text' },
          ...errors,
        },
      },
    },
    '/api/documents/{id}/consensus': {
      get: {
        summary: 'The consensus grid: every member delegation’s position, counts, holds, objections',
        responses: { '200': { description: 'The grid' }, ...errors },
      },
    },
    '/api/documents/{id}/silence': {
      get: {
        summary:
          'The silence procedure: {state: none|running|broken|passed, deadline, timeZone, stated, broken?, passedAt?}',
        responses: { '200': { description: 'The silence' }, ...errors },
      },
      post: {
        summary:
          'The chair sets a silence deadline during the consensus call: {deadline: "YYYY-MM-DDTHH:mm[:ss]"} in the host\'s time zone',
        requestBody: jsonBody(INPUTS.silence),
        responses: { '201': { description: 'The silence' }, ...errors },
      },
    },
    '/api/documents/{id}/pdf': {
      get: {
        summary:
          'The declaration as PDF: once adopted, the signed final PDF (signature page, annex, hash on every page, Ed25519-signed manifest); before, or with ?revision=N, a watermarked draft. 422 names characters the embedded font cannot draw',
        responses: { '200': { description: 'application/pdf' }, ...errors },
      },
    },
    '/api/documents/{id}/docx': {
      get: {
        summary:
          'The live text as Word (.docx): pending suggestions as tracked changes (author = delegation), open threads as comments',
        responses: { '200': { description: 'The document' }, ...errors },
      },
    },
    '/api/documents/{id}/import': {
      post: {
        summary:
          'The secretariat replaces the draft with a zero draft in Markdown (text/markdown) or Word (.docx): titles, paragraph kinds and numbering recognised; returns what formatting was dropped',
        responses: { '201': { description: '{titles, paragraphs, report}' }, ...errors },
      },
    },
    '/api/signing-key': {
      get: {
        summary:
          "The server's Ed25519 public key (PEM), to check final PDFs offline with `accord verify FILE.pdf --key`",
        responses: { '200': { description: 'PEM' } },
      },
    },
    '/api/documents/{id}/endorsements': {
      get: {
        summary: 'Endorsements of the adopted text by localities admitted after adoption',
        responses: { '200': { description: 'Endorsements' }, ...errors },
      },
      post: {
        summary: 'A head of a locality admitted after adoption endorses the adopted text (once)',
        responses: { '201': { description: 'The endorsement' }, ...errors },
      },
    },
    '/api/documents/{id}/paragraphs/{paragraph}/clearance': {
      post: {
        summary: 'A head marks a paragraph its delegation can accept (negotiation), bound to its words',
        responses: { '200': { description: 'Cleared' }, ...errors },
      },
      delete: {
        summary: 'Withdraw the clearance',
        responses: { '200': { description: 'Withdrawn' }, ...errors },
      },
    },
    '/api/documents/{id}/clearances': {
      get: {
        summary: 'Paragraph id → how many delegations cleared it as its words stand now',
        responses: { '200': { description: 'Counts' }, ...errors },
      },
    },
    '/api/documents/{id}/signatures': {
      get: {
        summary: 'Signatures of the adopted text: delegation, signatory, time, final hash, position',
        responses: { '200': { description: 'Signatures' }, ...errors },
      },
      post: {
        summary:
          'A head signs the adopted text for its delegation (once), bound to the final hash: by a click, or with their passkey ({passkey: {statement, response}})',
        requestBody: jsonBody(INPUTS.signature, false),
        responses: { '201': { description: 'The signature' }, ...errors },
      },
    },
    '/api/documents/{id}/signatures/options': {
      post: {
        summary:
          'The statement a head signs with their passkey (document, final hash, delegation, signatory, time) and the WebAuthn options to sign it with',
        responses: { '200': { description: '{statement, options}' }, ...errors },
      },
    },
    '/api/documents/{id}/endorsements/options': {
      post: {
        summary: 'As …/signatures/options, for a head endorsing the text with their passkey',
        responses: { '200': { description: '{statement, options}' }, ...errors },
      },
    },
    '/api/documents/{id}/floor': {
      get: {
        summary:
          'Meeting mode: the paragraph on the floor ({floor}), and every move of the floor ({history})',
        responses: { '200': { description: '{floor, history}' }, ...errors },
      },
      post: {
        summary: 'The chair (or the secretariat) puts a paragraph on the floor; every page sees it at once',
        requestBody: jsonBody(INPUTS.floor),
        responses: { '200': { description: '{floor}' }, ...errors },
      },
      delete: {
        summary: 'Nothing on the floor',
        responses: { '200': { description: '{floor: null}' }, ...errors },
      },
    },
    '/api/documents/{id}/suggestions/{suggestion}/support': {
      post: {
        summary:
          "The caller's delegation supports another delegation's pending proposal → {suggestion, supporters}",
        responses: { '200': { description: '{suggestion, supporters}' }, ...errors },
      },
      delete: {
        summary: 'The delegation withdraws its support',
        responses: { '200': { description: '{suggestion, supporters}' }, ...errors },
      },
    },
    '/api/documents/{id}/compilation': {
      get: {
        summary:
          'The compilation of proposals: per paragraph, its words and every pending proposal with proponent, supporters, time and conflicts (?paragraph=<id>, or ?floor for the paragraph on the floor) → {paragraphs, summary}',
        responses: { '200': { description: '{paragraphs, summary}' }, ...errors },
      },
    },
    '/api/documents/{id}/compilation.docx': {
      get: {
        summary: 'The compilation as Word: paragraph | text | proposals (same query)',
        responses: { '200': { description: 'A .docx file' }, ...errors },
      },
    },
    '/api/documents/{id}/compilation.pdf': {
      get: {
        summary: 'The compilation as PDF (A4 landscape; same query)',
        responses: { '200': { description: 'A PDF file' }, ...errors },
      },
    },
    '/api/documents/{id}/speakers': {
      get: {
        summary:
          "Meeting mode: the speakers' list ({speakers: {queue, speaking}}) and every turn given ({turns})",
        responses: { '200': { description: '{speakers, turns}' }, ...errors },
      },
      post: {
        summary:
          "The caller's delegation asks for the floor (on a paragraph, or the one on the floor); a point of order goes first",
        requestBody: jsonBody(INPUTS.floorRequest),
        responses: { '200': { description: '{speakers}' }, ...errors },
      },
    },
    '/api/documents/{id}/speakers/turn': {
      post: {
        summary:
          'The chair gives the floor (to the first request, or the one named), with an optional speaking time',
        requestBody: jsonBody(INPUTS.turn),
        responses: { '200': { description: '{speakers}' }, ...errors },
      },
      delete: {
        summary: "The speaker's turn ends",
        responses: { '200': { description: '{speakers}' }, ...errors },
      },
    },
    '/api/documents/{id}/speakers/{request}': {
      delete: {
        summary: 'Its delegation withdraws a request for the floor, or the chair removes it',
        responses: { '200': { description: '{speakers}' }, ...errors },
      },
    },
    '/api/passkeys': {
      get: {
        summary: "A head's passkeys: [{credentialId, fingerprint, createdAt}]",
        responses: { '200': { description: 'Passkeys' }, ...errors },
      },
      post: {
        summary: 'A head registers a passkey: the browser’s answer to the registration options',
        requestBody: jsonBody(INPUTS.passkey),
        responses: { '201': { description: '{credentialId, fingerprint}' }, ...errors },
      },
    },
    '/api/passkeys/options': {
      post: {
        summary: 'WebAuthn registration options for a head (heads of delegation and the chair only)',
        responses: { '200': { description: 'Options for navigator.credentials.create' }, ...errors },
      },
    },
    '/api/audit/verify': {
      get: {
        summary:
          "Recomputes the hash chain of the audit log and checks every document's anchor: {ok, entries, anchoredUpTo, checkedAt} or {ok: false, firstBroken?, reason, checkedAt}; requests at once share one verification",
        responses: { '200': { description: 'The result' }, ...errors },
      },
    },
    '/api/conference': {
      get: {
        summary: "The caller's conference and its settings (observersMayComment)",
        responses: { '200': { description: 'The conference' }, ...errors },
      },
      patch: {
        summary:
          'Its secretariat changes the conference: names, host time zone, locality, venue, dates, observersMayComment',
        requestBody: jsonBody(INPUTS.conferenceChange),
        responses: { '200': { description: 'The conference as changed' }, ...errors },
      },
    },
    '/api/delegations/{id}': {
      patch: {
        summary:
          'The secretariat renames a delegation or corrects its country (409 name_taken for a name in use)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: jsonBody(INPUTS.delegationChange),
        responses: { '200': { description: 'The delegation' }, ...errors },
      },
    },
    '/api/documents/{id}/notes/ticket': {
      post: {
        summary: "A WebSocket ticket for the caller's own delegation's private notes on the document",
        responses: { '200': { description: '{document, ticket}: connect to /collab/{document}' }, ...errors },
      },
    },
    '/api/delegations': {
      post: {
        summary:
          'The secretariat admits a member delegation: {name, country} → the delegation and the invitations of its head and drafter',
        requestBody: jsonBody(INPUTS.delegation),
        responses: { '201': { description: 'The delegation with invitations' }, ...errors },
      },
      get: {
        summary: "Delegations of the caller's conference, with their colours",
        responses: {
          '200': {
            description: 'Delegations',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'name', 'country', 'kind', 'colour'],
                    properties: {
                      id: { type: 'string' },
                      name: { type: 'string' },
                      country: { type: 'string' },
                      kind: { type: 'string', enum: ['member', 'secretariat', 'observer'] },
                      colour: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/api/roster': {
      get: {
        summary:
          "The secretariat downloads its conference's roster (?format=csv|xlsx): Delegation, Country, Participant name, Function, Role, E-mail",
        responses: { '200': { description: 'The roster file' }, ...errors },
      },
    },
    '/api/roster/preview': {
      post: {
        summary:
          'What importing a roster file (the body: CSV in UTF-8, UTF-16 or Windows-1252, or .xlsx; at most 5 MB) would do: {createDelegations, updateDelegations, createParticipants, updateParticipants, unchanged, rows, problems: [{rows, message}]}; writes nothing',
        requestBody: rosterFile,
        responses: { '200': { description: 'The preview' }, ...errors },
      },
    },
    '/api/roster/import': {
      post: {
        summary:
          'Imports a roster file (as for preview): 201 with what was done, or 422 {error, …preview} with every row it cannot use — and nothing written. The same file again changes nothing; a later file adds and updates',
        requestBody: rosterFile,
        responses: {
          '201': { description: 'Imported' },
          '422': { description: 'Rows it cannot use; nothing imported' },
          ...errors,
        },
      },
    },
    '/api/invitations': {
      get: {
        summary:
          "Every participant's invitation link (?format=json|csv|pdf): JSON, a CSV for a mail merge, or a PDF of invitation cards with QR codes",
        responses: { '200': { description: 'The invitations' }, ...errors },
      },
    },
    '/api/participants': {
      post: {
        summary:
          "The secretariat adds a participant (the roster columns; held to the roster file's rules) → {participant, url}; 422 roster_refused with the reason",
        requestBody: jsonBody(INPUTS.participant),
        responses: { '201': { description: 'Added, with the invitation link' }, ...errors },
      },
    },
    '/api/participants/screens': {
      post: {
        summary:
          "The secretariat adds a room's screen (meeting mode): an observer whose invitation opens the projector's page → {participant, url}",
        requestBody: jsonBody(INPUTS.screen),
        responses: { '201': { description: 'Added, with the invitation link' }, ...errors },
      },
    },
    '/api/participants/{id}': {
      patch: {
        summary:
          "The secretariat renames a participant or changes their function, role or e-mail (the roster file's rules; 422 with the reason)",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: jsonBody(INPUTS.participantChange),
        responses: { '200': { description: 'Changed' }, ...errors },
      },
      delete: {
        summary:
          'The secretariat removes a participant: signed out for good (sessions end, sockets close), kept on what they did; a member delegation keeps its head',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'Removed' }, ...errors },
      },
    },
    '/api/participants/{id}/invitation': {
      post: {
        summary:
          "The secretariat revokes a participant's link (a lost card) and issues a new one: their sessions end, their connections close → {participant, token, url}",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The new invitation' }, ...errors },
      },
    },
    '/api/documents/{id}/ticket': {
      post: {
        summary: 'A single-use WebSocket ticket, valid for 30 seconds',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'Ticket',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['ticket'], properties: { ticket: { type: 'string' } } },
              },
            },
          },
          '404': {
            description: 'No such document in your conference',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
  },
} as const
