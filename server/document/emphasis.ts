/**
 * @module Which of a paragraph's agreed words are italic (the opening words of a preambular paragraph, as the
 * editor shows them), as runs whose joined text is the paragraph's canonical words — white space collapsed and
 * trimmed the same way — so that the PDF can set them in italic and still say exactly the canonical text. A
 * paragraph with brackets is left out (its canonical words carry the brackets' signs).
 */
import * as Y from 'yjs'
import { isBracketKey } from '../../workflows/brackets/brackets.js'
import { BODY } from '../../workflows/document/format.js'
import { suggestionKindOf } from '../../workflows/rules/suggestions.js'
import { runsOf } from './suggestion-text.js'

export interface EmphasisRun {
  text: string
  italic: boolean
}

function paragraphRuns(text: Y.XmlText): EmphasisRun[] | null {
  const characters: { character: string; italic: boolean }[] = []
  for (const run of runsOf(text)) {
    const keys = Object.keys(run.marks)
    if (keys.some(isBracketKey)) return null
    if (keys.some((key) => suggestionKindOf(key) === 'insertion')) continue
    const italic = keys.includes('italic')
    for (const character of run.text.normalize('NFC')) characters.push({ character, italic })
  }
  // White space as the canonical text has it: every run of it one space, none at the ends.
  const collapsed: typeof characters = []
  for (const c of characters) {
    if (/\s/u.test(c.character)) {
      if (collapsed.length > 0 && collapsed.at(-1)!.character !== ' ')
        collapsed.push({ character: ' ', italic: c.italic })
    } else collapsed.push(c)
  }
  while (collapsed.at(-1)?.character === ' ') collapsed.pop()
  const runs: EmphasisRun[] = []
  for (const { character, italic } of collapsed) {
    const last = runs.at(-1)
    if (last && last.italic === italic) last.text += character
    else runs.push({ text: character, italic })
  }
  return runs
}

/** Paragraph id → its agreed words as runs, italic or not. */
export function emphasisOf(doc: Y.Doc): Map<string, EmphasisRun[]> {
  const found = new Map<string, EmphasisRun[]>()
  for (const node of doc.getXmlFragment(BODY).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue
    const text = node.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText)
    const runs = text ? paragraphRuns(text) : null
    if (runs) found.set(String(node.getAttribute('id') ?? ''), runs)
  }
  return found
}
