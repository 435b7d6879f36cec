/**
 * @module Reading a zero draft's bytes into a declaration: Word (converted to Markdown by mammoth) or Markdown,
 * then workflows/document/import-draft.ts. Runs on a worker thread (convert-worker.ts), or here when no worker
 * can start.
 */
import { randomBytes } from 'node:crypto'
import { importMarkdownDraft, type ImportedDraft } from '../../workflows/document/import-draft.js'
import { paragraphIdFromBytes } from '../../workflows/document/paragraph-ids.js'

export interface DraftInput {
  format: 'docx' | 'markdown'
  bytes: Uint8Array
}

/** A file mammoth could not read: the caller answers 400 with the reason. */
export class UnreadableDraft extends Error {}

/**
 * mammoth's Markdown output exists but is not in its type definitions. Loaded on the first Word import, not
 * with every server.
 */
async function wordToMarkdown(bytes: Uint8Array): Promise<{ markdown: string; notes: string[] }> {
  const mammoth = (await import('mammoth')).default as unknown as {
    convertToMarkdown(input: {
      buffer: Buffer
    }): Promise<{ value: string; messages: { type: string; message: string }[] }>
  }
  try {
    const converted = await mammoth.convertToMarkdown({ buffer: Buffer.from(bytes) })
    return { markdown: converted.value, notes: converted.messages.map((m) => `Word: ${m.message}`) }
  } catch (error) {
    throw new UnreadableDraft(`This is not a Word document Accord can read (${String(error)}).`)
  }
}

export async function readDraft(input: DraftInput): Promise<ImportedDraft> {
  const { markdown, notes } =
    input.format === 'docx'
      ? await wordToMarkdown(input.bytes)
      : { markdown: Buffer.from(input.bytes).toString('utf8'), notes: [] }
  const imported = importMarkdownDraft(markdown.normalize('NFC'), () => paragraphIdFromBytes(randomBytes(8)))
  return { spec: imported.spec, report: [...imported.report, ...notes] }
}
