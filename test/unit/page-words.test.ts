/**
 * Every word the pages show comes from the catalogue: a words-in-a-literal check over editor/src, where a page
 * puts text before people — a child of an element, a label, a title, a placeholder, a status line, a question.
 * Names, brands and the file formats' own names are allowed. What it finds would stay English on a Vietnamese page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const LITERAL = String.raw`('(?:[^'\\\n]|\\.)*'|\`(?:[^\`\\]|\\.)*\`|"(?:[^"\\\n]|\\.)*")`
const PLACES = [
  String.raw`'aria-label':\s*`,
  String.raw`\b(?:title|placeholder|alt):\s*`,
  String.raw`\.textContent\s*=\s*`,
  String.raw`\b(?:prompt|confirm|alert|notice|setText|tell|report)\(\s*(?:\w+,\s*)?`,
  String.raw`\bh\(\s*'\w+',\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\},\s*`,
  String.raw`^\s*`,
]
const FOUND = new RegExp(`(?:${PLACES.join('|')})${LITERAL}\\s*[,)]?\\s*$`, 'gm')
/** Not words of ours: the product's name, formats, punctuation, a lone placeholder. */
const ALLOWED = new Set(['Accord', 'Excel', 'CSV', 'PDF', 'Word', 'Markdown'])

describe('the pages’ words', () => {
  it('come from the catalogue, not from literals in editor/src', () => {
    const found: string[] = []
    for (const file of sources('editor/src')) {
      for (const match of readFileSync(file, 'utf8').matchAll(FOUND)) {
        const words = match[1]!.slice(1, -1).replace(/\$\{[^}]*\}/g, '')
        if (ALLOWED.has(words.trim()) || /^[/.]/.test(words)) continue
        // Words: two letters or more in a row that are not an identifier, a class, a key or a path.
        if (!/[A-Za-z]{2,}/.test(words) || /^[\w.:/#-]*$/.test(words) || /^[a-z]+(-[a-z]+)*$/.test(words))
          continue
        found.push(`${file}: ${match[1]}`)
      }
    }
    expect(found).toEqual([])
  })
})
