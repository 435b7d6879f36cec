/**
 * @module Brackets: bracket the selected words, propose or back an alternative, and — for the chair — remove a
 * bracket or pick an alternative. The open-brackets count sits in the top bar, always visible. The list is
 * read from the editor's document with the same pure functions the server uses.
 */
import type { Editor } from '@tiptap/core'
import type { Stage } from '../../../workflows/conference/roles.js'
import {
  openBrackets,
  tryBracket,
  tryCloseBracket,
  type OpenBracket,
} from '../../../workflows/brackets/brackets.js'
import { api, type DelegationSummary, type Me } from '../api.js'
import { h, setText } from './dom.js'
import { onUpdateEachFrame } from './each-frame.js'
import { keyedList } from './keyed-list.js'
import { runsOfDocument } from './document-runs.js'
import { t } from '../i18n.js'

export interface BracketsPanelOptions {
  editor: Editor
  me: Me
  document: string
  delegations: DelegationSummary[]
  stage: () => Stage
  onStageChange: (listener: () => void) => void
  /** The always-visible count in the top bar. */
  counter: HTMLElement
}

export function bracketsPanel(options: BracketsPanelOptions): HTMLElement {
  const { editor, me, document: documentId, delegations, stage, counter } = options
  const names = new Map(delegations.map((d) => [d.id, d.name]))
  const heading = h('h2', { class: 'panel-heading' })
  const make = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'bracket-selection' } },
    t('brackets.bracketSelection'),
  )
  const list = h('ol', { class: 'thread-list', attrs: { 'data-testid': 'brackets' } })
  const status = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  const act = (work: Promise<unknown>) => {
    status.textContent = ''
    work.catch(
      (error: unknown) => (status.textContent = error instanceof Error ? error.message : String(error)),
    )
  }

  make.addEventListener('click', () => {
    const { $from, $to, empty } = editor.state.selection
    if (empty || !$from.sameParent($to) || $from.parent.type.name !== 'paragraph') {
      status.textContent = t('brackets.selectFirst')
      return
    }
    act(
      api.bracketAction(documentId, '', {
        block: String($from.parent.attrs.id),
        startOffset: $from.parentOffset,
        endOffset: $to.parentOffset,
      }),
    )
  })

  function bracketView(bracket: OpenBracket): HTMLElement {
    const canBracket = tryBracket(me.role, stage()).ok
    const alternatives = bracket.alternatives.map((a) => {
      const controls: HTMLElement[] = []
      if (canBracket && !a.backers.includes(me.delegation)) {
        const back = h('button', { class: 'link-button', attrs: { type: 'button' } }, t('brackets.back'))
        back.addEventListener('click', () =>
          act(api.bracketAction(documentId, `/${bracket.id}/alternatives/${a.alt}/back`)),
        )
        controls.push(back)
      }
      if (bracket.alternatives.length > 1 && tryCloseBracket(me.role, stage(), bracket, a.alt).ok) {
        const pick = h(
          'button',
          { class: 'link-button', attrs: { type: 'button' } },
          t('brackets.pick', { alt: a.alt }),
        )
        pick.addEventListener('click', () =>
          act(api.bracketAction(documentId, `/${bracket.id}/pick`, { alt: a.alt })),
        )
        controls.push(pick)
      }
      return h(
        'li',
        { class: 'thread-message', attrs: { 'data-alt': String(a.alt) } },
        h(
          'span',
          { class: 'thread-author' },
          bracket.alternatives.length > 1 ? t('brackets.alt', { alt: a.alt }) : t('brackets.bracketed'),
        ),
        h('q', { class: 'suggestion-text' }, a.text),
        h(
          'span',
          { class: 'thread-time' },
          t('brackets.backedBy', { delegations: a.backers.map((b) => names.get(b) ?? b).join(', ') }),
        ),
        controls.length > 0 && h('span', { class: 'thread-actions' }, ...controls),
      )
    })
    const footer: HTMLElement[] = []
    if (canBracket) {
      const input = h('input', {
        class: 'thread-reply',
        attrs: { type: 'text', placeholder: t('brackets.proposeAlternative'), 'data-draft': 'alternative' },
      })
      const propose = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('brackets.propose'))
      propose.addEventListener('click', () => {
        if (input.value.trim())
          act(api.bracketAction(documentId, `/${bracket.id}/alternatives`, { text: input.value.trim() }))
      })
      footer.push(input, propose)
    }
    if (tryCloseBracket(me.role, stage(), bracket, 'only').ok) {
      const remove = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('brackets.remove'))
      remove.addEventListener('click', () => act(api.bracketAction(documentId, `/${bracket.id}/remove`)))
      footer.push(remove)
    }
    return h(
      'li',
      { class: 'thread', attrs: { 'data-bracket': bracket.id } },
      h('ol', { class: 'thread-messages' }, ...alternatives),
      footer.length > 0 && h('div', { class: 'thread-controls' }, ...footer),
    )
  }

  const items = keyedList(list, {
    key: (bracket: OpenBracket) => bracket.id,
    version: (bracket) => `${stage()}\u0000${JSON.stringify(bracket)}`,
    create: bracketView,
    empty: () => h('li', { class: 'empty' }, t('brackets.none')),
  })

  function render(): void {
    const open = openBrackets(runsOfDocument(editor.state.doc))
    setText(heading, t('panel.brackets', { count: open.length }))
    setText(counter, t('brackets.count', { count: open.length }))
    counter.dataset.count = String(open.length)
    make.disabled = !tryBracket(me.role, stage()).ok
    items.render(open)
  }

  onUpdateEachFrame(editor, render)
  options.onStageChange(render)
  render()
  return h('section', { class: 'brackets' }, heading, make, list, status)
}
