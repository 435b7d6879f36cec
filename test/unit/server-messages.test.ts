/**
 * The server's refusals, in the caller's language. As xgettext does, every message the source can refuse with is
 * extracted (a `refused:`, `refuse(…)`, `forbidden(…)`, `badRequest(…)`, `notFound(…)`, `new ApiError(…)`, a
 * socket's close reason, a roster problem, an unreadable file) and must have its entry in the catalogue — so a
 * new refusal without Vietnamese fails here, not in front of a delegate.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inLanguage, SERVER_MESSAGES } from '../../workflows/i18n/server-messages.js'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const LITERAL = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\]|\\.)*\`)`
const PLACES = [
  String.raw`\brefused:\s*`,
  String.raw`\bmessage:\s*`,
  String.raw`\b(?:refuse|forbidden|badRequest|tooManyRequests)\(\s*`,
  String.raw`\bnew ApiError\(\s*\d+,\s*'[\w-]+',\s*`,
  String.raw`\bnew (?:Unreadable\w+|ConversionBound)\(\s*(?:'\w+',\s*)?`,
  String.raw`\b(?:connection\.close|this\.refuse)\((?:connection,\s*)?CLOSE\.\w+,\s*`,
  String.raw`\bconst (?:OUT_OF_SYNC|MAY_NOT|DATES_OUT_OF_ORDER) =\s*`,
  String.raw`\breturn\s+(?=['\`][A-Z"$])`,
]
const EXTRACT = new RegExp(`(?:${PLACES.join('|')})${LITERAL}`, 'g')

/** A message with every fact replaced by `{}`, so that the source's `${x}` and the catalogue's `{x}` compare. */
const shape = (text: string) => text.replace(/\$\{[^}]*\}|\{\w+\}/g, '{}')

function extracted(): { file: string; message: string }[] {
  const found: { file: string; message: string }[] = []
  for (const file of [...sources('server'), ...sources('workflows')]) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(EXTRACT)) {
      const literal = match[1]!
      const message = literal.slice(1, -1).replace(/\\(['"])/g, '$1')
      // Code, not words: identifiers, MIME types, paths, expressions in backticks.
      if (!/[a-z]{2,}\s+[a-z]{2,}/i.test(message.replace(/\$\{[^}]*\}/g, ''))) continue
      found.push({ file, message })
    }
    for (const match of text.matchAll(/\bnotFound\(\s*'([^']+)'\)/g))
      found.push({ file, message: `${match[1]} was not found.` })
  }
  return found
}

describe('server messages', () => {
  it('every refusal in the source has its entry in the catalogue', () => {
    const known = new Set(Object.keys(SERVER_MESSAGES).map(shape))
    const found = extracted()
    expect(found.length).toBeGreaterThan(100)
    // A message with no facts in it may also be an instance of an entry ("a deletion mark …" of "a {kind} mark …").
    const missing = found.filter(
      ({ message }) => !known.has(shape(message)) && inLanguage('vi', message) === message,
    )
    expect(missing).toEqual([])
  })

  it('answers in Vietnamese, with the facts carried over and translated where the catalogue knows them', () => {
    expect(inLanguage('vi', 'Only the chair defers threads.')).toBe('Chỉ chủ tọa hoãn chuỗi thảo luận.')
    expect(inLanguage('vi', 'The thread is already resolved.')).toBe(
      'Chuỗi thảo luận đã ở trạng thái đã giải quyết.',
    )
    expect(inLanguage('vi', 'Another delegation is named Osaka.')).toBe('Đã có một đoàn khác tên Osaka.')
    expect(
      inLanguage('vi', 'The consensus call needs a settled text: 2 pending suggestions, 1 open brackets.'),
    ).toBe('Việc kêu gọi đồng thuận cần một văn bản đã ổn định: 2 đề xuất đang chờ, 1 ngoặc vuông còn mở.')
    expect(inLanguage('vi', 'Too many connections opened; try again in 3 s.')).toBe(
      'Mở quá nhiều kết nối; hãy thử lại sau 3 giây.',
    )
    expect(inLanguage('vi', 'The thread was not found.')).toBe('Không tìm thấy chuỗi thảo luận.')
  })

  it('keeps English as it is, and a text it does not know unchanged', () => {
    expect(inLanguage('en', 'Only the chair defers threads.')).toBe('Only the chair defers threads.')
    expect(inLanguage('vi', 'Osaka')).toBe('Osaka')
    expect(inLanguage('vi', '"name": expected string')).toBe('"name": expected string')
  })
})
