/**
 * Request bodies are bounded before they are read, whoever sends them: oversized bodies are refused from their
 * Content-Length or while they stream in, before authentication, and the server's memory stays flat; a zero
 * draft is checked for who may import it before it is read, and a Word file that unzips to too much is refused
 * before anything is unzipped; a draft is read off the event loop, within a time and a memory bound.
 */
import { readFileSync } from 'node:fs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiAs,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import type { Invitation } from '../../server/invites.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const MiB = 1024 * 1024

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!
  return Number(/(\d+)/.exec(line)![1]) / 1024
}

/** A .docx whose one XML part inflates to `bytes` of spaces: a few hundred kilobytes on the wire. */
async function zipBomb(bytes: number): Promise<Buffer> {
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
  zip.file('word/document.xml', ' '.repeat(bytes))
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

/** A real .docx of `paragraphs` plain paragraphs: 100,000 make 11 MB of XML in 40 KB on the wire. */
async function longWordDraft(paragraphs: number): Promise<Buffer> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  )
  const paragraph =
    '<w:p><w:r><w:t xml:space="preserve">OP1 Agree to hold a yearly meeting of the partner localities;</w:t></w:r></w:p>'
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph.repeat(paragraphs)}</w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

describe('bounded request bodies', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const api = () =>
    apiAs(
      () => accord,
      () => invites,
    )

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('refuses five concurrent unauthenticated 50 MiB bodies with 413, and the server’s memory stays flat', async () => {
    const before = rssMiB(accord.child.pid!)
    const big = Buffer.alloc(50 * MiB, 0x20)
    const declared = () =>
      fetch(`${accord.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: big,
      }).then(
        (r) => r.status,
        () => 413, // the server may answer and close before the upload ends
      )
    // Streamed without a Content-Length: counted as it arrives, refused at the limit.
    const streamed = () =>
      fetch(`${accord.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 50; i++) controller.enqueue(new Uint8Array(MiB))
            controller.close()
          },
        }),
        duplex: 'half',
      } as RequestInit).then(
        (r) => r.status,
        () => 413,
      )
    const statuses = await Promise.all([declared(), declared(), declared(), streamed(), streamed()])
    expect(statuses).toEqual([413, 413, 413, 413, 413])
    expect(rssMiB(accord.child.pid!) - before).toBeLessThan(64)
    // …and it still answers.
    expect((await fetch(`${accord.url}/healthz`)).status).toBe(200)
  })

  it("settles who may import before reading the draft: a drafter's Word file is refused unread", async () => {
    const bomb = await zipBomb(100 * MiB)
    const response = await fetch(`${accord.url}/api/documents/closing-statement/import`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${invites.find((i) => i.participant === 'osaka-drafter')!.token}`,
        'Content-Type': DOCX,
      },
      body: new Uint8Array(bomb),
    })
    expect(response.status).toBe(403)
  })

  it('refuses a Word draft that would unzip to more than 50 MiB, before unzipping it', async () => {
    const before = rssMiB(accord.child.pid!)
    const bomb = await zipBomb(100 * MiB)
    expect(bomb.length).toBeLessThan(LIMIT_ON_THE_WIRE)
    const started = Date.now()
    const response = await fetch(`${accord.url}/api/documents/closing-statement/import`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${invites.find((i) => i.participant === 'secretariat-officer')!.token}`,
        'Content-Type': DOCX,
      },
      body: new Uint8Array(bomb),
    })
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/unzips to/)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(rssMiB(accord.child.pid!) - before).toBeLessThan(64)
    // The text is as it was.
    expect((await api()('secretariat-officer', '/text')).status).toBe(200)
  })
})

const LIMIT_ON_THE_WIRE = 10 * MiB

describe('reading a zero draft off the event loop, bounded in time and memory', () => {
  const servers: AccordProcess[] = []
  afterAll(async () => {
    for (const server of servers) {
      await server.kill()
      removeDataDir(server.dataDir)
    }
  })

  /** Imports `draft` as the secretariat while polling /healthz; the slowest health answer tells if the loop stalled. */
  async function importWhilePolling(accord: AccordProcess, draft: Buffer) {
    const token = invitations(accord.dataDir).find((i) => i.participant === 'secretariat-officer')!.token
    let slowestHealth = 0
    let importing = true
    const polling = (async () => {
      while (importing) {
        const started = Date.now()
        await fetch(`${accord.url}/healthz`)
        slowestHealth = Math.max(slowestHealth, Date.now() - started)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    })()
    const textBefore = await (
      await fetch(`${accord.url}/api/documents/closing-statement/text`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).text()
    const response = await fetch(`${accord.url}/api/documents/closing-statement/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': DOCX },
      body: new Uint8Array(draft),
    })
    importing = false
    await polling
    const textAfter = await (
      await fetch(`${accord.url}/api/documents/closing-statement/text`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).text()
    const body = (await response.json()) as { error?: { code: string; message: string } }
    return { status: response.status, body, slowestHealth, unchanged: textBefore === textAfter }
  }

  it('refuses a draft whose reading needs more memory than the bound, and nothing is written', async () => {
    const accord = await startAccord({ env: { ACCORD_LIMIT_CONVERSION_MEMORY_MB: '64' } })
    servers.push(accord)
    const result = await importWhilePolling(accord, await longWordDraft(100_000))
    expect(result.status).toBe(413)
    expect(result.body.error!.message).toMatch(/needs more than 64 MB; nothing was imported/)
    expect(result.unchanged).toBe(true)
    expect(result.slowestHealth).toBeLessThan(500)
  })

  it('refuses a draft whose reading takes longer than the bound, while the server keeps answering', async () => {
    const accord = await startAccord({ env: { ACCORD_LIMIT_CONVERSION_TIMEOUT_MS: '1500' } })
    servers.push(accord)
    const result = await importWhilePolling(accord, await longWordDraft(100_000))
    expect(result.status).toBe(422)
    expect(result.body.error).toMatchObject({ code: 'conversion_timeout' })
    expect(result.body.error!.message).toMatch(/took longer than 1.5 s/)
    expect(result.unchanged).toBe(true)
    // Reading 11 MB of Word XML takes seconds; on the event loop, /healthz would have waited as long.
    expect(result.slowestHealth).toBeLessThan(500)
  })
})
