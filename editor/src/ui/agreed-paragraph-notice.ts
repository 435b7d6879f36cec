/**
 * @module A drafter about to propose a change to an agreed paragraph is told it is agreed: when the caret of a
 * suggestion-only writer enters a paragraph the chair has marked agreed (or agreed ad referendum), a notice says
 * so once per paragraph — the proposal is still possible, and the chair decides whether to reopen it.
 */
import type { Editor } from '@tiptap/core'
import { isParagraphStatus } from '../../../workflows/document/format.js'
import type { BodyAccess } from '../../../workflows/rules/rulebook.js'
import { paragraphNumberingKey } from '../extensions/paragraph-numbering.js'
import { t } from '../i18n.js'

export function warnOnAgreedParagraphs(
  editor: Editor,
  access: () => BodyAccess,
  tell: (message: string) => void,
): void {
  const told = new Set<string>()
  editor.on('selectionUpdate', () => {
    if (access() !== 'suggest') return
    const { $from } = editor.state.selection
    const paragraph = $from.depth >= 1 ? $from.node(1) : null
    if (paragraph?.type.name !== 'paragraph') return
    const id = String(paragraph.attrs.id)
    const status = paragraph.attrs.status as unknown
    if (!isParagraphStatus(status) || status === 'open') return told.delete(id)
    if (told.has(id)) return
    told.add(id)
    const number = paragraphNumberingKey.getState(editor.state)?.byId.get(id) ?? t('notice.thisParagraph')
    tell(t('notice.agreed', { paragraph: number, status: t(`status.${status}`).toLowerCase() }))
  })
}
