/**
 * Property-based fuzzing of the WebSocket endpoint with mutated real protocol messages. Whatever arrives,
 * the server stays up, honest clients keep converging, and the stored document reloads equal to theirs.
 */
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import { connect, paragraphXmlText, suggestionMark, until, type Client } from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import { HCMC_2022_ZERO_DRAFT } from '../../workflows/demo/hcmc-2022-zero-draft.js'
import type { Invitation } from '../../server/invites.js'

export const FUZZ_RUNS = Number(process.env.ACCORD_FUZZ_RUNS ?? 250)
const PARAGRAPHS = HCMC_2022_ZERO_DRAFT.paragraphs.map((p) => p.id)

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'duplicate' }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const) }),
)

function mutate(message: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(message)
  for (const m of mutations) {
    if (bytes.length === 0) break
    if (m.kind === 'flip') bytes[m.at % bytes.length] = m.value
    else if (m.kind === 'truncate') bytes = bytes.slice(0, m.at % bytes.length)
    else if (m.kind === 'insert') bytes.splice(m.at % (bytes.length + 1), 0, ...m.bytes)
    else bytes = [...bytes, ...bytes]
  }
  return new Uint8Array(bytes)
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

describe('fuzzing the sync endpoint with mutated protocol messages', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let chair: Client
  let drafter: Client
  const token = (participant: string) => invitationOf(invites, participant).token

  beforeAll(async () => {
    accord = await startAccord({ hostile: true, env: { ACCORD_LIMIT_MAX_CONNECTIONS_PER_ADDRESS: '1000' } })
    invites = invitations(accord.dataDir)
    chair = await connect(accord.url, token('ho-chi-minh-city-chair'))
    drafter = await connect(accord.url, token('rotterdam-drafter'))
  })
  afterAll(async () => {
    chair?.destroy()
    drafter?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it(`survives ${FUZZ_RUNS} mutated messages while honest clients keep converging`, async () => {
    let closedByServer = 0
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: PARAGRAPHS.length - 1 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        async (baseKind, mutations, paragraph, words) => {
          const attacker = await RawClient.connect(accord.url, token('osaka-drafter'))
          const osaka = { delegation: 'osaka', participant: 'osaka-drafter' }
          const updates: Uint8Array[] = []
          attacker.doc.on('update', (u: Uint8Array) => updates.push(u))
          paragraphXmlText(attacker.doc, PARAGRAPHS[paragraph]!).insert(
            0,
            words,
            suggestionMark('insertion', osaka),
          )
          const update = Y.mergeUpdates(updates)
          const base = [
            syncMessage((e) => syncProtocol.writeUpdate(e, update)),
            syncMessage((e) => syncProtocol.writeSyncStep2(e, attacker.doc)),
            syncMessage((e) => syncProtocol.writeSyncStep1(e, attacker.doc)),
            new Uint8Array([
              1,
              ...encoding.encode((e) =>
                encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 2, 123, 125])),
              ),
            ]),
            new Uint8Array([3]),
          ][baseKind]!
          attacker.send(mutate(base, mutations))
          // Honest work goes on meanwhile: the chair edits directly, the drafter suggests.
          paragraphXmlText(chair.doc, PARAGRAPHS[(paragraph + 3) % PARAGRAPHS.length]!).insert(0, 'c')
          paragraphXmlText(drafter.doc, PARAGRAPHS[(paragraph + 7) % PARAGRAPHS.length]!).insert(
            0,
            'r',
            suggestionMark('insertion', { delegation: 'rotterdam', participant: 'rotterdam-drafter' }),
          )
          await new Promise((r) => setTimeout(r, 5))
          if (attacker.closed) closedByServer += 1
          attacker.close()
          expect((await fetch(`${accord.url}/healthz`)).status).toBe(200)
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
    const bodyOf = (client: Client) => JSON.stringify(client.doc.getXmlFragment(BODY).toJSON())
    await until(() => bodyOf(chair) === bodyOf(drafter), 'honest clients converge', 15_000)
    expect(chair.closes).toEqual([])
    expect(drafter.closes).toEqual([])
    expect(closedByServer).toBeGreaterThan(FUZZ_RUNS / 4)
    console.log(`fuzz: ${FUZZ_RUNS} mutated messages, ${closedByServer} connections closed by the server`)

    // What the server stored reloads equal to what the honest clients hold.
    const expected = bodyOf(chair)
    await new Promise((r) => setTimeout(r, 200))
    const dataDir = accord.dataDir
    await accord.kill()
    accord = await startAccord({ dataDir, hostile: true })
    const fresh = await connect(accord.url, token('manila-head'))
    expect(JSON.stringify(fresh.doc.getXmlFragment(BODY).toJSON())).toBe(expected)
    fresh.destroy()
  })
})
