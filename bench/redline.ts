/**
 * @module Time to compute a redline between two 200-paragraph revisions (about 100 words each, 10 % of the
 * paragraphs amended, a few added, deleted and moved). Run: `npm run bench:redline`.
 */
import { redline, type VersionParagraph } from '../workflows/consensus/redline.js'

const WORDS =
  'the partner localities agree to deepen cooperation in trade health culture climate adaptation urban management and digital transformation'.split(
    ' ',
  )

function paragraphText(seed: number): string {
  return Array.from({ length: 100 }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(' ')
}

const older: VersionParagraph[] = Array.from({ length: 200 }, (_, i) => ({
  id: `p${i}`,
  number: `OP${i + 1}`,
  text: paragraphText(i),
}))
const newer: VersionParagraph[] = older
  .filter((_, i) => i % 50 !== 7)
  .map((p, i) =>
    i % 10 === 0
      ? {
          ...p,
          text: p.text
            .replace('deepen cooperation', 'deepen and broaden cooperation')
            .replace(/ trade /, ' fair trade '),
        }
      : p,
  )
newer.splice(100, 0, { id: 'new-1', number: 'OP100bis', text: paragraphText(999) })
const moved = newer.splice(20, 1)[0]!
newer.splice(150, 0, moved)

const runs = 20
redline(older, newer)
const times: number[] = []
for (let i = 0; i < runs; i++) {
  const start = performance.now()
  redline(older, newer)
  times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
const result = redline(older, newer)
const count = (status: string) => result.filter((r) => r.status === status).length
console.log('## Redline of two 200-paragraph revisions\n')
console.log('| paragraphs | words | changed | added | deleted | moved | median | max |')
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|')
console.log(
  `| ${older.length} → ${newer.length} | ${older.length * 100} | ${count('changed')} | ${count('added')} | ${count('deleted')} | ${count('moved')} | ${times[runs >> 1]!.toFixed(1)} ms | ${times[runs - 1]!.toFixed(1)} ms |`,
)
