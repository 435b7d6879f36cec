/**
 * How processes converge when the bus loses messages: two registries ("processes") on one real SQLite
 * database, linked by an in-process bus that can drop messages or deliver them out of order — the
 * failures Redis pub/sub allows. (The real Redis is in test/integration/cluster.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BUS_MESSAGE,
  type BusMessageKind,
  type DocumentBus,
  type DocumentBusHandlers,
} from '../../server/cluster/bus.js'
import { jsonLogger } from '../../server/logger.js'
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage.js'
import { recordingConnection } from '../helpers/recording-connection.js'
import { until } from '../helpers/yjs-clients.js'

// The interval is read once, when server/collab/limits.ts loads: set it before importing the registry.
process.env.ACCORD_LIMIT_CLUSTER_SYNC_INTERVAL_MS = '100'
const { DocumentRegistry } = await import('../../server/collab/registry.js')

const log = jsonLogger('silent')

/** An in-process bus. `drop` loses every message while true; `hold` keeps them for `release` (reordering). */
class MemoryBus {
  drop = false
  held: (() => void)[] | null = null
  /** Every message published, by kind. */
  readonly published: BusMessageKind[] = []
  private readonly members = new Map<string, { node: string; handlers: DocumentBusHandlers }[]>()

  node(name: string): DocumentBus {
    return {
      node: name,
      join: async (document, handlers) => {
        const list = this.members.get(document) ?? []
        const member = { node: name, handlers }
        list.push(member)
        this.members.set(document, list)
        return {
          publish: (kind: BusMessageKind, payload: Uint8Array) => {
            this.published.push(kind)
            if (this.drop) return
            for (const other of list)
              if (other.node !== name) {
                const deliver = () => other.handlers.message({ kind, from: name, payload: payload.slice() })
                if (this.held) this.held.push(deliver)
                else setImmediate(deliver)
              }
          },
          leave: async () => {
            list.splice(list.indexOf(member), 1)
          },
        }
      },
      close: async () => undefined,
    }
  }

  release(order: (messages: (() => void)[]) => (() => void)[]): void {
    const held = this.held ?? []
    this.held = null
    for (const deliver of order(held)) deliver()
  }
}

describe('documents linked across processes', () => {
  let dir: string
  let storages: SqliteStorage[]
  let bus: MemoryBus
  let registries: InstanceType<typeof DocumentRegistry>[]

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-link-'))
    storages = [new SqliteStorage(join(dir, 'db')), new SqliteStorage(join(dir, 'db'))]
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'zero draft')
    await storages[0]!.createConference({
      conference: { id: 'c', name: 'C', localName: null, hostTimeZone: 'UTC', observersMayComment: false },
      delegations: [],
      participants: [],
      documents: [
        {
          record: { id: 'doc', conference: 'c', title: 'T', stage: 'draft' },
          initialState: Y.encodeStateAsUpdate(doc),
        },
      ],
    })
    bus = new MemoryBus()
    registries = storages.map((storage, i) => new DocumentRegistry(storage, log, true, bus.node(`node-${i}`)))
  })

  afterEach(async () => {
    for (const registry of registries) await registry.closeAll()
    for (const storage of storages) await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const open = async () => Promise.all(registries.map((registry) => registry.get('doc')))
  const text = (shared: { doc: Y.Doc }) => shared.doc.getText('t').toString()

  it('relays a change stored by one process to the other', async () => {
    const [one, two] = await open()
    one!.serverWrite('test', (doc) => doc.getText('t').insert(10, ', relayed'))
    await until(() => text(two!) === 'zero draft, relayed', 'the other process has the change')
  })

  it('never publishes a sync reply built for one client', async () => {
    const [one] = await open()
    const { connection, sent } = recordingConnection()
    one!.attach(connection)
    one!.receive(connection, new Uint8Array([0, 0, 1, 0])) // sync step 1 of a client that has nothing
    await until(() => sent.some((m) => m[0] === 0 && m[1] === 1), 'the client got its sync step 2')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bus.published.filter((kind) => kind === BUS_MESSAGE.update)).toEqual([])
    one!.detach(connection)
  })

  it('catches up from storage when a change was lost on the bus (state vectors compared)', async () => {
    const [one, two] = await open()
    bus.drop = true
    one!.serverWrite('test', (doc) => doc.getText('t').insert(10, ', lost on the bus'))
    await one!.flush()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(text(two!)).toBe('zero draft')
    bus.drop = false
    await until(() => text(two!) === 'zero draft, lost on the bus', 'caught up from storage')
  })

  it('catches up a lost deletion (delete sets compared, the state vectors being equal)', async () => {
    const [one, two] = await open()
    bus.drop = true
    one!.serverWrite('test', (doc) => doc.getText('t').delete(0, 5))
    await one!.flush()
    bus.drop = false
    await until(() => text(two!) === 'draft', 'the deletion reached the other process')
  })

  it('fills a gap at once when changes arrive out of order, holding nothing back for long', async () => {
    const [one, two] = await open()
    bus.held = []
    one!.serverWrite('first', (doc) => doc.getText('t').insert(10, ' one'))
    await one!.flush()
    one!.serverWrite('second', (doc) => doc.getText('t').insert(14, ' two'))
    await one!.flush()
    const started = Date.now()
    bus.release((messages) => messages.slice().reverse())
    await until(() => text(two!) === 'zero draft one two', 'both changes, in spite of the order')
    // Well before the first state-vector round could have noticed (100 ms + 1 s grace).
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
