/**
 * @module The compilation of proposals on the page (issue 19): for the paragraph on the floor, or for the whole
 * text, each paragraph's words and every pending proposal on it with its proponent, its supporters and the
 * proposals it competes with — the same lines as the Word and PDF compilation (workflows/meeting/
 * compilation-lines.ts), which it offers to download. Shown over the page and kept current while open: asked
 * again from the server a moment after the text changes (the server builds it from the stored text, as it does
 * the exports, so the page, Word and PDF never disagree).
 */
import type * as Y from 'yjs'
import { proposalLines } from '../../../workflows/meeting/compilation-lines.js'
import type { CompiledParagraph } from '../../../workflows/meeting/compilation.js'
import { api, type DelegationSummary } from '../api.js'
import { hostMoment } from '../../../workflows/conference/host-time.js'
import { language, locale, t } from '../i18n.js'
import { h, setText } from './dom.js'
import { floorOf } from './floor-bar.js'

type Scope = 'floor' | 'all'

/** How long after a change the compilation is asked again: one paragraph is cheap, the whole text is not. */
const SETTLE_MS: Record<Scope, number> = { floor: 500, all: 3000 }

export function compilationPanel(options: {
  doc: Y.Doc
  document: string
  delegations: DelegationSummary[]
  hostTimeZone: string
}): HTMLElement {
  const names = new Map(options.delegations.map((d) => [d.id, d.name]))
  const nameOf = (delegation: string) => names.get(delegation) ?? delegation
  const opener = (scope: Scope, label: string, testid: string) => {
    const button = h(
      'button',
      { class: 'quiet-button', attrs: { type: 'button', 'data-testid': testid } },
      label,
    )
    button.addEventListener('click', () => open(scope, button))
    return button
  }

  /** Closes the compilation shown now, if one is. */
  let closeShown: (() => void) | null = null

  function open(scope: Scope, from: HTMLElement): void {
    closeShown?.()
    const path = `/api/documents/${encodeURIComponent(options.document)}/compilation`
    const query = `?${scope === 'floor' ? 'floor&' : ''}lang=${language}`
    const download = (extension: string, label: string) =>
      h(
        'a',
        {
          class: 'quiet-button',
          attrs: {
            href: `${path}.${extension}${query}`,
            download: '',
            'data-testid': `compilation-${extension}`,
          },
        },
        label,
      )
    const close = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('revisions.close'))
    const summary = h('p', { class: 'compilation-summary', attrs: { 'data-testid': 'compilation-summary' } })
    const rows = h('tbody')
    const view = h(
      'section',
      {
        class: 'overlay-view compilation-view',
        attrs: { role: 'dialog', 'aria-label': t('compilation.label'), 'data-testid': 'compilation' },
      },
      h(
        'header',
        { class: 'overlay-head' },
        h('h2', {}, scope === 'floor' ? t('compilation.ofFloor') : t('compilation.ofAll')),
        h(
          'span',
          { class: 'overlay-actions' },
          download('docx', t('compilation.word')),
          download('pdf', t('compilation.pdf')),
          close,
        ),
      ),
      summary,
      h(
        'table',
        { class: 'compilation-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, t('compilation.paragraph')),
            h('th', {}, t('compilation.text')),
            h('th', {}, t('compilation.proposals')),
          ),
        ),
        rows,
      ),
    )

    let asking = false
    let again = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const draw = () => {
      if (asking) {
        again = true
        return
      }
      asking = true
      api
        .compilation(options.document, scope)
        .then(
          (result) => {
            const floorEmpty = scope === 'floor' && !floorOf(options.doc)?.paragraph
            setText(
              summary,
              `${t('compilation.summary', { count: result.summary.proposals, conflicting: result.summary.conflicting })}${
                floorEmpty ? ` ${t('compilation.nothingOnFloor')}` : ''
              }`,
            )
            rows.replaceChildren(...result.paragraphs.map(row))
          },
          (error: unknown) => setText(summary, error instanceof Error ? error.message : String(error)),
        )
        .finally(() => {
          asking = false
          if (again) {
            again = false
            draw()
          }
        })
    }
    // 'afterTransaction', not 'update': the page does not encode the server's changes as updates
    // (collab/announce-local-changes.ts), and the compilation must follow everyone's words, not only ours.
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.changed.size === 0) return
      clearTimeout(timer)
      timer = setTimeout(draw, SETTLE_MS[scope])
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeView()
    }
    const closeView = () => {
      clearTimeout(timer)
      options.doc.off('afterTransaction', onTransaction)
      document.removeEventListener('keydown', onKey)
      view.remove()
      closeShown = null
      from.focus()
    }
    close.addEventListener('click', closeView)
    document.addEventListener('keydown', onKey)
    options.doc.on('afterTransaction', onTransaction)
    document.body.append(view)
    closeShown = closeView
    draw()
    close.focus()
  }

  /** One paragraph: its number, its words as they stand, and its proposals labelled (a), (b) … */
  function row(paragraph: CompiledParagraph): HTMLElement {
    const lines = proposalLines(paragraph, nameOf, language, (iso) =>
      hostMoment(Date.parse(iso), options.hostTimeZone, locale),
    )
    return h(
      'tr',
      { attrs: { 'data-paragraph-id': paragraph.block } },
      h('th', { attrs: { scope: 'row' } }, paragraph.number),
      h('td', { class: 'compilation-text' }, paragraph.text),
      h(
        'td',
        {},
        lines.length === 0
          ? h('span', { class: 'empty' }, t('compilation.none'))
          : h(
              'ol',
              { class: 'compilation-proposals' },
              ...lines.map((line) =>
                h(
                  'li',
                  { class: line.conflicting ? 'conflicting' : '' },
                  h('span', { class: 'compilation-label' }, line.label),
                  ' ',
                  line.text,
                  line.at ? h('span', { class: 'compilation-time' }, ` (${line.at})`) : '',
                  ...line.notes.map((note) => h('span', { class: 'compilation-note' }, ` · ${note}`)),
                ),
              ),
            ),
      ),
    )
  }

  return h(
    'section',
    { class: 'compilation-panel', attrs: { 'data-testid': 'compilation-panel' } },
    h('h2', { class: 'panel-heading' }, t('compilation.heading')),
    h(
      'div',
      { class: 'speakers-controls' },
      opener('floor', t('compilation.ofFloor'), 'compilation-floor'),
      ' ',
      opener('all', t('compilation.ofAll'), 'compilation-all'),
    ),
  )
}
