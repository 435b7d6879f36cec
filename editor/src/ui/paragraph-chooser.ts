/**
 * @module Choosing paragraphs from a list (a reservation concerns one or more of them): a native multiple
 * select — keyboard and screen-reader ready — listing every paragraph by its number and first words, filled
 * from the editor when shown, with the paragraph at the caret chosen to begin with.
 */
import type { Editor } from '@tiptap/core'
import { paragraphNumberingKey } from '../extensions/paragraph-numbering.js'
import { h } from './dom.js'

const FIRST_WORDS = 60

export interface ParagraphChooser {
  element: HTMLElement
  /** Lists the text's paragraphs again, keeping what is chosen (or the caret's paragraph, if nothing is). */
  refresh(): void
  chosen(): string[]
  clear(): void
}

export function paragraphChooser(editor: Editor, label: string, testId: string): ParagraphChooser {
  const select = h('select', {
    class: 'paragraph-chooser',
    attrs: { multiple: '', size: '6', 'aria-label': label, 'data-testid': testId },
  })
  const element = h('label', { class: 'paragraph-chooser-label' }, label, select)

  function caretParagraph(): string | null {
    const { $from } = editor.state.selection
    const node = $from.depth >= 1 ? $from.node(1) : null
    return node?.type.name === 'paragraph' ? String(node.attrs.id) : null
  }

  function refresh(): void {
    const keep = new Set(chosen())
    if (keep.size === 0) {
      const caret = caretParagraph()
      if (caret) keep.add(caret)
    }
    const numbers = paragraphNumberingKey.getState(editor.state)?.byId
    const options: HTMLOptionElement[] = []
    editor.state.doc.forEach((node) => {
      if (node.type.name !== 'paragraph') return
      const id = String(node.attrs.id)
      const words = node.textContent.slice(0, FIRST_WORDS)
      const option = h(
        'option',
        { attrs: { value: id } },
        `${numbers?.get(id) ?? ''} ${words}${node.textContent.length > FIRST_WORDS ? '…' : ''}`,
      )
      option.selected = keep.has(id)
      options.push(option)
    })
    select.replaceChildren(...options)
  }

  function chosen(): string[] {
    return [...select.selectedOptions].map((o) => o.value)
  }

  return {
    element,
    refresh,
    chosen,
    clear: () => {
      for (const option of select.options) option.selected = false
    },
  }
}
