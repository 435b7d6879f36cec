/**
 * @module The editor's calls to the Accord API. Same-origin, cookie session; an API error arrives as
 * `{error: {code, message}}` and is raised as `ApiRequestError`.
 */
import type { ParticipantView } from '../../workflows/conference/conference.js'
import type { Stage } from '../../workflows/conference/roles.js'

export type Me = ParticipantView & { colour: string }

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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
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

export const api = {
  login: (token: string) => request<Me>('POST', '/api/session', { token }),
  logout: () => request<void>('DELETE', '/api/session'),
  me: () => request<Me>('GET', '/api/me'),
  documents: () => request<DocumentSummary[]>('GET', '/api/documents'),
  delegations: () => request<DelegationSummary[]>('GET', '/api/delegations'),
  conference: () =>
    request<{ id: string; name: string; hostTimeZone: string; observersMayComment: boolean } | null>(
      'GET',
      '/api/conference',
    ),
  setSilence: (document: string, deadline: string) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/silence`, { deadline }),
  endorse: (document: string) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/endorsements`, {}),
  decideSuggestion: (document: string, suggestion: string, action: 'accept' | 'reject' | 'withdraw') =>
    request<{ decided: string[] }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/suggestions/${encodeURIComponent(suggestion)}/${action}`,
      {},
    ),
  decideAll: (document: string, action: 'accept' | 'reject', delegation?: string) =>
    request<{ decided: string[] }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/suggestions/${action}`,
      delegation ? { delegation } : {},
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
      rows: { delegation: string; position: string; stale: boolean }[]
      counts: Record<string, number>
      holds: boolean
      objections: string[]
      silence: string
    }>('GET', `/api/documents/${encodeURIComponent(document)}/consensus`),
  recordPosition: (document: string, position: { kind: string; statement?: string; paragraphs?: string[] }) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/positions`, position),
  publishRevision: (document: string) =>
    request<{ seq: number; name: string; hash: string }>(
      'POST',
      `/api/documents/${encodeURIComponent(document)}/revisions`,
      {},
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
  changeStage: (document: string, stage: string) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/stage`, { stage }),
  sign: (document: string) =>
    request<unknown>('POST', `/api/documents/${encodeURIComponent(document)}/signatures`, {}),
  ticket: (document: string) =>
    request<{ ticket: string }>('POST', `/api/documents/${encodeURIComponent(document)}/ticket`).then(
      (r) => r.ticket,
    ),
}
