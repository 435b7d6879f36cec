/**
 * @module Lists grouped by paragraph, as negotiators cite them: each suggestion or thread names its paragraph
 * (OP4), and a list in document order shows the paragraph's number once, above the first item of each group.
 */
import type { Editor } from '@tiptap/core'
import { paragraphNumberingKey } from '../extensions/paragraph-numbering.js'
import { t } from '../i18n.js'
import { h } from './dom.js'

export interface Grouped<T> {
  item: T
  /** The paragraph's number ("OP4"), or "Title". */
  label: string
  /** The first item of its paragraph in the list: shows the group's heading. */
  first: boolean
}

/** The number the margin shows for a block id; titles are "Title". */
export function blockLabel(editor: Editor, block: string): string {
  if (block.startsWith('title:')) return t('paragraph.title')
  return paragraphNumberingKey.getState(editor.state)?.byId.get(block) ?? ''
}

/** Where a block stands in the text (titles first), for sorting by paragraph. */
export function blockOrder(editor: Editor): (block: string) => number {
  const ids = [...(paragraphNumberingKey.getState(editor.state)?.byId.keys() ?? [])]
  const index = new Map(ids.map((id, i) => [id, i]))
  return (block) => (block.startsWith('title:') ? -1 : (index.get(block) ?? ids.length))
}

/** `items`, already in document order, with their paragraph labels and group starts. */
export function groupByParagraph<T>(
  editor: Editor,
  items: readonly T[],
  blockOf: (item: T) => string,
): Grouped<T>[] {
  let previous: string | null = null
  return items.map((item) => {
    const label = blockLabel(editor, blockOf(item))
    const first = label !== previous
    previous = label
    return { item, label, first }
  })
}

/** The heading a group starts with. */
export function groupHeading(label: string): HTMLElement {
  return h('span', { class: 'paragraph-group', attrs: { 'aria-hidden': 'true' } }, label)
}
