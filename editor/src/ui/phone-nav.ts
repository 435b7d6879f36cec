/**
 * @module On a phone the panels stack under the text — on a 200-page text, far below it. This bar, fixed at the
 * foot of a phone's screen (and not drawn on wider ones), takes a delegate to the speakers' list, the consensus
 * panel, the suggestions or the comments in one tap; the floor bar's "Go there" takes them back to the text.
 */
import type { MessageKey } from '../../../workflows/i18n/catalogue.js'
import { t } from '../i18n.js'
import { h } from './dom.js'

/** The panels a delegate in the room reaches for, by the class of their section in the side panel. */
const DESTINATIONS: { section: string; word: MessageKey }[] = [
  { section: 'speakers-panel', word: 'speakers.heading' },
  { section: 'consensus', word: 'panel.consensus' },
  { section: 'suggestions', word: 'phone.suggestions' },
  { section: 'threads', word: 'phone.comments' },
]

export function phoneNav(side: HTMLElement): HTMLElement {
  const buttons = DESTINATIONS.map(({ section, word }) => {
    const button = h(
      'button',
      { class: 'quiet-button', attrs: { type: 'button', 'data-testid': `phone-to-${section}` } },
      t(word),
    )
    button.addEventListener('click', () =>
      side.querySelector(`:scope > .${section}`)?.scrollIntoView({ block: 'start' }),
    )
    return { section, button }
  })
  // A panel that is not shown (consensus before the call, speakers outside negotiation) has no button.
  const sync = () => {
    for (const { section, button } of buttons) {
      const target = side.querySelector<HTMLElement>(`:scope > .${section}`)
      button.hidden = !target || target.hidden
    }
  }
  new MutationObserver(sync).observe(side, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden'],
  })
  sync()
  return h(
    'nav',
    { class: 'phone-nav', attrs: { 'aria-label': t('phone.label'), 'data-testid': 'phone-nav' } },
    ...buttons.map((b) => b.button),
  )
}
