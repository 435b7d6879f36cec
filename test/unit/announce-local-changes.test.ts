import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { announceOnlyLocalChanges } from '../../editor/src/collab/announce-local-changes.js'

const provider = { name: 'provider' }
const serverText = (words: string) => {
  const server = new Y.Doc()
  server.getText('t').insert(0, words)
  return Y.encodeStateAsUpdate(server)
}

function page() {
  const doc = new Y.Doc()
  const announced: unknown[] = []
  doc.on('update', (_update: Uint8Array, origin: unknown) => announced.push(origin))
  announceOnlyLocalChanges(doc, (origin) => origin === provider)
  return { doc, announced }
}

describe('announceOnlyLocalChanges', () => {
  it("applies the server's change without an update event; a local change right after is announced", () => {
    const { doc, announced } = page()
    Y.applyUpdate(doc, serverText('from the server'), provider)
    doc.getText('t').insert(0, 'local ')
    expect(doc.getText('t').toString()).toBe('local from the server')
    expect(announced).toEqual([null])
  })

  it("announces a local change an observer makes while the server's change is applied", () => {
    const { doc, announced } = page()
    const local = { name: 'an observer writing' }
    doc.getText('t').observe((_event, transaction) => {
      if (transaction.origin === provider) doc.transact(() => doc.getMap('m').set('seen', true), local)
    })
    Y.applyUpdate(doc, serverText('from the server'), provider)
    expect(announced).toEqual([local])
  })

  it('keeps a listener added meanwhile, and every listener is back after the running code', async () => {
    const { doc, announced } = page()
    const later: unknown[] = []
    Y.applyUpdate(doc, serverText('a'), provider)
    doc.on('update', (_u: Uint8Array, origin: unknown) => later.push(origin))
    await Promise.resolve()
    Y.applyUpdate(doc, serverText('b'), 'another origin')
    expect([announced, later]).toEqual([['another origin'], ['another origin']])
  })
})
