/**
 * @module Paragraph status: a legend for the colours in the margin, the status of the paragraph holding the
 * cursor, and — for the chair, while the text is open — buttons to set it.
 */
import type { Editor } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { Stage } from '../../../workflows/conference/roles.js'
import {
  isParagraphStatus,
  PARAGRAPH_STATUSES,
  type ParagraphStatus,
} from '../../../workflows/document/format.js'
import { bodyAccess, may } from '../../../workflows/rules/rulebook.js'
import { proposalOf } from '../../../workflows/suggestions/runs.js'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { api, type Me } from '../api.js'
import { paragraphLabel } from '../extensions/paragraph-numbering.js'
import { h } from './dom.js'
import { t } from '../i18n.js'

export interface ParagraphStatusPanelOptions {
  editor: Editor
  me: Me
  document: string
  stage: () => Stage
  onStageChange: (listener: () => void) => void
}

/** Sets or clears the current paragraph's proposal in Yjs, as the participant (the server checks it). */
function writeProposal(editor: Editor, paragraphId: string, proposal: Record<string, unknown> | null): void {
  const sync = ySyncPluginKey.getState(editor.state) as { doc: Y.Doc; type: Y.XmlFragment } | undefined
  const element = sync?.type
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === paragraphId)
  if (!sync || !(element instanceof Y.XmlElement)) return
  sync.doc.transact(() => {
    if (proposal) element.setAttribute('proposal', proposal as unknown as string)
    else element.removeAttribute('proposal')
  }, ySyncPluginKey)
}

function currentParagraph(
  editor: Editor,
): { node: ProseMirrorNode; id: string; status: ParagraphStatus; label: string; proposal: unknown } | null {
  const { $from } = editor.state.selection
  const node = $from.depth >= 1 ? $from.node(1) : null
  if (!node || node.type.name !== 'paragraph') return null
  const status = node.attrs.status as unknown
  return {
    node,
    id: String(node.attrs.id),
    status: isParagraphStatus(status) ? status : 'open',
    label: paragraphLabel(editor.state, $from.index(0)),
    proposal: node.attrs.proposal as unknown,
  }
}

export function paragraphStatusPanel({
  editor,
  me,
  document: documentId,
  stage,
  onStageChange,
}: ParagraphStatusPanelOptions): HTMLElement {
  const legend = h(
    'ul',
    { class: 'status-legend', attrs: { 'data-testid': 'status-legend' } },
    ...PARAGRAPH_STATUSES.map((s) =>
      h('li', { attrs: { 'data-status': s } }, h('span', { class: 'status-chip' }), t(`status.${s}`)),
    ),
  )
  const current = h('p', { class: 'status-current', attrs: { 'data-testid': 'status-current' } })
  const buttons = h('div', { class: 'status-buttons' })
  const message = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  // Clearances: heads mark what their delegation can accept; everyone sees how many cleared the paragraph.
  const cleared = h('p', { class: 'thread-time', attrs: { 'data-testid': 'clearance-count' } })
  const clear = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'clear-paragraph' } },
    t('clearance.button'),
  )
  clear.addEventListener('click', () => {
    const paragraph = currentParagraph(editor)
    if (paragraph)
      void api
        .setClearance(documentId, paragraph.id, true)
        .then(refreshClearances, (error: unknown) => (message.textContent = String(error)))
  })
  let clearanceTimer: ReturnType<typeof setTimeout> | undefined
  function refreshClearances(): void {
    clearTimeout(clearanceTimer)
    clearanceTimer = setTimeout(() => {
      const paragraph = currentParagraph(editor)
      if (!paragraph || stage() !== 'negotiation') {
        cleared.textContent = ''
        return
      }
      api.clearances(documentId).then(
        (counts) =>
          (cleared.textContent = t('clearance.count', {
            paragraph: paragraph.label,
            count: counts[paragraph.id] ?? 0,
          })),
        () => undefined,
      )
    }, 150)
  }

  // The paragraph node and stage last shown: a keystroke elsewhere in the text changes neither.
  let shownFor: { node: ProseMirrorNode | null; label: string; stage: Stage } | null = null

  function render(): void {
    const paragraph = currentParagraph(editor)
    const node = paragraph?.node ?? null
    const label = paragraph?.label ?? ''
    if (shownFor && shownFor.node === node && shownFor.label === label && shownFor.stage === stage()) return
    shownFor = { node, label, stage: stage() }
    current.textContent = paragraph
      ? t('status.current', { paragraph: paragraph.label, status: t(`status.${paragraph.status}`) })
      : t('status.noParagraph')
    buttons.replaceChildren()
    clear.hidden = !paragraph || !may(me.role, 'clear paragraph', stage())
    if (paragraph && bodyAccess(me.role, stage()) === 'suggest') {
      const proposal = proposalOf(paragraph.proposal)
      if (!proposal) {
        const propose = h(
          'button',
          { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'propose-deletion' } },
          t('paragraph.proposeDeletion'),
        )
        propose.addEventListener('click', () =>
          writeProposal(editor, paragraph.id, {
            id: `s-${crypto.randomUUID().slice(0, 12)}`,
            kind: 'deletion',
            delegation: me.delegation,
            participant: me.participant,
            at: new Date().toISOString(),
          }),
        )
        buttons.append(propose)
      } else if (proposal.kind === 'deletion' && proposal.delegation === me.delegation) {
        const withdraw = h(
          'button',
          { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'withdraw-deletion' } },
          t('paragraph.withdrawDeletion'),
        )
        withdraw.addEventListener('click', () => writeProposal(editor, paragraph.id, null))
        buttons.append(withdraw)
      }
    }
    if (!paragraph || !may(me.role, 'set paragraph status', stage())) return
    for (const status of PARAGRAPH_STATUSES) {
      const button = h(
        'button',
        { class: 'quiet-button', attrs: { type: 'button', 'data-set-status': status } },
        t(`status.${status}`),
      )
      button.disabled = status === paragraph.status
      button.addEventListener('click', () => {
        message.textContent = ''
        api.setParagraphStatus(documentId, paragraph.id, status).catch((error: unknown) => {
          message.textContent = error instanceof Error ? error.message : String(error)
        })
      })
      buttons.append(button)
    }
  }

  editor.on('selectionUpdate', render)
  editor.on('update', render)
  editor.on('selectionUpdate', refreshClearances)
  onStageChange(() => {
    shownFor = null
    render()
  })
  render()
  return h(
    'section',
    { class: 'paragraph-status' },
    h('h2', { class: 'panel-heading' }, t('panel.paragraphStatus')),
    legend,
    current,
    buttons,
    cleared,
    clear,
    message,
  )
}
