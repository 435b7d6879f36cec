/**
 * @module The live text (or a revision) as a Word document. Pending suggestions become Word tracked changes —
 * insertions and deletions with their delegation (and the delegations supporting it) as author and their time — and open comment threads become Word
 * comments on the words they were opened on, so a delegation can review the text in Word or LibreOffice.
 */
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  TabStopType,
  TextRun,
  type ParagraphChild,
} from 'docx'
import type * as Y from 'yjs'
import { SUPPORT, THREADS, WORKFLOW } from '../../workflows/document/format.js'
import { translate, type Language } from '../../workflows/i18n/catalogue.js'
import { supportOf, supportersOf, type Support } from '../../workflows/meeting/support.js'
import { numberParagraphs } from '../../workflows/document/numbering.js'
import { numberBasis, numberedParagraphs } from '../document/numbers.js'
import { anchorOffsets } from '../../workflows/document/thread-anchors.js'
import { suggestionMarksOf, type Run, type SuggestionMark } from '../../workflows/suggestions/runs.js'
import type { Thread } from '../../workflows/threads/thread.js'
import { paragraphRuns } from '../document/suggestion-text.js'

export interface DocxOptions {
  /** Delegation id → its name, the author Word shows. */
  delegationName: (id: string) => string
  /** The language of the words Accord adds (who supports a proposal). */
  language: Language
}

/** Where comments open and close: block → offset → comment ids. */
type Boundaries = Map<string, Map<number, { starts: number[]; ends: number[] }>>

function boundariesOf(doc: Y.Doc, threads: Thread[]): Boundaries {
  const boundaries: Boundaries = new Map()
  const at = (block: string, offset: number) => {
    const byOffset = boundaries.get(block) ?? new Map<number, { starts: number[]; ends: number[] }>()
    boundaries.set(block, byOffset)
    const entry = byOffset.get(offset) ?? { starts: [], ends: [] }
    byOffset.set(offset, entry)
    return entry
  }
  threads.forEach((thread, id) => {
    const range = anchorOffsets(doc, thread.anchor)
    if (!range) return
    at(range.startBlock, range.startOffset).starts.push(id)
    at(range.endBlock, range.endOffset).ends.push(id)
  })
  return boundaries
}

const shownMessages = (thread: Thread) => thread.messages.filter((m) => !m.deleted)

/** A numbered paragraph as in the editor: the number in a hanging indent, the words aligned beside it. */
const NUMBERED_PARAGRAPH = {
  indent: { left: 900, hanging: 900 },
  tabStops: [{ type: TabStopType.LEFT, position: 900 }],
  spacing: { after: 160 },
}

function trackedRun(
  text: string,
  run: Run,
  proposal: SuggestionMark | undefined,
  options: DocxOptions,
  support: Support,
  revision: () => number,
): ParagraphChild {
  const marks = suggestionMarksOf(run)
  const change =
    marks.find((m) => m.kind === 'deletion') ?? marks.find((m) => m.kind === 'insertion') ?? proposal
  const style = { italics: 'italic' in run.marks, bold: 'bold' in run.marks }
  if (!change) return new TextRun({ text, ...style })
  const supporters = supportersOf(support, change.id)
  const proponent = options.delegationName(change.delegation)
  const tracked = {
    id: revision(),
    // Word has one author per change: the proponent, with its supporters beside the name ("Osaka (supported by
    // Leipzig)"), so that they show in Word's review pane as in the compilation.
    author:
      supporters.length === 0
        ? proponent
        : `${proponent} (${translate(options.language, 'compilation.supportedBy', {
            names: supporters.map(options.delegationName).join(', '),
          })})`,
    date: change.at,
    text,
    ...style,
  }
  return change.kind === 'deletion' ? new DeletedTextRun(tracked) : new InsertedTextRun(tracked)
}

export async function declarationDocx(doc: Y.Doc, options: DocxOptions): Promise<Uint8Array> {
  const threads = [...doc.getMap<Thread>(THREADS).values()].filter((t) => t.status === 'open')
  const support = supportOf(doc.getMap(WORKFLOW).get(SUPPORT))
  const boundaries = boundariesOf(doc, threads)
  // Each thread's messages get consecutive comment ids.
  let nextComment = 0
  const commentIds = threads.map((thread) => shownMessages(thread).map(() => nextComment++))
  let revisionId = 0
  const revision = () => ++revisionId
  const blocks = paragraphRuns(doc)
  const numbered = numberedParagraphs(doc)
  const labels = numberParagraphs(numbered, numberBasis(doc))
  const numberOf = new Map(numbered.map((p, i) => [p.id, labels[i]!]))
  const children = blocks.map((block) => {
    const title = block.block.startsWith('title:')
    const number = title ? '' : (numberOf.get(block.block) ?? '')
    const runs: ParagraphChild[] = number ? [new TextRun({ text: `${number}\t`, bold: true })] : []
    const cuts = boundaries.get(block.block)
    let offset = 0
    // A thread is a comment and its replies, each a Word comment on the same words.
    const mark = (at: number) => {
      const entry = cuts?.get(at)
      if (!entry) return
      for (const id of entry.ends.flatMap((thread) => commentIds[thread]!))
        runs.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }))
      for (const id of entry.starts.flatMap((thread) => commentIds[thread]!))
        runs.push(new CommentRangeStart(id))
    }
    for (const run of block.runs) {
      // Split the run where comments open or close inside it.
      const inside = [...(cuts?.keys() ?? [])]
        .filter((o) => o > offset && o < offset + run.text.length)
        .sort((a, b) => a - b)
      let from = offset
      mark(offset)
      for (const cut of [...inside, offset + run.text.length]) {
        if (cut > from)
          runs.push(
            trackedRun(
              run.text.slice(from - offset, cut - offset),
              run,
              block.proposal,
              options,
              support,
              revision,
            ),
          )
        if (cut < offset + run.text.length) mark(cut)
        from = cut
      }
      offset += run.text.length
    }
    mark(offset)
    return new Paragraph({
      children: runs,
      ...(title
        ? { heading: block.block === 'title:en' ? HeadingLevel.TITLE : HeadingLevel.HEADING_2 }
        : NUMBERED_PARAGRAPH),
    })
  })
  const document = new Document({
    creator: 'Accord',
    title: blocks[0]?.runs.map((r) => r.text).join('') ?? 'Declaration',
    // Threaded as Word and LibreOffice show them: the first message, its replies as replies.
    comments: {
      children: threads.flatMap((thread, t) =>
        shownMessages(thread).map((m, i) => ({
          id: commentIds[t]![i]!,
          ...(i > 0 ? { parentId: commentIds[t]![0]! } : {}),
          author: options.delegationName(m.delegation),
          initials: options.delegationName(m.delegation).slice(0, 3),
          date: new Date(m.at),
          ...(thread.status === 'resolved' ? { resolved: true } : {}),
          children: [new Paragraph({ children: [new TextRun({ text: `${m.name}: ${m.text}` })] })],
        })),
      ),
    },
    sections: [{ children }],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}

/** A published revision as Word: its titles and numbered paragraphs (a revision holds no pending suggestions). */
export async function revisionDocx(
  titles: string[],
  paragraphs: { number: string; text: string }[],
): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Accord',
    title: titles[0] ?? 'Declaration',
    sections: [
      {
        children: [
          ...titles.map(
            (text, i) =>
              new Paragraph({
                heading: i === 0 ? HeadingLevel.TITLE : HeadingLevel.HEADING_2,
                children: [new TextRun(text)],
              }),
          ),
          ...paragraphs.map(
            (p) =>
              new Paragraph({
                ...NUMBERED_PARAGRAPH,
                children: [new TextRun({ text: `${p.number}\t`, bold: true }), new TextRun(p.text)],
              }),
          ),
        ],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
