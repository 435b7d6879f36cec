/**
 * @module The editor's calls to the Accord API. Same-origin, cookie session; an API error arrives as
 * `{error: {code, message}}` (its message in the page's language) and is raised as `ApiRequestError`.
 */
import type {
  InvitationView,
  ListedParticipant,
  ParticipantView,
} from '../../workflows/conference/conference.js'
import type { Stage } from '../../workflows/conference/roles.js'
import type { Language } from '../../workflows/i18n/catalogue.js'
import type { CompiledParagraph } from '../../workflows/meeting/compilation.js'
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser'
import { language } from './i18n.js'

export type Me = ParticipantView & { colour: string }

/** A signature made with a passkey: the statement the server issued and the browser's assertion over it. */
export interface PasskeySigning {
  statement: unknown
  response: AuthenticationResponseJSON
}

export interface DocumentSummary {
  id: string
  title: string
  stage: Stage
}

export interface DelegationSummary {
  id: string
  name: string
  country: string
  kind: 'member' | 'secretariat' | 'observer'
  colour: string
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The server answers — its refusals above all — in the page's language (server/http/language.ts). */
const ANSWER_IN = { 'Accept-Language': language }

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? ANSWER_IN : { ...ANSWER_IN, 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  })
  if (response.status === 204) return undefined as T
  const payload = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string }
  } | null
  if (!response.ok) {
    throw new ApiRequestError(
      response.status,
      payload?.error?.code ?? 'error',
      payload?.error?.message ?? response.statusText,
    )
  }
  return payload as T
}

/** Sends a file as the request body (a roster, a zero draft); answers as `request` does. */
async function sendFile<T>(path: string, file: Blob, type: string): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...ANSWER_IN, 'Content-Type': type },
    body: file,
  })
  const payload = (await response.json().catch(() => null)) as
    (T & { error?: { code: string; message: string } }) | null
  if (!response.ok)
    throw new ApiRequestError(
      response.status,
      payload?.error?.code ?? 'error',
      payload?.error?.message ?? response.statusText,
    )
  return payload as T
}

/** What importing a roster file would do (or did), as the server says it. */
export interface RosterPreview {
  rows: number
  createDelegations: { id: string; name: string }[]
  updateDelegations: { id: string; name: string }[]
  createParticipants: { id: string; name: string }[]
  updateParticipants: { id: string; name: string }[]
  unchanged: number
  problems: { rows: number[]; message: string }[]
}

export type InvitationSummary = InvitationView

export interface ConferenceSettings {
  id: string
  name: string
  localName: string | null
  hostTimeZone: string
  observersMayComment: boolean
  hostLocality?: string
  venue?: string
  startsOn?: string
  endsOn?: string
  /** The languages the pages are offered in, the first the default. */
  languages?: Language[]
}

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The content type of a file to upload, from its name when the browser does not know it. */
export function fileType(file: File): string {
  if (file.type) return file.type
  if (/\.xlsx$/i.test(file.name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  if (/\.docx$/i.test(file.name)) return DOCX
  if (/\.(md|markdown)$/i.test(file.name)) return 'text/markdown'
  return 'text/csv'
}

/** A delegation's line in the consensus grid, with what it said on the current text. */
export interface ConsensusRow {
  delegation: string
  position: string
  stale: boolean
  statement?: string
  paragraphs?: { id: string; number: string }[]
  participant?: string
  at?: string
}

export const api = {
  login: (token: string) => request<Me>('POST', '/api/session', { token }),
  logout: () => request<void>('DELETE', '/api/session'),
  me: () => request<Me>('GET', '/api/me'),
  documents: () => request<DocumentSummary[]>('GET', '/api/documents'),
  delegations: () => request<DelegationSummary[]>('GET', '/api/delegations'),
  participants: () => request<ListedParticipant[]>('GET', '/api/participants'),
  conference: () => request<ConferenceSettings | null>('GET', '/api/conference'),
  setSilence: (document: string, deadline: string) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/silence`, { deadline }),
  endorse: (document: string, passkey?: PasskeySigning) =>
    request<unknown>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/endorsements`,
      passkey ? { passkey } : {},
    ),
  /** The statement to sign with a passkey, and the options to sign it with (server/auth/passkeys.ts). */
  signingOptions: (document: string, kind: 'signatures' | 'endorsements') =>
    request<{ statement: unknown; options: PublicKeyCredentialRequestOptionsJSON }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/${kind}/options`,
      {},
    ),
  passkeys: () =>
    request<{ credentialId: string; fingerprint: string; createdAt: string }[]>('GET', '/api/passkeys'),
  passkeyOptions: () => request<PublicKeyCredentialCreationOptionsJSON>('POST', '/api/passkeys/options', {}),
  registerPasskey: (response: RegistrationResponseJSON) =>
    request<{ credentialId: string; fingerprint: string }>('POST', '/api/passkeys', { response }),
  decideSuggestion: (document: string, suggestion: string, action: 'accept' | 'reject' | 'withdraw') =>
    request<{ decided: string[] }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/suggestions/${encodeURIComponent(suggestion)}/${action}`,
      {},
    ),
  /** Decides the suggestions the chair confirmed (`suggestions`), of one delegation or all. */
  decideAll: (document: string, action: 'accept' | 'reject', suggestions: string[], delegation?: string) =>
    request<{ decided: string[] }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/suggestions/${action}`,
      { suggestions, ...(delegation ? { delegation } : {}) },
    ),
  undoDecision: (document: string) =>
    request<{ undone: string; suggestions: { id: string; delegation: string }[] }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/suggestions/undo`,
      {},
    ),
  openThread: (
    document: string,
    range: { startBlock: string; startOffset: number; endBlock: string; endOffset: number; quote: string },
    text: string,
  ) => request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/threads`, { ...range, text }),
  threadAction: (document: string, thread: string, path: string, method = 'POST', body: unknown = {}) =>
    request<unknown>(
      method,
      `/api/documents/${encodeURIComponent(document)}/threads/${encodeURIComponent(thread)}/${path}`,
      body,
    ),
  setParagraphStatus: (document: string, paragraph: string, status: string) =>
    request<unknown>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/paragraphs/${encodeURIComponent(paragraph)}/status`,
      { status },
    ),
  notesTicket: (document: string) =>
    request<{ document: string; ticket: string }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/notes/ticket`,
    ),
  bracketAction: (document: string, path: string, body: unknown = {}) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/brackets${path}`, body),
  consensus: (document: string) =>
    request<{
      rows: ConsensusRow[]
      counts: Record<string, number>
      holds: boolean
      objections: string[]
      silence: string
    }>('GET', `/api/documents/${encodeURIComponent(document)}/consensus`),
  recordPosition: (document: string, position: { kind: string; statement?: string; paragraphs?: string[] }) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/positions`, position),
  publishRevision: (document: string, renumber = false) =>
    request<{ seq: number; name: string; hash: string }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/revisions`,
      renumber ? { renumber } : {},
    ),
  redline: (document: string, from: string, to: string) =>
    request<{
      from: string
      to: string
      paragraphs: {
        id: string
        status: string
        number?: string
        previousNumber?: string
        words: { kind: string; text: string }[]
      }[]
    }>(
      'GET',
      `/api/documents/${encodeURIComponent(document)}/redline?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    ),
  clearances: (document: string) =>
    request<Record<string, number>>('GET', `/api/documents/${encodeURIComponent(document)}/clearances`),
  setClearance: (document: string, paragraph: string, cleared: boolean) =>
    request<unknown>(
      cleared ? 'POST' : 'DELETE',
      `/api/documents/${encodeURIComponent(document)}/paragraphs/${encodeURIComponent(paragraph)}/clearance`,
    ),
  /** The SHA-256 of the live canonical text (what adoption would fix). */
  textHash: async (document: string): Promise<string> => {
    const response = await fetch(`/api/documents/${encodeURIComponent(document)}/text`, {
      credentials: 'same-origin',
    })
    if (!response.ok) throw new ApiRequestError(response.status, 'error', response.statusText)
    return response.headers.get('X-Accord-Hash') ?? ''
  },
  /** Puts a paragraph on the floor (meeting mode), or nothing when `paragraph` is null. */
  moveFloor: (
    document: string,
    paragraph: string | null,
    words?: { startOffset: number; endOffset: number },
  ) =>
    request<unknown>(
      paragraph ? 'POST' : 'DELETE',
      `/api/documents/${encodeURIComponent(document)}/floor`,
      paragraph ? { paragraph, ...(words ? { words } : {}) } : undefined,
    ),
  /** The compilation of proposals: of the paragraph on the floor (the whole text when none is), or of all. */
  compilation: (document: string, scope: 'floor' | 'all') =>
    request<{ paragraphs: CompiledParagraph[]; summary: { proposals: number; conflicting: number } }>(
      'GET',
      `/api/documents/${encodeURIComponent(document)}/compilation${scope === 'floor' ? '?floor' : ''}`,
    ),
  /** The caller's delegation supports a pending proposal, or withdraws its support. */
  support: (document: string, suggestion: string, supporting: boolean) =>
    request<unknown>(
      supporting ? 'POST' : 'DELETE',
      `/api/documents/${encodeURIComponent(document)}/suggestions/${encodeURIComponent(suggestion)}/support`,
    ),
  /** Asks for the floor for the caller's delegation (meeting mode's speakers' list). */
  requestFloor: (document: string, options: { paragraph?: string; pointOfOrder?: boolean }) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/speakers`, options),
  /** Withdraws a request for the floor (its delegation), or removes it (the chair). */
  withdrawFloorRequest: (document: string, requestId: string) =>
    request<unknown>(
      'DELETE',
      `/api/documents/${encodeURIComponent(document)}/speakers/${encodeURIComponent(requestId)}`,
    ),
  /** Gives the floor: to the request named, or the first on the list; with a speaking time in seconds. */
  giveFloor: (document: string, options: { request?: string; seconds?: number | null }) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/speakers/turn`, options),
  endTurn: (document: string) =>
    request<unknown>('DELETE', `/api/documents/${encodeURIComponent(document)}/speakers/turn`),
  changeStage: (document: string, stage: string) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/stage`, { stage }),
  sign: (document: string, passkey?: PasskeySigning) =>
    request<unknown>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/signatures`,
      passkey ? { passkey } : {},
    ),
  previewRoster: (file: File) => sendFile<RosterPreview>('/api/roster/preview', file, fileType(file)),
  importRoster: (file: File) => sendFile<RosterPreview>('/api/roster/import', file, fileType(file)),
  invitations: () => request<InvitationSummary[]>('GET', '/api/invitations'),
  reissueInvitation: (participant: string) =>
    request<{ participant: string; url: string }>(
      'POST',
      `/api/participants/${encodeURIComponent(participant)}/invitation`,
    ),
  addParticipant: (line: {
    delegation: string
    country: string
    name: string
    function: string
    role: string
    email: string
  }) => request<{ participant: string; url: string }>('POST', '/api/participants', line),
  changeParticipant: (
    participant: string,
    change: { name?: string; function?: string; role?: string; email?: string },
  ) =>
    request<{ participant: string }>('PATCH', `/api/participants/${encodeURIComponent(participant)}`, change),
  removeParticipant: (participant: string) =>
    request<void>('DELETE', `/api/participants/${encodeURIComponent(participant)}`),
  changeConference: (change: Partial<Omit<ConferenceSettings, 'id'>>) =>
    request<ConferenceSettings>('PATCH', '/api/conference', change),
  renameDelegation: (delegation: string, name: string) =>
    request<DelegationSummary>('PATCH', `/api/delegations/${encodeURIComponent(delegation)}`, { name }),
  createDocument: (title: string, lang: string, local?: { title: string; lang: string }) =>
    request<DocumentSummary>('POST', '/api/documents', {
      title,
      lang,
      ...(local ? { localTitle: local.title, localLang: local.lang } : {}),
    }),
  importDraft: (document: string, file: File) =>
    sendFile<{ paragraphs: number; report: unknown }>(
      `/api/documents/${encodeURIComponent(document)}/import`,
      file,
      fileType(file),
    ),
  ticket: (document: string) =>
    request<{ ticket: string }>('POST', `/api/documents/${encodeURIComponent(document)}/ticket`).then(
      (r) => r.ticket,
    ),
}
