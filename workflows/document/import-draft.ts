/**
 * @module Reading a zero draft written elsewhere (Markdown, or Word converted to Markdown) into a declaration.
 * The first heading is the title, a second heading the host-language title; every other block is a paragraph.
 * "PP3" / "OP12" (and 1., (a)) numbers are dropped — Accord numbers paragraphs itself — and give the paragraph
 * its kind; without one, a paragraph ending in a comma is preambular, any other operative. An italic opening
 * ("*Recalling* …") becomes the paragraph's lead. Everything else (links, images, tables, code, quotes, HTML) is
 * dropped to plain words, and each kind of thing dropped is reported.
 */
import type { DeclarationSpec, ParagraphSpec } from './build.js'
import type { ParagraphKind } from './format.js'

export interface ImportedDraft {
  spec: DeclarationSpec
  /** What was dropped or changed on the way in, one line per kind of thing. */
  report: string[]
}

interface Block {
  heading: boolean
  text: string
}

const NUMBER = /^(?:(PP|OP)\s*(\d+)(?:\s*(?:bis|ter|quater))?|\d+[.)]|\([a-z]\))\s+/i

/** Blocks of a Markdown text, with inline formatting reduced to words; `dropped` counts what went. */
function markdownBlocks(markdown: string, dropped: Map<string, number>): Block[] {
  const drop = (what: string) => dropped.set(what, (dropped.get(what) ?? 0) + 1)
  const blocks: Block[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ heading: false, text: paragraph.join(' ') })
    paragraph = []
  }
  let fenced = false
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (line.startsWith('```')) {
      if (!fenced) drop('code blocks')
      fenced = !fenced
      flush()
      continue
    }
    if (fenced) continue
    if (!line) {
      flush()
      continue
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line)
    if (heading) {
      flush()
      blocks.push({ heading: true, text: heading[1]! })
      continue
    }
    if (/^\|.*\|$/.test(line)) {
      drop('tables')
      continue
    }
    if (/^(-{3,}|\*{3,}|_{3,})$/.test(line)) {
      drop('horizontal rules')
      continue
    }
    let text = line
    if (text.startsWith('>')) {
      drop('quotation formatting')
      text = text.replace(/^>\s*/, '')
    }
    if (/^[-*+]\s+/.test(text)) {
      drop('list bullets')
      flush()
      text = text.replace(/^[-*+]\s+/, '')
    }
    paragraph.push(text)
  }
  flush()
  return blocks
}

/** Inline Markdown reduced to words; the italic opening, if any, kept apart as the lead. */
function inline(text: string, drop: (what: string) => void): { lead?: string; text: string } {
  let words = text
  if (/!\[[^\]]*\]\([^)]*\)/.test(words)) drop('images')
  words = words.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
  if (/\[[^\]]*\]\([^)]*\)/.test(words)) drop('links (their words kept)')
  words = words.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
  if (/<[^>]+>/.test(words)) drop('HTML')
  words = words.replace(/<[^>]+>/g, '')
  if (/`/.test(words)) drop('code formatting')
  words = words.replace(/`([^`]*)`/g, '$1')
  if (/\*\*|__/.test(words)) drop('bold')
  words = words.replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2')
  const lead = /^(?:\*([^*]+)\*|_([^_]+)_)\s*/.exec(words)
  const rest = lead ? words.slice(lead[0].length) : words
  if (/(^|\s)[*_][^*_]+[*_]/.test(rest)) drop('italics inside paragraphs')
  const plain = (s: string) =>
    s
      .replace(/(^|\s)[*_]([^*_]+)[*_]/g, '$1$2')
      .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  return lead ? { lead: plain(lead[1] ?? lead[2]!), text: plain(rest) } : { text: plain(rest) }
}

export function importMarkdownDraft(markdown: string, mintId: (index: number) => string): ImportedDraft {
  const dropped = new Map<string, number>()
  const drop = (what: string) => dropped.set(what, (dropped.get(what) ?? 0) + 1)
  const blocks = markdownBlocks(markdown, dropped)
  const titles: DeclarationSpec['titles'] = []
  const paragraphs: ParagraphSpec[] = []
  let numbers = 0
  for (const block of blocks) {
    if (block.heading && titles.length < 2 && paragraphs.length === 0) {
      titles.push({ lang: titles.length === 0 ? 'en' : 'vi', text: inline(block.text, drop).text })
      continue
    }
    if (block.heading) drop('headings after the titles (kept as paragraphs)')
    // The number first (it may stand before an italic lead), then the inline formatting.
    const number = NUMBER.exec(block.text)
    const { lead, text } = inline(number ? block.text.slice(number[0].length) : block.text, drop)
    if (!text && !lead) continue
    const full = lead ? `${lead} ${text}` : text
    let kind: ParagraphKind = /,\s*$/.test(full) ? 'preambular' : 'operative'
    if (number) {
      numbers += 1
      if (number[1]) kind = number[1].toUpperCase() === 'PP' ? 'preambular' : 'operative'
    }
    paragraphs.push({ id: mintId(paragraphs.length), kind, ...(lead ? { lead } : {}), text })
  }
  if (titles.length === 0) titles.push({ lang: 'en', text: 'Untitled declaration' })
  const report = [...dropped].map(([what, count]) => `${what}: ${count} dropped`)
  if (numbers > 0) report.unshift(`paragraph numbers: ${numbers} removed (Accord numbers paragraphs itself)`)
  return { spec: { titles, paragraphs }, report }
}
