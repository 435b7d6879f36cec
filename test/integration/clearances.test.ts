/**
 * Paragraph clearances during the negotiation: heads mark what their delegation can accept; a change to one
 * paragraph clears only that paragraph's marks; the chair sees per paragraph how many delegations cleared it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  setStageAsChair,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { RawClient } from '../helpers/raw-client.js'
import { paragraphXmlText, suggestionMark } from '../helpers/yjs-clients.js'
import type { Invitation } from '../../server/invites.js'

describe('paragraph clearances', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  const call = (participant: string, path: string, method = 'GET') =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method,
      headers: { Authorization: `Bearer ${invitationOf(invites, participant).token}` },
    })
  const counts = async () =>
    (await (await call('ho-chi-minh-city-chair', '/clearances')).json()) as Record<string, number>

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    await setStageAsChair(accord, invites, 'negotiation')
  })
  afterAll(async () => {
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('are marked by heads only, and counted per paragraph for the chair', async () => {
    expect((await call('osaka-drafter', '/paragraphs/op-economy/clearance', 'POST')).status).toBe(403)
    for (const head of ['osaka-head', 'leipzig-head', 'minsk-head']) {
      for (const paragraph of ['op-economy', 'op-health']) {
        expect((await call(head, `/paragraphs/${paragraph}/clearance`, 'POST')).status).toBe(200)
      }
    }
    expect((await call('leipzig-head', '/paragraphs/op-health/clearance', 'DELETE')).status).toBe(200)
    expect(await counts()).toMatchObject({ 'op-economy': 3, 'op-health': 2, 'op-climate': 0 })
  })

  it('are cleared only for the paragraph whose words change', async () => {
    const osaka = await RawClient.connect(accord.url, invitationOf(invites, 'osaka-drafter').token)
    osaka.change((doc) =>
      paragraphXmlText(doc, 'op-economy').insert(
        0,
        'Firmly ',
        suggestionMark('insertion', { delegation: 'osaka', participant: 'osaka-drafter' }, 'cl1'),
      ),
    )
    await new Promise((r) => setTimeout(r, 200))
    // A pending suggestion does not change the agreed words…
    expect(await counts()).toMatchObject({ 'op-economy': 3, 'op-health': 2 })
    // …its acceptance does, and clears that paragraph only.
    expect((await call('ho-chi-minh-city-chair', '/suggestions/cl1/accept', 'POST')).status).toBe(200)
    expect(await counts()).toMatchObject({ 'op-economy': 0, 'op-health': 2 })
  })
})
