/**
 * @module The 200-page text of the cold-load benchmark: the demo declaration followed by 2,000 operative
 * paragraphs of about 300 characters (≈ 100,000 words), written one paragraph per transaction as a drafting
 * history would, with 5,000 formatted ranges over them: 4,000 in bold or italic and 1,000 pending suggestions of
 * 20 delegations.
 */
import * as Y from 'yjs'
import { declarationInitialState } from '../../server/document/declaration-state.js'
import { HCMC_2022_ZERO_DRAFT } from '../../workflows/demo/hcmc-2022-zero-draft.js'
import { declarationJson } from '../../workflows/document/build.js'
import { BODY } from '../../workflows/document/format.js'

export const LARGE_PARAGRAPHS = 2000
export const LARGE_FORMATTED = 4000
export const LARGE_SUGGESTIONS = 1000

const SENTENCES = [
  'The partner localities will exchange experience in urban management, public health and climate adaptation, ',
  'and will report on progress at each Dialogue, with the support of the secretariat and of their national authorities; ',
  'they encourage enterprises, universities and civil society to take part in joint programmes for the coming years. ',
]

export function largeTextState(): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, declarationInitialState(declarationJson(HCMC_2022_ZERO_DRAFT), 'negotiation'))
  const body = doc.getXmlFragment(BODY)
  const texts: Y.XmlText[] = []
  for (let i = 0; i < LARGE_PARAGRAPHS; i++) {
    doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.setAttribute('id', `p-bench${String(i).padStart(5, '0')}`)
      paragraph.setAttribute('kind', 'operative')
      paragraph.setAttribute('status', 'open')
      const text = new Y.XmlText(`${i + 1}. ${SENTENCES.join('').slice(0, 290)}`)
      paragraph.insert(0, [text])
      body.push([paragraph])
      texts.push(text)
    })
  }
  for (let f = 0; f < LARGE_FORMATTED; f++) {
    const text = texts[(f * 104729) % texts.length]!
    doc.transact(() => text.format((f * 53) % 200, 12 + (f % 20), { [f % 2 ? 'bold' : 'italic']: {} }))
  }
  for (let s = 0; s < LARGE_SUGGESTIONS; s++) {
    const text = texts[(s * 7919) % texts.length]!
    const delegation = `delegation-${s % 20}`
    doc.transact(() =>
      text.insert((s * 37) % 250, 'proposed words ', {
        [`insertion--b${String(s).padStart(7, '0')}`]: {
          id: `bench-suggestion-${s}`,
          delegation,
          participant: `${delegation}-drafter`,
          at: '2022-09-20T09:00:00.000Z',
        },
      }),
    )
  }
  return Y.encodeStateAsUpdate(doc)
}
