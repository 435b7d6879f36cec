/**
 * @module Builds a declaration as ProseMirror JSON from plain values (a title, paragraphs with their
 * kind and id). Used by the seed and by tests; the result is checked against `declarationSchema`.
 */
import type { JSONContent } from '@tiptap/core'
import type { ParagraphKind } from './format.js'

export interface TitleSpec {
  lang: string
  text: string
}

export interface ParagraphSpec {
  id: string
  kind: ParagraphKind
  /** Opening words set in italics, as preambular paragraphs traditionally begin ("Recalling …"). */
  lead?: string
  text: string
}

export interface DeclarationSpec {
  titles: TitleSpec[]
  paragraphs: ParagraphSpec[]
}

export function declarationJson(spec: DeclarationSpec): JSONContent {
  return {
    type: 'doc',
    content: [
      ...spec.titles.map((title) => ({
        type: 'title',
        attrs: { lang: title.lang },
        content: title.text ? [{ type: 'text', text: title.text }] : [],
      })),
      ...spec.paragraphs.map((paragraph) => ({
        type: 'paragraph',
        attrs: { id: paragraph.id, kind: paragraph.kind },
        content: paragraphContent(paragraph),
      })),
    ],
  }
}

function paragraphContent(paragraph: ParagraphSpec): JSONContent[] {
  const content: JSONContent[] = []
  if (paragraph.lead) content.push({ type: 'text', text: paragraph.lead, marks: [{ type: 'italic' }] })
  if (paragraph.text)
    content.push({ type: 'text', text: paragraph.lead ? ` ${paragraph.text}` : paragraph.text })
  return content
}
