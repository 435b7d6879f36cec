/**
 * @module The substance of the consensus call, read by the chair and every delegation as in a plenary: each
 * objection's reason, each reservation's statement with the paragraphs it concerns, and each approval ad
 * referendum — beside the grid, live. A paragraph's number takes the reader to it.
 */
import { describeInHostTime } from '../../../workflows/conference/host-time.js'
import type { GridPosition } from '../../../workflows/consensus/positions.js'
import type { ConsensusRow } from '../api.js'
import { h } from './dom.js'
import { locale } from '../i18n.js'
import { t } from '../i18n.js'

/** Positions with substance to read, objections first (they block consensus). */
const LISTED: readonly GridPosition[] = ['object', 'reservation', 'approve-ad-ref']

export function positionsList(goTo: (paragraph: string) => void): {
  element: HTMLElement
  render(rows: readonly ConsensusRow[], names: ReadonlyMap<string, string>, hostTimeZone: string): void
} {
  const list = h('ol', { class: 'positions-list', attrs: { 'data-testid': 'positions-list' } })
  const element = h(
    'section',
    { class: 'positions', attrs: { 'aria-label': t('consensus.statements') } },
    h('h3', { class: 'panel-subheading' }, t('consensus.statements')),
    list,
  )

  function render(rows: readonly ConsensusRow[], names: ReadonlyMap<string, string>, hostTimeZone: string) {
    const listed = LISTED.flatMap((kind) => rows.filter((r) => r.position === kind))
    element.hidden = listed.length === 0
    list.replaceChildren(
      ...listed.map((row) =>
        h(
          'li',
          { attrs: { 'data-delegation': row.delegation, 'data-position': row.position } },
          h(
            'p',
            { class: 'position-head' },
            h('span', { class: 'position-chip' }),
            h('strong', {}, names.get(row.delegation) ?? row.delegation),
            ` — ${t(`position.${row.position as GridPosition}`)}`,
            ...(row.paragraphs?.length
              ? [
                  ` ${t('positions.on')} `,
                  ...row.paragraphs.flatMap((p, i) => {
                    const link = h(
                      'button',
                      { class: 'link-button', attrs: { type: 'button', 'data-paragraph': p.id } },
                      p.number || p.id,
                    )
                    link.addEventListener('click', () => goTo(p.id))
                    return i === 0 ? [link] : [', ', link]
                  }),
                ]
              : []),
          ),
          row.statement ? h('blockquote', { class: 'position-statement' }, row.statement) : null,
          row.at
            ? h('p', { class: 'thread-time' }, describeInHostTime(Date.parse(row.at), hostTimeZone, locale))
            : null,
        ),
      ),
    )
  }

  return { element, render }
}
