/**
 * @module Revisions: the published versions (live from the server-written workflow), publishing one (the
 * secretariat or the chair, while the text is open), and the redline between any two — or a revision and the
 * live text — shown over the page: paragraphs matched by id, words inserted and deleted.
 */
import type * as Y from 'yjs'
import type { Stage } from '../../../workflows/conference/roles.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { api, type Me } from '../api.js'
import { h } from './dom.js'
import { language, locale, t } from '../i18n.js'
import { describeInHostTime } from '../../../workflows/conference/host-time.js'

interface RevisionSummary {
  seq: number
  name: string
  hash: string
  createdAt?: string
}

type Redline = Awaited<ReturnType<typeof api.redline>>

/** What a redline holds, in words: "No changes", or how many paragraphs changed, were added, deleted, renumbered. */
export function redlineSummary(result: Redline): string {
  const count = (status: string) => result.paragraphs.filter((p) => p.status === status).length
  const renumbered = result.paragraphs.filter(
    (p) => p.number !== undefined && p.previousNumber !== undefined && p.number !== p.previousNumber,
  ).length
  const parts = (
    [
      [count('changed'), 'revisions.changed'],
      [count('added'), 'revisions.added'],
      [count('deleted'), 'revisions.deleted'],
      [count('moved'), 'revisions.moved'],
      [renumbered, 'revisions.renumbered'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, key]) => t(key, { count: n }))
  return parts.length === 0 ? t('revisions.same') : `${parts.join(', ')}.`
}

export function revisionsPanel(
  doc: Y.Doc,
  me: Me,
  documentId: string,
  stage: () => Stage,
  hostTimeZone: string,
): HTMLElement {
  const from = h('select', {
    class: 'suggestion-filter',
    attrs: { 'aria-label': t('revisions.compareFrom'), 'data-testid': 'redline-from' },
  })
  const to = h('select', {
    class: 'suggestion-filter',
    attrs: { 'aria-label': t('revisions.compareTo'), 'data-testid': 'redline-to' },
  })
  const compare = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'redline-compare' } },
    t('revisions.compare'),
  )
  const publish = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'revision-publish' } },
    t('revisions.publish'),
  )
  // Numbers stay put during the negotiation; the chair may give fresh ones with a published revision.
  const renumber = h('input', { attrs: { type: 'checkbox', 'data-testid': 'revision-renumber' } })
  const renumberLabel = h('label', { class: 'suggestion-filter' }, renumber, ` ${t('revisions.renumber')}`)
  // "What changed since we last recorded a position": the text of our latest position against the live text.
  const sincePosition = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'redline-since-position' } },
    t('revisions.sincePosition'),
  )
  // The PDF: once adopted the signed final PDF, before that a watermarked draft of the live text.
  const pdf = h('a', {
    class: 'quiet-button',
    attrs: {
      href: `/api/documents/${encodeURIComponent(documentId)}/pdf?lang=${language}`,
      download: '',
      'data-testid': 'download-pdf',
    },
  })
  // Word, for review outside Accord: pending suggestions as tracked changes, open threads as comments.
  const word = h(
    'a',
    {
      class: 'quiet-button',
      attrs: {
        href: `/api/documents/${encodeURIComponent(documentId)}/docx?lang=${language}`,
        download: '',
        'data-testid': 'download-docx',
      },
    },
    t('revisions.word'),
  )
  const list = h('ol', { class: 'revision-list', attrs: { 'data-testid': 'revisions' } })
  const status = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  const fail = (error: unknown) =>
    (status.textContent = error instanceof Error ? error.message : String(error))

  publish.addEventListener('click', () => {
    status.textContent = ''
    api.publishRevision(documentId, renumber.checked).then((published) => {
      renumber.checked = false
      status.textContent = t('revisions.published', { name: published.name })
    }, fail)
  })
  sincePosition.addEventListener('click', () => {
    status.textContent = ''
    api.redline(documentId, 'position', 'live').then(showRedline, fail)
  })
  compare.addEventListener('click', () => {
    status.textContent = ''
    api.redline(documentId, from.value, to.value).then(showRedline, fail)
  })

  function showRedline(result: Awaited<ReturnType<typeof api.redline>>): void {
    document.querySelector('.redline-view')?.remove()
    const close = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('revisions.close'))
    const view = h(
      'section',
      {
        class: 'redline-view',
        attrs: { 'data-testid': 'redline', role: 'dialog', 'aria-label': t('revisions.redlineLabel') },
      },
      h(
        'header',
        { class: 'redline-head' },
        h('h2', {}, t('revisions.redline', { from: result.from, to: result.to })),
        close,
      ),
      h(
        'p',
        { class: 'redline-summary', attrs: { 'data-testid': 'redline-summary' } },
        redlineSummary(result),
      ),
      h(
        'ol',
        { class: 'redline-paragraphs' },
        ...result.paragraphs.map((p) =>
          h(
            'li',
            { attrs: { 'data-status': p.status, 'data-paragraph-id': p.id } },
            h(
              'span',
              { class: 'redline-number' },
              p.number ?? p.previousNumber ?? '',
              // Renumbered (a revision published with fresh numbers) or moved: old → new, as the chair cites them.
              p.number !== undefined && p.previousNumber !== undefined && p.previousNumber !== p.number
                ? ` (was ${p.previousNumber})`
                : p.status === 'moved'
                  ? ' (moved)'
                  : '',
            ),
            h(
              'span',
              { class: 'redline-words' },
              ...p.words.map((w) =>
                w.kind === 'inserted'
                  ? h('ins', {}, w.text)
                  : w.kind === 'deleted'
                    ? h('del', {}, w.text)
                    : document.createTextNode(w.text),
              ),
            ),
          ),
        ),
      ),
    )
    const closeView = () => {
      view.remove()
      document.removeEventListener('keydown', onKey)
      from.focus()
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeView()
    }
    close.addEventListener('click', closeView)
    document.addEventListener('keydown', onKey)
    document.body.append(view)
    close.focus()
  }

  function render(): void {
    const revisions = (doc.getMap(WORKFLOW).get('revisions') as RevisionSummary[] | undefined) ?? []
    list.replaceChildren(
      ...revisions.map((r) =>
        h(
          'li',
          { attrs: { 'data-seq': String(r.seq) } },
          h('span', { class: 'thread-author' }, r.name),
          r.createdAt
            ? h(
                'span',
                { class: 'thread-time' },
                describeInHostTime(Date.parse(r.createdAt), hostTimeZone, locale),
              )
            : null,
          h('code', { class: 'thread-time', attrs: { title: r.hash } }, `${r.hash.slice(0, 12)}…`),
        ),
      ),
    )
    if (revisions.length === 0) list.append(h('li', { class: 'empty' }, t('revisions.none')))
    const options = revisions.map((r) => h('option', { attrs: { value: String(r.seq) } }, r.name))
    const previousFrom = from.value
    const previousTo = to.value
    from.replaceChildren(...options.map((o) => o.cloneNode(true)))
    to.replaceChildren(
      ...options.map((o) => o.cloneNode(true)),
      h('option', { attrs: { value: 'live' } }, t('revisions.live')),
    )
    if (previousFrom) from.value = previousFrom
    to.value = previousTo || 'live'
    compare.disabled = revisions.length === 0
    publish.hidden = !may(me.role, 'publish revision', stage())
    renumberLabel.hidden = publish.hidden
    const workflow = doc.getMap(WORKFLOW)
    const current = (workflow.get('positions') as Record<string, unknown> | undefined) ?? {}
    const voided = (workflow.get('voidedPositions') as { delegation: string }[] | undefined) ?? []
    sincePosition.hidden = !(me.delegation in current) && !voided.some((p) => p.delegation === me.delegation)
    pdf.textContent = workflow.get('final') ? t('revisions.finalPdf') : t('revisions.draftPdf')
  }

  doc.getMap(WORKFLOW).observe(render)
  render()
  return h(
    'section',
    { class: 'revisions' },
    h('h2', { class: 'panel-heading' }, t('panel.revisions')),
    publish,
    renumberLabel,
    list,
    h('div', { class: 'thread-filters' }, from, to),
    compare,
    sincePosition,
    pdf,
    word,
    status,
  )
}
