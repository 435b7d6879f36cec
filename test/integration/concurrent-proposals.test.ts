/**
 * Concurrency is not forgery. Several delegations make random honest proposals on the same few paragraphs —
 * typing, deleting, typing inside their own and others' insertions and deletions, at paragraph edges, new
 * paragraphs, splits, joins, multi-paragraph pastes, Vietnamese with combining marks — while their messages
 * reach the server in random interleavings and their connections drop and come back. For every seed: the
 * server refuses nothing, every client ends with the server's document, storage holds the same, and deciding
 * the pending suggestions in different orders gives the same text.
 */
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Identity } from '../../server/collab/connection.js'
import { canonicalDocument } from '../../server/document/canonical.js'
import { applyDecisions, paragraphRuns } from '../../server/document/suggestion-text.js'
import { BODY } from '../../workflows/document/format.js'
import { pendingSuggestions } from '../../workflows/suggestions/pending.js'
import type { Decision } from '../../workflows/suggestions/decisions.js'
import type { Piece } from '../../workflows/suggestions/writer.js'
import { textOf } from '../../workflows/suggestions/writer.js'
import {
  randomSource,
  SimulatedRoom,
  type Random,
  type SimulatedClient,
} from '../helpers/simulated-delegations.js'

const SEEDS = Number(process.env.ACCORD_CONCURRENCY_SEEDS ?? 24)
const OPERATIONS = Number(process.env.ACCORD_CONCURRENCY_OPERATIONS ?? 250)

const TEXT = {
  titles: [{ lang: 'en', text: 'Closing Statement' }],
  paragraphs: [
    {
      id: 'pp-1',
      kind: 'preambular' as const,
      lead: 'Recalling',
      text: ' the first dialogue of partner cities,',
    },
    { id: 'op-1', kind: 'operative' as const, text: 'Agree to share flood maps and early warnings.' },
    { id: 'op-2', kind: 'operative' as const, text: 'Thành phố Hồ Chí Minh sẽ tổ chức diễn đàn hằng năm.' },
    { id: 'op-3', kind: 'operative' as const, text: 'Invite partners to train young civil servants.' },
  ],
}

function drafter(delegation: string, participant: string): Identity {
  return {
    participant,
    name: participant,
    role: 'drafter',
    delegation,
    delegationName: delegation,
    colour: '#000',
  }
}

const DELEGATES = [
  drafter('osaka', 'osaka-drafter'),
  drafter('osaka', 'osaka-head'),
  drafter('rotterdam', 'rotterdam-drafter'),
  drafter('busan', 'busan-drafter'),
]

/** Words as delegates type and paste them, Vietnamese decomposed (NFD: base letters and combining marks). */
const WORDS = [
  'flood',
  ' partner cities',
  'and',
  ' ',
  'hợp tác'.normalize('NFD'),
  'Thành phố'.normalize('NFD'),
  ' bền vững,'.normalize('NFD'),
  'x',
  '.',
]

function paragraphsOf(body: Y.XmlFragment): Y.XmlElement[] {
  return body
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
}

function pieces(random: Random): Piece[] {
  const bold = random.chance(0.15)
  return [{ text: random.pick(WORDS), attributes: bold ? { bold: {} } : {} }]
}

/** One honest proposal by `client` on its current view of the text, as the editor would write it. */
function proposeSomething(client: SimulatedClient, random: Random): void {
  client.edit((writer, body) => {
    const paragraphs = paragraphsOf(body)
    const element = random.pick(paragraphs)
    let text = textOf(element)
    if (!text) {
      // An empty paragraph gets its text container on the first keystroke, as the editor does.
      text = new Y.XmlText()
      element.insert(0, [text])
    }
    const length = text.length
    const at = random.int(length + 1)
    const roll = random.next()
    if (roll < 0.4) writer.replace(text, at, at, pieces(random))
    else if (roll < 0.6) writer.replace(text, at, Math.min(length, at + 1 + random.int(8)), [])
    else if (roll < 0.72) writer.replace(text, at, Math.min(length, at + 1 + random.int(5)), pieces(random))
    else if (roll < 0.8) writer.proposeParagraphAfter(body, element, random.chance(0.5) ? null : at)
    else if (roll < 0.88) writer.proposeJoin(body, element)
    else {
      const paragraphs = Array.from({ length: 1 + random.int(3) }, () => pieces(random))
      writer.paste(body, element, at, paragraphs)
    }
  })
}

/** Decides every pending suggestion, one at a time in the given order, on a copy of `state`. */
function decideInOrder(state: Uint8Array, order: readonly string[], decisions: Map<string, Decision>): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  for (const id of order)
    doc.transact(() => applyDecisions(doc, (x) => (x === id ? decisions.get(x) : undefined)))
  return doc
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('concurrent honest proposals', () => {
  let room: SimulatedRoom | null = null
  afterEach(async () => {
    await room?.close()
    room = null
  })

  it.each(Array.from({ length: SEEDS }, (_, i) => i + 1))(
    'seed %i: nothing refused, everyone converges, and the decision order never changes the text',
    async (seed) => {
      const random = randomSource(seed)
      room = await SimulatedRoom.open(TEXT, 'negotiation')
      const clients = DELEGATES.map((identity) => room!.join(identity, random))
      await room.settle()

      for (let step = 0; step < OPERATIONS; step++) {
        const client = random.pick(clients)
        const roll = random.next()
        if (roll < 0.45) proposeSomething(client, random)
        else if (roll < 0.7) client.deliverToServer()
        else if (roll < 0.92) client.deliverToClient()
        else if (roll < 0.96) {
          if (client.connection) client.disconnect()
          else client.connect()
        } else await room.tick()
        if (step % 10 === 0) await room.tick()
        if (room.refusals.length > 0) break // one refusal is the failure; what follows would only echo it
      }
      for (const client of clients) if (!client.connection) client.connect()
      await room.settle()
      // A fresh sync for everyone, as after a reconnection: nothing more may come of it.
      for (const client of clients) {
        client.disconnect()
        client.connect()
      }
      await room.settle()

      expect(room.refusals).toEqual([])
      const served = room.shared.doc.getXmlFragment(BODY).toString()
      for (const client of clients) expect(client.body.toString()).toBe(served)
      expect((await room.stored()).getXmlFragment(BODY).toString()).toBe(served)
      await room.shared.compact()
      expect((await room.stored()).getXmlFragment(BODY).toString()).toBe(served)

      const state = Y.encodeStateAsUpdate(room.shared.doc)
      const pending = pendingSuggestions(paragraphRuns(room.shared.doc))
      expect(pending.length).toBeGreaterThan(0)
      const decisions = new Map(pending.map((s) => [s.id, random.chance(0.5) ? 'accept' : 'reject'] as const))
      const ids = pending.map((s) => s.id)
      const first = decideInOrder(state, shuffled(ids, random), decisions)
      const second = decideInOrder(state, shuffled(ids, random), decisions)
      expect(canonicalDocument(second).text).toBe(canonicalDocument(first).text)
      expect(pendingSuggestions(paragraphRuns(first))).toEqual([])
    },
    60_000,
  )
})
