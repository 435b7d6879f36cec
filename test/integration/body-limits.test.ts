/**
 * Request bodies are bounded before they are read, whoever sends them: oversized bodies are refused from their
 * Content-Length or while they stream in, before authentication, and the server's memory stays flat; a zero
 * draft is checked for who may import it before it is read, and a Word file that unzips to too much is refused
 * before anything is unzipped.
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
