/**
 * @module "Propose again": puts a refused paragraph version's words back into the live text, through the
 * same path as typing — so in negotiation they become the participant's suggestion, checked by the server
 * like any other keystroke. The words the participant had added (compared with the paragraph as it is now)
 * go back where they stood; a paragraph that does not exist on the server is proposed anew after the one it
 * followed.
 */
import type { Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { diffWordsWithSpace } from 'diff'
import type { ParagraphVersion } from './paragraph-versions.js'
import { writerText } from './paragraph-versions.js'

/** Suggest mode turns a keystroke into Yjs writes on the next microtask; each insertion waits for the last. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function findParagraph(editor: Editor, id: string): { pos: number; size: number } | null {
  let found: { pos: number; size: number } | null = null
  editor.state.doc.forEach((node, pos) => {
    if (node.type.name === 'paragraph' && node.attrs.id === id) found = { pos, size: node.nodeSize }
  })
  return found
}

async function typeAt(editor: Editor, pos: number, text: string): Promise<void> {
  const { view } = editor
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)))
  view.dispatch(view.state.tr.insertText(text, pos, pos))
  await settle()
}

/** Re-proposes a refused version; returns how many pieces of words were put back. */
export async function proposeAgain(
  editor: Editor,
  version: ParagraphVersion,
  delegation: string,
): Promise<number> {
  const target = findParagraph(editor, version.id)
  if (!target) return proposeAsNewParagraph(editor, version)
  const paragraph = editor.state.doc.nodeAt(target.pos)!
  const now = writerText(paragraph, target.pos + 1, delegation)
  // Added words, from the end backwards so that earlier positions stay valid.
  const additions: { at: number; text: string }[] = []
  let index = 0
  for (const part of diffWordsWithSpace(now.text, version.text)) {
    if (part.added) additions.push({ at: index, text: part.value })
    else index += part.value.length
  }
  for (const { at, text } of additions.reverse()) {
    const fresh = findParagraph(editor, version.id)
    if (!fresh) break
    const node = editor.state.doc.nodeAt(fresh.pos)!
    const { positions } = writerText(node, fresh.pos + 1, delegation)
    const pos = at === 0 ? fresh.pos + 1 : positions[at - 1]! + 1
    await typeAt(editor, pos, text)
  }
  return additions.length
}

async function proposeAsNewParagraph(editor: Editor, version: ParagraphVersion): Promise<number> {
  const after = version.after ? findParagraph(editor, version.after) : null
  if (!after) return 0
  const { view } = editor
  const end = after.pos + after.size - 1
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)))
  // Enter, as the participant would press it: a suggestion in negotiation, a new paragraph for a direct editor.
  const enter = new KeyboardEvent('keydown', { key: 'Enter' })
  const handled = view.someProp('handleKeyDown', (handle) => handle(view, enter))
  if (!handled) editor.commands.splitBlock()
  await settle()
  if (version.text) await typeAt(editor, editor.state.selection.from, version.text)
  return 1
}
