/**
 * Meeting mode served by two Accord processes on one PostgreSQL and one Redis (issue 19): the floor moved through
 * one reaches clients of the other; delegations asking for the floor at the same moment through either process are
 * all on the speakers' list, in one order everywhere; delegations supporting a proposal at the same moment through
 * either are all its supporters; positions recorded at once through both are all in the grid. Each of these is a
 * value the server reads and writes whole — without a turn per document across processes, two writes at once
 * would each be built without the other, and one acknowledged request would be lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY } from '../../workflows/document/format.js'
import type { SpeakersList } from '../../workflows/meeting/speakers.js'
import type { Support } from '../../workflows/meeting/support.js'
import { invitationOf, setStageAsChair, type AccordProcess } from '../helpers/accord-process.js'
import { startCluster, type Cluster } from '../helpers/cluster.js'
import { connect, proposeWords, until, type Client } from '../helpers/yjs-clients.js'

const HEADS = ['osaka', 'leipzig', 'rotterdam', 'bangkok', 'manila', 'minsk', 'shanghai', 'guangzhou'].map(
  (d) => `${d}-head`,
)

describe('meeting mode on two processes', () => {
  let cluster: Cluster
  let a: AccordProcess
  let b: AccordProcess
  const clients: Client[] = []
  const watch = async (accord: AccordProcess, participant: string) => {
    const client = await connect(accord.url, invitationOf(cluster.invites, participant).token)
    clients.push(client)
    return client
  }
  /** Each participant calls through one process or the other, alternately, all at once. */
  const together = (participants: string[], path: string, body: unknown = {}) =>
    Promise.all(participants.map((p, i) => cluster.api(i % 2 === 0 ? a : b)(p, path, body)))
  const workflow = (client: Client) => client.doc.getMap('workflow')

  beforeAll(async () => {
    cluster = await startCluster(2, { ACCORD_LIMIT_CLUSTER_SYNC_INTERVAL_MS: '500' })
    ;[a, b] = cluster.processes as [AccordProcess, AccordProcess]
    await setStageAsChair(a, cluster.invites, 'negotiation')
  }, 90_000)
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await cluster?.stop()
  }, 60_000)

  it('brings the floor moved through one process to the clients of the other', async () => {
    const onB = await watch(b, 'manila-head')
    const moved = await cluster.api(a)('ho-chi-minh-city-chair', '/floor', { paragraph: 'op-economy' })
    expect(moved.status).toBe(200)
    await until(
      () => (workflow(onB).get('floor') as { paragraph?: string } | undefined)?.paragraph === 'op-economy',
      'the floor reaches a client of the other process',
    )
  })

  it('keeps every request for the floor made at the same moment through either process, in one order', async () => {
    const watchers = [await watch(a, 'secretariat-officer'), await watch(b, 'secretariat-officer')]
    const answers = await together(HEADS, '/speakers')
    expect(answers.map((r) => r.status)).toEqual(HEADS.map(() => 200))
    const queueOf = (client: Client) =>
      ((workflow(client).get('speakers') as SpeakersList | undefined)?.queue ?? []).map((r) => r.delegation)
    for (const watcher of watchers)
      await until(() => queueOf(watcher).length === HEADS.length, 'every request reaches a client')
    expect(new Set(queueOf(watchers[0]!))).toEqual(new Set(HEADS.map((h) => h.replace(/-head$/, ''))))
    expect(queueOf(watchers[1]!)).toEqual(queueOf(watchers[0]!))
    for (const accord of [a, b]) {
      const { speakers } = (await (await cluster.api(accord)('osaka-head', '/speakers')).json()) as {
        speakers: SpeakersList
      }
      expect(speakers.queue.map((r) => r.delegation)).toEqual(queueOf(watchers[0]!))
    }
  })

  it('keeps every supporter of a proposal supported at the same moment through either process', async () => {
    const osaka = await watch(a, 'osaka-drafter')
    proposeWords(osaka, {
      delegation: 'osaka',
      participant: 'osaka-drafter',
      id: 's-osaka-cluster',
      paragraph: 'op-health',
      words: 'Health: ',
    })
    const onB = await watch(b, 'minsk-drafter')
    await until(() => onB.doc.getXmlFragment(BODY).toString().includes('Health: '), 'the proposal arrives')
    const supporters = HEADS.filter((h) => h !== 'osaka-head')
    // The other process must have the proposal too before it is supported there.
    for (let seen = false; !seen;) {
      const r = await cluster.api(b)('minsk-head', '/suggestions')
      const { suggestions } = (await r.json()) as { suggestions: { id: string }[] }
      seen = suggestions.some((s) => s.id === 's-osaka-cluster')
    }
    const answers = await together(supporters, '/suggestions/s-osaka-cluster/support')
    expect(answers.map((r) => r.status)).toEqual(supporters.map(() => 200))
    const supportOn = (client: Client) =>
      ((workflow(client).get('support') as Support | undefined)?.['s-osaka-cluster'] ?? []).map(
        (s) => s.delegation,
      )
    for (const client of [osaka, onB])
      await until(() => supportOn(client).length === supporters.length, 'every supporter reaches a client')
    expect(new Set(supportOn(onB))).toEqual(new Set(supporters.map((h) => h.replace(/-head$/, ''))))
  })

  it('keeps every position recorded at the same moment through either process', async () => {
    const chair = cluster.api(a)
    expect((await chair('ho-chi-minh-city-chair', '/suggestions/s-osaka-cluster/reject', {})).status).toBe(
      200,
    )
    await setStageAsChair(b, cluster.invites, 'consensus-call')
    const answers = await together(HEADS, '/positions', { kind: 'approve' })
    expect(answers.map((r) => r.status)).toEqual(HEADS.map(() => 201))
    for (const accord of [a, b]) {
      const grid = (await (await cluster.api(accord)('osaka-head', '/consensus')).json()) as {
        rows: { delegation: string; position: string }[]
      }
      expect(
        grid.rows
          .filter((r) => r.position === 'approve')
          .map((r) => `${r.delegation}-head`)
          .sort(),
      ).toEqual([...HEADS].sort())
    }
  })
})
