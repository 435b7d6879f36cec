/**
 * The server never serves for ever what it cannot serve back (issue 14): a stored update that cannot be encoded
 * again — here a mark value nested 100,000 deep, written straight into storage as it could have got in before the
 * format check held every update — is set aside on load. The document loads, every route answers, the bad update
 * is recorded in the audit log and in the workflow map (the chair's notice), and storage no longer holds it.
 */
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { connect, paragraphText, paragraphXmlText, type Client } from '../helpers/yjs-clients.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import { QUARANTINED, WORKFLOW } from '../../workflows/document/format.js'
import type { Invitation } from '../../server/invites.js'

const DOCUMENT = 'closing-statement'

/** An update inserting words whose mark value is JSON nested `depth` deep (valid to parse, impossible to re-encode). */
function deeplyNestedUpdate(base: Y.Doc, depth: number): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  paragraphXmlText(doc, 'op-thanks').insert(0, 'UNSERVABLE ', { 'bold--AAAAAAAA': 'PLACEHOLDER-VALUE' })
  const update = Y.encodeStateAsUpdate(doc, before)
  const placeholder = Buffer.from('\u0013"PLACEHOLDER-VALUE"') // varuint length 19, then the JSON text
  const at = Buffer.from(update).indexOf(placeholder)
  expect(at).toBeGreaterThan(0)
  const deep = '['.repeat(depth) + '"x"' + ']'.repeat(depth)
  const length: number[] = []
  for (let n = deep.length; ; n >>>= 7) {
    if (n < 0x80) {
      length.push(n)
      break
    }
    length.push((n & 0x7f) | 0x80)
  }
  return Buffer.concat([
    Buffer.from(update.subarray(0, at)),
    Buffer.from(length),
    Buffer.from(deep),
    Buffer.from(update.subarray(at + placeholder.length)),
  ])
}

describe('a stored update that cannot be served back', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let dataDir: string
  const token = (participant: string) => invitationOf(invites, participant).token
  const api = (path: string) =>
    fetch(`${accord.url}/api/documents/${DOCUMENT}${path}`, {
      headers: { Authorization: `Bearer ${token('ho-chi-minh-city-chair')}` },
    })

  beforeAll(async () => {
    accord = await startAccord()
    dataDir = accord.dataDir
    invites = invitations(dataDir)
    const chair = await connect(accord.url, token('ho-chi-minh-city-chair'))
    const bad = deeplyNestedUpdate(chair.doc, 100_000)
    chair.destroy()
    await accord.kill()
    const storage = new SqliteStorage(join(dataDir, 'accord.sqlite'))
    await storage.appendUpdates(DOCUMENT, [bad])
    await storage.close()
    accord = await startAccord({ dataDir })
  })
  afterAll(async () => {
    await accord?.kill()
    removeDataDir(dataDir)
  })

  it('is set aside: the document loads and every route answers', async () => {
    const chair: Client = await connect(accord.url, token('ho-chi-minh-city-chair'))
    expect(paragraphText(chair.doc, 'op-thanks')).not.toContain('UNSERVABLE')
    expect(paragraphText(chair.doc, 'op-thanks').length).toBeGreaterThan(20)
    const setAside = chair.doc.getMap(WORKFLOW).get(QUARANTINED) as { sha256: string; reason: string }[]
    expect(setAside).toHaveLength(1)
    expect(setAside[0]!.reason).toMatch(/Maximum call stack/)
    chair.destroy()
    for (const path of ['/text', '/suggestions', '/pdf', '/docx']) expect((await api(path)).status).toBe(200)
    const audit = (await (await api('/audit')).json()) as { action: string; details: { sha256: string } }[]
    const entry = audit.find((e) => e.action === 'set aside an unservable update')
    expect(entry?.details.sha256).toBe(setAside[0]!.sha256)
  })

  it('is no longer in storage: after a restart nothing more is set aside', async () => {
    await accord.kill()
    accord = await startAccord({ dataDir })
    const chair = await connect(accord.url, token('ho-chi-minh-city-chair'))
    expect((chair.doc.getMap(WORKFLOW).get(QUARANTINED) as unknown[]).length).toBe(1)
    expect(paragraphText(chair.doc, 'op-thanks')).not.toContain('UNSERVABLE')
    chair.destroy()
    expect(accord.stderr()).not.toContain('set aside stored updates')
  })
})
