/**
 * @module A paragraph as its writer means it: its words with the writer's own proposed deletions taken out.
 * When the server refuses a change, the tab's version of each paragraph is compared with the server's, and
 * the paragraphs that differ are kept as "not accepted" — with the words, never thrown away.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { EditorState } from '@tiptap/pm/state'
import { paragraphNumberingKey } from '../extensions/paragraph-numbering.js'
import { suggestionKindOf } from '../../../workflows/rules/suggestions.js'

export interface ParagraphVersion {
  id: string
  label: string
  text: string
  /** The paragraph before it, or null at the top. */
  after: string | null
}

/** Whether a text node is proposed for deletion by this delegation (so, to its writer, not there). */
export function deletedBy(node: ProseMirrorNode, delegation: string): boolean {
  return node.marks.some(
    (mark) =>
      suggestionKindOf(mark.type.name) === 'deletion' &&
      (mark.attrs as { delegation?: string }).delegation === delegation,
  )
}

/** The writer's text of a paragraph, and for each of its characters the document position it stands at. */
export function writerText(
  paragraph: ProseMirrorNode,
  start: number,
  delegation: string,
): { text: string; positions: number[] } {
  let text = ''
  const positions: number[] = []
  paragraph.forEach((child, offset) => {
    if (!child.isText || deletedBy(child, delegation)) return
    for (let i = 0; i < child.text!.length; i++) positions.push(start + offset + i)
    text += child.text
  })
  return { text, positions }
}

/** Each paragraph of the editor's text as its writer means it, with the number the margin shows. */
export function paragraphVersions(state: EditorState, delegation: string): Map<string, ParagraphVersion> {
  const { doc } = state
  const numbers = paragraphNumberingKey.getState(state)?.byId
  const paragraphs: { node: ProseMirrorNode; pos: number }[] = []
  doc.forEach((node, pos) => {
    if (node.type.name === 'paragraph' && typeof node.attrs.id === 'string') paragraphs.push({ node, pos })
  })
  const versions = new Map<string, ParagraphVersion>()
  paragraphs.forEach(({ node, pos }, i) => {
    const id = node.attrs.id as string
    versions.set(id, {
      id,
      label: numbers?.get(id) ?? '',
      text: writerText(node, pos + 1, delegation).text,
      after: i === 0 ? null : (paragraphs[i - 1]!.node.attrs.id as string),
    })
  })
  return versions
}

/** The paragraphs whose writer's text differs between this tab's copy and the server's. */
export function differingParagraphs(
  mine: Map<string, ParagraphVersion>,
  server: Map<string, ParagraphVersion>,
): ParagraphVersion[] {
  return [...mine.values()].filter((version) => server.get(version.id)?.text !== version.text)
}
