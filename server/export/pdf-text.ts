/**
 * @module Text in Accord's PDFs (the declaration, the invitation cards): Noto Sans embedded as a subset, drawn one
 * glyph per character, words measured once, lines broken on spaces, and the characters the font cannot draw found
 * before anything is drawn — so that a name or paragraph is refused by name, never drawn as a box.
 */
import fontkit from '@pdf-lib/fontkit'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { PDFDocument, PDFFont } from 'pdf-lib'

export class UnsupportedCharactersError extends Error {
  override readonly name = 'UnsupportedCharactersError'
  constructor(
    readonly characters: { character: string; where: string[] }[],
    /** The message as another thread wrote it, when the characters themselves stayed there. */
    message?: string,
  ) {
    super(
      message ??
        `The embedded font cannot draw ${characters
          .map(
            ({ character, where }) =>
              `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} “${character}” (in ${where.join(', ')})`,
          )
          .join('; ')}.`,
    )
  }
}

/** Noto Sans, kept with the sources (fonts/README.md says why); the build copies it next to this module. */
const fonts = new Map<string, Buffer>()
const fontBytes = (file: string) => {
  let bytes = fonts.get(file)
  if (!bytes)
    fonts.set(file, (bytes = readFileSync(fileURLToPath(new URL(`./fonts/${file}`, import.meta.url)))))
  return bytes
}

/**
 * One glyph per character, no OpenType substitutions or positioning: the text is NFC, so Vietnamese and Cyrillic
 * need no composition (with it, "ị" was drawn as "i" plus a mark and extracted as "i"), and shaping every line
 * through the font's lookup tables made a 50-page text take seconds.
 */
const PLAIN_GLYPHS = Object.fromEntries(
  [
    'ccmp',
    'locl',
    'rlig',
    'mark',
    'mkmk',
    'calt',
    'clig',
    'liga',
    'rclt',
    'curs',
    'kern',
    'dlig',
    'dist',
    'abvm',
    'blwm',
  ].map((feature) => [feature, false]),
)

/** Noto Sans regular, bold and italic, embedded in `pdf` as subsets. */
export async function embedNotoSans(
  pdf: PDFDocument,
): Promise<{ regular: PDFFont; bold: PDFFont; italic: PDFFont }> {
  pdf.registerFontkit(fontkit)
  const regular = await pdf.embedFont(fontBytes('NotoSans-Regular.ttf'), {
    subset: true,
    customName: 'NotoSans-Regular',
    features: PLAIN_GLYPHS,
  })
  const bold = await pdf.embedFont(fontBytes('NotoSans-Bold.ttf'), {
    subset: true,
    customName: 'NotoSans-Bold',
    features: PLAIN_GLYPHS,
  })
  const italic = await pdf.embedFont(fontBytes('NotoSans-Italic.ttf'), {
    subset: true,
    customName: 'NotoSans-Italic',
    features: PLAIN_GLYPHS,
  })
  return { regular, bold, italic }
}

/** Word widths, measured once per font: shaping a whole line for every candidate break is quadratic and slow. */
const widths = new WeakMap<PDFFont, Map<string, number>>()
export function widthOf(word: string, font: PDFFont, size: number): number {
  let known = widths.get(font)
  if (!known) widths.set(font, (known = new Map()))
  let width = known.get(word)
  if (width === undefined) known.set(word, (width = font.widthOfTextAtSize(word, 1000)))
  return (width * size) / 1000
}

/** Greedy line breaking on spaces, by the font's own measures (words measured once). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const space = widthOf(' ', font, size)
  const lines: string[] = []
  let line: string[] = []
  let used = 0
  for (const word of text.split(' ')) {
    const w = widthOf(word, font, size)
    if (line.length > 0 && used + space + w > width) {
      lines.push(line.join(' '))
      line = [word]
      used = w
    } else {
      used += (line.length > 0 ? space : 0) + w
      line.push(word)
    }
  }
  if (line.length > 0) lines.push(line.join(' '))
  return lines
}

/** A run of words in one font (the italic opening words of a preambular paragraph, say). */
export interface FontRun {
  text: string
  font: PDFFont
}

/**
 * Greedy line breaking over runs in several fonts: each line as its runs, so that a line is drawn as a few strings
 * (one per font) with their spaces — text extraction reads it back exactly.
 */
export function wrapRuns(runs: readonly FontRun[], size: number, width: number): FontRun[][] {
  const words: FontRun[] = []
  for (const { text, font } of runs)
    for (const piece of text.match(/\S+\s*|\s+/g) ?? []) words.push({ text: piece, font })
  const lines: FontRun[][] = []
  let line: FontRun[] = []
  let used = 0
  for (const word of words) {
    const w = widthOf(word.text.trimEnd(), word.font, size)
    if (line.length > 0 && used + w > width) {
      lines.push(line)
      line = []
      used = 0
    }
    const last = line.at(-1)
    if (last && last.font === word.font) last.text += word.text
    else line.push({ ...word })
    used += widthOf(word.text, word.font, size)
  }
  if (line.length > 0) lines.push(line)
  // A line does not end in a space.
  for (const l of lines) l[l.length - 1]!.text = l[l.length - 1]!.text.trimEnd()
  return lines.map((l) => l.filter((r) => r.text.length > 0))
}

/** Every character the font lacks, with where it occurs. */
export function unsupported(font: PDFFont, texts: { where: string; text: string }[]) {
  const known = new Set(font.getCharacterSet())
  const missing = new Map<string, Set<string>>()
  for (const { where, text } of texts) {
    for (const character of text) {
      if (/\s/.test(character) || known.has(character.codePointAt(0)!)) continue
      const places = missing.get(character) ?? new Set<string>()
      places.add(where)
      missing.set(character, places)
    }
  }
  return [...missing].map(([character, where]) => ({ character, where: [...where] }))
}
