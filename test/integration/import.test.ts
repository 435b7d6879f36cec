/**
 * Importing a zero draft: Markdown, and a Word document built here (a real .docx, read by the server with
 * mammoth) — titles, kinds and numbering recognised, the dropped formatting reported, secretariat only, draft only.
 */
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Invitation } from '../../server/invites.js'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** A minimal Word document: two headings and paragraphs, one with a bold run and an italic lead. */
async function wordDocument(): Promise<Buffer> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  )
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  )
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`,
  )
  const p = (text: string, style?: string, runs?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${runs ?? `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`}</w:p>`
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${[
      p('Joint Statement of the Đà Nẵng Meeting', 'Heading1'),
      p('Tuyên bố chung của Hội nghị Đà Nẵng', 'Heading2'),
      p(
        '',
        undefined,
        '<w:r><w:t xml:space="preserve">PP1 </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>Welcoming</w:t></w:r><w:r><w:t xml:space="preserve"> the partners of Đà Nẵng,</w:t></w:r>',
      ),
      p(
        '',
        undefined,
        '<w:r><w:t xml:space="preserve">OP1 Agree to hold a </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>yearly</w:t></w:r><w:r><w:t xml:space="preserve"> meeting;</w:t></w:r>',
      ),
    ].join('')}</w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'nodebuffer' })
}

describe('importing a zero draft', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const post = (participant: string, type: string, body: string | Buffer) =>
    fetch(`${accord.url}/api/documents/closing-statement/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${invitationOf(invites, participant).token}`, 'Content-Type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    })
  const text = async () =>
    (
      await fetch(`${accord.url}/api/documents/closing-statement/text`, {
        headers: { Authorization: `Bearer ${invitationOf(invites, 'osaka-drafter').token}` },
      })
    ).text()

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('replaces the draft with a Markdown zero draft and reports what was dropped (secretariat only)', async () => {
    const markdown =
      '# Statement\n\n## Tuyên bố\n\nPP1 *Recalling* our [first meeting](https://example.org),\n\nOP1 Decide to meet again.'
    expect((await post('ho-chi-minh-city-chair', 'text/markdown', markdown)).status).toBe(403)
    const response = await post('secretariat-officer', 'text/markdown', markdown)
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({
      paragraphs: 2,
      report: [
        'paragraph numbers: 2 removed (Accord numbers paragraphs itself)',
        'links (their words kept): 1 dropped',
      ],
    })
    expect(await text()).toBe(
      'Statement\nTuyên bố\n\nPP1 Recalling our first meeting,\nOP1 Decide to meet again.\n',
    )
  })

  it('reads a Word document: headings as titles, kinds from the numbers, the bold run reported', async () => {
    const response = await post('secretariat-officer', DOCX, await wordDocument())
    const result = (await response.json()) as { report: string[] }
    expect(response.status).toBe(201)
    expect(result.report).toEqual(expect.arrayContaining(['bold: 1 dropped']))
    expect(await text()).toBe(
      'Joint Statement of the Đà Nẵng Meeting\nTuyên bố chung của Hội nghị Đà Nẵng\n\nPP1 Welcoming the partners of Đà Nẵng,\nOP1 Agree to hold a yearly meeting;\n',
    )
  })

  it('refuses what is not a draft it can read, and any import once negotiation has begun', async () => {
    expect((await post('secretariat-officer', DOCX, Buffer.from('not a zip'))).status).toBe(400)
    expect((await post('secretariat-officer', 'application/pdf', 'x')).status).toBe(400)
    const chair = invitationOf(invites, 'ho-chi-minh-city-chair').token
    await fetch(`${accord.url}/api/documents/closing-statement/stage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${chair}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ stage: 'negotiation' }),
    })
    expect((await post('secretariat-officer', 'text/markdown', '# X\n\nOP1 Y.')).status).toBe(403)
  })
})
