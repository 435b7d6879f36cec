/**
 * The live text as Word: an insertion by Osaka and a deletion by Leipzig come out as Word tracked changes with
 * the delegation as author, an open thread as a comment on its words; mammoth reads the file back (insertions
 * in, deletions out).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import {
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import { paragraphText, paragraphXmlText, sleep, suggestionMark } from '../helpers/yjs-clients.js'

describe('Word export', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let docx: Buffer
  const token = (participant: string) => invitationOf(invites, participant).token

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    await setStageAsChair(accord, invites, 'negotiation')
    const osaka = await RawClient.connect(accord.url, token('osaka-drafter'))
    const at = paragraphText(osaka.doc, 'op-economy').indexOf('trade')
    osaka.change((doc) =>
      paragraphXmlText(doc, 'op-economy').insert(
        at,
        'sustainable ',
        suggestionMark('insertion', { delegation: 'osaka', participant: 'osaka-drafter' }, 'ins-1'),
      ),
    )
    osaka.close()
    const leipzig = await RawClient.connect(accord.url, token('leipzig-drafter'))
    const from = paragraphText(leipzig.doc, 'op-health').indexOf('including')
    leipzig.change((doc) =>
      paragraphXmlText(doc, 'op-health').format(
        from,
        'including'.length,
        suggestionMark('deletion', { delegation: 'leipzig', participant: 'leipzig-drafter' }, 'del-1'),
      ),
    )
    leipzig.close()
    const thread = await fetch(`${accord.url}/api/documents/closing-statement/threads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token('manila-head')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        startBlock: 'op-friendship',
        startOffset: 0,
        endBlock: 'op-friendship',
        endOffset: 5,
        text: 'Manila would say "deepen" here.',
      }),
    })
    expect(thread.status).toBe(201)
    const { id } = (await thread.json()) as { id: string }
    const reply = await fetch(`${accord.url}/api/documents/closing-statement/threads/${id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token('osaka-head')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Osaka could live with "deepen".' }),
    })
    expect(reply.status).toBe(201)
    await sleep(300)
    const response = await fetch(`${accord.url}/api/documents/closing-statement/docx`, {
      headers: { Authorization: `Bearer ${token('osaka-drafter')}` },
    })
    expect(response.status).toBe(200)
    docx = Buffer.from(await response.arrayBuffer())
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('writes pending suggestions as tracked changes with the delegation as author', async () => {
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
    expect(xml).toMatch(/<w:ins [^>]*w:author="Osaka"[^>]*>.*?sustainable .*?<\/w:ins>/s)
    expect(xml).toMatch(
      /<w:del [^>]*w:author="Leipzig"[^>]*>.*?<w:delText[^>]*>including<\/w:delText>.*?<\/w:del>/s,
    )
  })

  it('writes an open thread as a comment on its words', async () => {
    const zip = await JSZip.loadAsync(docx)
    const comments = await zip.file('word/comments.xml')!.async('string')
    expect(comments).toMatch(/w:author="Manila"/)
    expect(comments).toContain('Manila would say &quot;deepen&quot; here.')
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toMatch(/<w:commentRangeStart w:id="0"\/>.*?Agree.*?<w:commentRangeEnd w:id="0"\/>/s)
    // The reply is a reply: its own comment on the same words, threaded under the first in commentsExtended.
    expect(comments).toMatch(/<w:comment [^>]*w:id="1"[^>]*w:author="Osaka"/)
    expect(xml).toMatch(/<w:commentRangeStart w:id="1"\/>.*?Agree.*?<w:commentRangeEnd w:id="1"\/>/s)
    const extended = await zip.file('word/commentsExtended.xml')!.async('string')
    const paraIds = [...comments.matchAll(/w14:paraId="([0-9A-F]+)"/g)].map((m) => m[1])
    expect(extended).toContain(`w15:paraIdParent="${paraIds[0]}"`)
  })

  it('looks like the document: the title in the Title style, numbers in a hanging indent', async () => {
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>/)
    expect(xml).toMatch(/<w:ind w:left="900" w:hanging="900"\/>/)
  })

  it('is read back by a DOCX reader: insertions in the text, deletions out of it', async () => {
    const { value } = await mammoth.extractRawText({ buffer: docx })
    expect(value).toContain('to expand sustainable trade')
    expect(value).toContain('Closing Statement of the Ho Chi Minh City Friendship Dialogue 2022')
    expect(value).not.toMatch(/public health, including/)
  })

  it('opens in LibreOffice with the tracked changes and the comment reviewable, by author', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-docx-'))
    try {
      writeFileSync(join(dir, 'statement.docx'), docx)
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'fodt',
          '--outdir',
          dir,
          join(dir, 'statement.docx'),
        ],
        { stdio: 'ignore', timeout: 120_000 },
      )
      const odt = readFileSync(join(dir, 'statement.fodt'), 'utf8')
      expect(odt).toMatch(
        /<text:changed-region[^>]*>\s*<text:insertion>\s*<office:change-info>\s*<dc:creator>Osaka<\/dc:creator>/,
      )
      expect(odt).toMatch(
        /<text:changed-region[^>]*>\s*<text:deletion>\s*<office:change-info>\s*<dc:creator>Leipzig<\/dc:creator>/,
      )
      expect(odt).toMatch(/<office:annotation[^>]*>\s*<dc:creator>Manila<\/dc:creator>/)
      // The reply is shown too, on the same words (LibreOffice 7.4 does not read Word's threading; Word does).
      expect(odt).toMatch(/<office:annotation[^>]*>\s*<dc:creator>Osaka<\/dc:creator>/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('exports a published revision too', async () => {
    const auth = {
      Authorization: `Bearer ${token('secretariat-officer')}`,
      'Content-Type': 'application/json',
    }
    // The negotiation began by keeping the Zero draft; only suggestions are pending since, so nothing is new.
    const published = await fetch(`${accord.url}/api/documents/closing-statement/revisions`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    })
    expect(published.status).toBe(409)
    expect(((await published.json()) as { error: { message: string } }).error.message).toMatch(
      /^The text is the same as Zero draft, published .*: nothing to publish\.$/,
    )
    const list = (await (
      await fetch(`${accord.url}/api/documents/closing-statement/revisions`, { headers: auth })
    ).json()) as { seq: number; name: string }[]
    expect(list.map((r) => r.name)).toEqual(['Zero draft'])
    const { seq } = list[0]!
    const response = await fetch(`${accord.url}/api/documents/closing-statement/docx?revision=${seq}`, {
      headers: auth,
    })
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await response.arrayBuffer()) })
    // The revision's agreed words, numbered, without tracked changes: no pending insertion, the deletion not done.
    expect(value).toMatch(/\nOP4\tCommit to expand trade and investment/)
    expect(value).not.toContain('sustainable trade')
    expect(value).toMatch(/public health, including/)
  })
})
