/**
 * Property test of the document format (issue 14): random Yjs updates built from random schema-violating
 * operations, sent by every role in draft and in negotiation — each is refused (4403/4400), none is relayed to a
 * watching client or served to a newcomer, none is stored (checked after a restart), and the server stays up.
 * Every operation carries a marker that must never be seen again. ACCORD_FORMAT_RUNS sets the runs per stage.
 */
import fc from 'fast-check'
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
import {
  connect,
  paragraphText,
  paragraphXmlText,
  proposedParagraph,
  suggestionMark,
  until,
  type Attribution,
  type Client,
} from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import { HCMC_2022_ZERO_DRAFT } from '../../workflows/demo/hcmc-2022-zero-draft.js'
import type { Invitation } from '../../server/invites.js'

const RUNS = Number(process.env.ACCORD_FORMAT_RUNS ?? 40)
const PARAGRAPHS = HCMC_2022_ZERO_DRAFT.paragraphs.map((p) => p.id)

/** Writers by stage: who sends, and as whom its marks are attributed (its own name: only the format is wrong). */
const WRITERS: Record<'draft' | 'negotiation', Attribution[]> = {
  draft: [
    { participant: 'secretariat-officer', delegation: 'secretariat' },
    { participant: 'osaka-drafter', delegation: 'osaka' },
  ],
  negotiation: [
    { participant: 'osaka-drafter', delegation: 'osaka' },
    { participant: 'leipzig-head', delegation: 'leipzig' },
    { participant: 'ho-chi-minh-city-chair', delegation: 'ho-chi-minh-city' },
  ],
}

const element = (doc: Y.Doc, id: string) =>
  doc
    .getXmlFragment(BODY)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id) as Y.XmlElement

/** A value that breaks a shape: an unknown key, a nested value, a long string, a wrong type. */
const badValue = (marker: string) =>
  fc.oneof(
    fc.constant({ [marker]: 1 }),
    fc.constant([[[[marker]]]]),
    fc.constant(`${marker}${'x'.repeat(300)}`),
    fc.integer().map((n) => ({ id: n, marker })),
    fc.constant({ nested: { deeper: { marker } } }),
  )

type Operation = (doc: Y.Doc, by: Attribution, paragraph: string, marker: string) => void

/** Schema-violating operations; each takes a marker to carry. */
const operation: fc.Arbitrary<{ name: string; apply: Operation }> = fc.oneof(
  fc.constant({
    name: 'text under the body',
    apply: ((doc, by, _p, marker) => {
      const loose = new Y.XmlText()
      loose.insert(0, marker, suggestionMark('insertion', by))
      doc.getXmlFragment(BODY).insert(1, [loose])
    }) as Operation,
  }),
  fc.constantFrom('script', 'div', 'heading', 'image', 'paragraphx').map((nodeName) => ({
    name: `<${nodeName}> under the body`,
    apply: ((doc, by, _p, marker) => {
      const node = new Y.XmlElement(nodeName)
      const text = new Y.XmlText()
      text.insert(0, marker, suggestionMark('insertion', by))
      node.insert(0, [text])
      doc.getXmlFragment(BODY).push([node])
    }) as Operation,
  })),
  fc.constantFrom('id', 'kind', 'status', 'proposal', 'onclick', 'style').map((key) => ({
    name: `proposed paragraph with a bad ${key}`,
    apply: ((doc, by, paragraph, marker) => {
      const value = key === 'id' ? paragraph : { marker }
      doc.getXmlFragment(BODY).push([proposedParagraph(`p-${marker}`, marker, by, marker, { [key]: value })])
    }) as Operation,
  })),
  badValue('MARK-VALUE').map((value) => ({
    name: 'suggestion mark of a bad shape',
    apply: ((doc, by, paragraph, marker) => {
      const [key, attribution] = Object.entries(suggestionMark('insertion', by))[0]!
      const shaped = typeof value === 'object' && !Array.isArray(value) ? { ...attribution, ...value } : value
      paragraphXmlText(doc, paragraph).insert(0, marker, { [key]: shaped })
    }) as Operation,
  })),
  fc.constantFrom('blink', 'bold--evil', 'link', 'insertion-', 'deletion--12345678x').map((key) => ({
    name: `mark "${key}"`,
    apply: ((doc, by, paragraph, marker) =>
      paragraphXmlText(doc, paragraph).insert(0, marker, {
        ...suggestionMark('insertion', by),
        [key]: true,
      })) as Operation,
  })),
  fc.constantFrom('attribute', 'map', 'array').map((kind) => ({
    name: `${kind} on a paragraph's text`,
    apply: ((doc, _by, paragraph, marker) => {
      const text = paragraphXmlText(doc, paragraph)
      if (kind === 'attribute') text.setAttribute(marker, marker)
      else {
        const nested = kind === 'map' ? new Y.Map() : new Y.Array()
        text.setAttribute('data', nested as unknown as string)
        if (nested instanceof Y.Map) nested.set(marker, marker)
        else nested.push([marker])
      }
    }) as Operation,
  })),
  fc.constantFrom('embed', 'binary', 'element').map((kind) => ({
    name: `${kind} in a paragraph's text`,
    apply: ((doc, by, paragraph, marker) => {
      const text = paragraphXmlText(doc, paragraph)
      const marks = suggestionMark('insertion', by)
      if (kind === 'embed') text.insertEmbed(0, { marker }, marks)
      else if (kind === 'binary') text.insertEmbed(0, new TextEncoder().encode(marker), marks)
      else text.insertEmbed(0, new Y.XmlElement(marker.toLowerCase()) as never, marks)
    }) as Operation,
  })),
  fc.constantFrom('second text', 'nested element', 'map child').map((kind) => ({
    name: `${kind} in a paragraph`,
    apply: ((doc, by, paragraph, marker) => {
      const target = element(doc, paragraph)
      if (kind === 'second text') {
        const text = new Y.XmlText()
        text.insert(0, marker, suggestionMark('insertion', by))
        target.push([text])
      } else if (kind === 'nested element') {
        const nested = new Y.XmlElement('paragraph')
        nested.setAttribute('id', `p-${marker}`)
        target.push([nested])
      } else target.setAttribute(marker, new Y.Map() as unknown as string)
    }) as Operation,
  })),
  fc.constant({
    name: "a paragraph's id changed",
    apply: ((doc, _by, paragraph, marker) => element(doc, paragraph).setAttribute('id', marker)) as Operation,
  }),
  fc.constant({
    name: 'a title after the paragraphs',
    apply: ((doc, _by, _p, marker) => {
      const title = new Y.XmlElement('title')
      title.setAttribute('lang', 'fr')
      const text = new Y.XmlText()
      text.insert(0, marker)
      title.insert(0, [text])
      doc.getXmlFragment(BODY).push([title])
    }) as Operation,
  }),
)

describe('every update is held to the document format, whoever sends it', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let witness: Client
  const markers: string[] = []
  const token = (participant: string) => invitationOf(invites, participant).token
  const seenBy = (doc: Y.Doc) =>
    Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1') +
    JSON.stringify(doc.getXmlFragment(BODY).toJSON())

  async function setStage(stage: string) {
    if (witness.doc.getMap('workflow').get('stage') === stage) return
    const response = await fetch(`${accord.url}/api/documents/closing-statement/stage`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token('ho-chi-minh-city-chair')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ stage }),
    })
    expect(response.status).toBe(200)
    await until(() => witness.doc.getMap('workflow').get('stage') === stage, `witness sees ${stage}`)
  }

  beforeAll(async () => {
    accord = await startAccord({ hostile: true })
    invites = invitations(accord.dataDir)
    witness = await connect(accord.url, token('bangkok-head'))
  })
  afterAll(async () => {
    witness?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  for (const stage of ['draft', 'negotiation'] as const) {
    it(`refuses ${RUNS} random violations in ${stage}, relays none and stays up`, async () => {
      await setStage(stage)
      const names = new Set<string>()
      await fc.assert(
        fc.asyncProperty(
          operation,
          fc.constantFrom(...WRITERS[stage]),
          fc.constantFrom(...PARAGRAPHS),
          async (op, by, paragraph) => {
            const marker = `VIOLATION${markers.length}X`
            markers.push(marker)
            names.add(op.name)
            const attacker = await RawClient.connect(accord.url, token(by.participant))
            attacker.change((doc) => op.apply(doc, by, paragraph, marker))
            const closed = await attacker.waitForClose()
            expect([4400, 4403], `${op.name} by ${by.participant}: ${closed.reason}`).toContain(closed.code)
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.ACCORD_FORMAT_SEED ?? 14) },
      )
      expect(names.size).toBeGreaterThan(5)
      // Relay is in order: a valid suggestion sent now reaching the witness means nothing refused did.
      const honest = await RawClient.connect(accord.url, token('manila-head'))
      const probe = `probe-${stage} `
      honest.change((doc) =>
        paragraphXmlText(doc, 'op-training').insert(
          0,
          probe,
          suggestionMark('insertion', { participant: 'manila-head', delegation: 'manila' }),
        ),
      )
      await until(() => paragraphText(witness.doc, 'op-training').includes(probe), 'probe relayed')
      honest.close()
      const seen = seenBy(witness.doc)
      for (const marker of markers) expect(seen).not.toContain(marker)
      expect((await fetch(`${accord.url}/healthz`)).status).toBe(200)
    })
  }

  it('stored none of them: after a restart a newcomer sees no marker', async () => {
    const dataDir = accord.dataDir
    await accord.kill()
    accord = await startAccord({ dataDir, hostile: true })
    const newcomer = await connect(accord.url, token('rotterdam-head'))
    const seen = seenBy(newcomer.doc)
    for (const marker of markers) expect(seen).not.toContain(marker)
    expect(paragraphText(newcomer.doc, 'op-training')).toContain('probe-negotiation')
    newcomer.destroy()
    witness.destroy()
    witness = await connect(accord.url, token('bangkok-head'))
  })
})
