/**
 * Several Accord processes serving the same documents: three real `accord serve` processes on three ports,
 * sharing a real PostgreSQL (the source of truth) and relaying through a real Redis, both started on
 * loopback for this file. Stock y-websocket clients connect to different processes.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localTimeOf } from '../../workflows/conference/host-time.js'
import { invitationOf, type AccordProcess } from '../helpers/accord-process.js'
import { startCluster, type Cluster } from '../helpers/cluster.js'
import { RawClient } from '../helpers/raw-client.js'
import {
  connect,
  connectWithTicket,
  paragraphText,
  ticketFor,
  paragraphXmlText,
  sleep,
  typeIntoParagraph,
  until,
  type Client,
} from '../helpers/yjs-clients.js'

const CLI = join(import.meta.dirname, '../../dist/server/cli.js')

describe('several Accord processes on PostgreSQL and Redis', () => {
  let cluster: Cluster
  let processes: AccordProcess[]
  const clients: Client[] = []

  const token = (participant: string) => invitationOf(cluster.invites, participant).token
  const join = async (accord: AccordProcess, participant: string) => {
    const client = await connect(accord.url, token(participant))
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    // Processes compare state vectors every half second here, so a missed message is noticed quickly.
    cluster = await startCluster(3, {
      ACCORD_LIMIT_CLUSTER_SYNC_INTERVAL_MS: '500',
      ACCORD_LIMIT_SILENCE_REARM_INTERVAL_MS: '300',
    })
    processes = cluster.processes
  }, 90_000)

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await cluster?.stop()
  })

  it('converges: writers on three processes, readers on all three see the same text', async () => {
    const [a, b, c] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const writers = [
      await join(a, 'secretariat-officer'),
      await join(b, 'ho-chi-minh-city-chair'),
      await join(c, 'secretariat-officer'),
    ]
    const readers = [await join(a, 'osaka-head'), await join(b, 'leipzig-head'), await join(c, 'manila-head')]
    for (let i = 0; i < 30; i++) {
      writers.forEach((writer, w) => typeIntoParagraph(writer.doc, 'op-economy', `p${w}w${i} `, 0))
      if (i % 5 === 0) await sleep(5)
    }
    const expected = writers[0]!.doc
    for (const client of [...writers, ...readers])
      await until(
        () =>
          Array.from({ length: 3 }, (_, w) => `p${w}w29 `).every((word) =>
            paragraphText(client.doc, 'op-economy').includes(word),
          ),
        'every client has every writer’s last word',
      )
    const texts = [...writers, ...readers].map((client) => paragraphText(client.doc, 'op-economy'))
    expect(new Set(texts).size).toBe(1)
    for (let w = 0; w < 3; w++) for (let i = 0; i < 30; i++) expect(texts[0]).toContain(`p${w}w${i} `)
    expect(paragraphText(expected, 'op-economy')).toBe(texts[0])
  })

  it('brings a thread opened through one process, and a reply through another, to clients of the third', async () => {
    const [a, b, c] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const post = (accord: AccordProcess, participant: string, path: string, body: unknown) =>
      cluster.api(accord)(participant, path, body)
    const watcher = await join(c, 'bangkok-head')
    const opened = await post(a, 'osaka-drafter', '/threads', {
      startBlock: 'op-health',
      startOffset: 0,
      endBlock: 'op-health',
      endOffset: 6,
      text: 'Opened on A',
    })
    expect(opened.status).toBe(201)
    const { id } = (await opened.json()) as { id: string }
    expect((await post(b, 'leipzig-head', `/threads/${id}/messages`, { text: 'Answered on B' })).status).toBe(
      201,
    )
    const messages = () =>
      (
        (watcher.doc.getMap('threads').get(id) as { messages?: { text: string }[] } | undefined)?.messages ??
        []
      ).map((m) => m.text)
    await until(() => messages().length === 2, 'the thread and its reply reached C')
    expect(messages()).toEqual(['Opened on A', 'Answered on B'])
    // The chair resolves it through C; a client of A sees it resolved.
    const onA = await join(a, 'manila-head')
    expect((await post(c, 'ho-chi-minh-city-chair', `/threads/${id}/resolve`, {})).status).toBe(200)
    await until(
      () => (onA.doc.getMap('threads').get(id) as { status?: string } | undefined)?.status === 'resolved',
      'A sees the thread resolved',
    )
  })

  it('opens a WebSocket on one process with a ticket issued by another (as behind a load balancer)', async () => {
    const [a, b] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const ticket = await ticketFor(a.url, token('osaka-head'))
    const client = connectWithTicket(b.url, ticket)
    clients.push(client)
    await until(() => client.provider.synced, 'synced on B with a ticket from A')
    expect(paragraphText(client.doc, 'op-economy')).toContain('p0w0 ')
    // Single-use across processes: the ticket does not open a second connection anywhere.
    const again = connectWithTicket(a.url, ticket)
    clients.push(again)
    await until(() => again.closes.length > 0 || !again.provider.shouldConnect, 'second use refused')
    expect(again.provider.synced).toBe(false)
  })

  it("shows a delegate's presence, stamped by the server, to clients of the other processes", async () => {
    const [a, , c] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const here = await join(a, 'rotterdam-head')
    const there = await join(c, 'bangkok-head')
    here.provider.awareness.setLocalStateField('cursor', { paragraph: 'op-economy' })
    await until(
      () =>
        [...there.provider.awareness.getStates().values()].some(
          (state) => (state as { user?: { participant?: string } }).user?.participant === 'rotterdam-head',
        ),
      'Bangkok sees Rotterdam',
    )
    here.destroy()
    await until(
      () =>
        ![...there.provider.awareness.getStates().values()].some(
          (state) => (state as { user?: { participant?: string } }).user?.participant === 'rotterdam-head',
        ),
      'Rotterdam gone for Bangkok',
    )
  })

  it('loses nothing that was relayed when a process is killed with SIGKILL and restarted', async () => {
    const [a, b] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const writer = await join(a, 'secretariat-officer')
    const reader = await join(b, 'osaka-head')
    const words = Array.from({ length: 100 }, (_, i) => `k${i} `)
    for (const [i, word] of words.entries()) {
      typeIntoParagraph(writer.doc, 'op-training', word, 0)
      if (i % 20 === 0) await sleep(1)
    }
    const expected = words.slice().reverse().join('')
    await until(() => paragraphText(reader.doc, 'op-training').startsWith(expected), 'B relayed all 100')

    await a.kill('SIGKILL')
    const restarted = await cluster.start()
    processes[0] = restarted
    const fresh = await join(restarted, 'leipzig-head')
    expect(paragraphText(fresh.doc, 'op-training').startsWith(expected)).toBe(true)
    // And the process that survived still relays to and from the restarted one.
    const again = await join(restarted, 'secretariat-officer')
    typeIntoParagraph(again.doc, 'op-training', 'after-restart ', 0)
    await until(() => paragraphText(reader.doc, 'op-training').startsWith('after-restart '), 'B sees A again')
  })

  it('converges with no deleted content after Redis restarts mid-session', async () => {
    const [a, b, c] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const onA = await join(a, 'secretariat-officer')
    const onB = await join(b, 'ho-chi-minh-city-chair')
    const onC = await join(c, 'rotterdam-head')
    typeIntoParagraph(onA.doc, 'op-thanks', 'before-outage ', 0)
    await until(
      () => paragraphText(onC.doc, 'op-thanks').includes('before-outage '),
      'C sees A before the outage',
    )

    await cluster.redis.restart()
    // Written while Redis was down or its subscriptions were lost: each reaches its own process only.
    typeIntoParagraph(onA.doc, 'op-thanks', 'during-outage-A ', 0)
    typeIntoParagraph(onB.doc, 'op-thanks', 'during-outage-B ', 0)
    await sleep(200)
    typeIntoParagraph(onA.doc, 'op-thanks', 'after-outage-A ', 0)

    const words = ['before-outage ', 'during-outage-A ', 'during-outage-B ', 'after-outage-A ']
    for (const client of [onA, onB, onC])
      await until(
        () => words.every((word) => paragraphText(client.doc, 'op-thanks').includes(word)),
        'every client has every word after Redis came back',
        20_000,
      )
    const texts = [onA, onB, onC].map((client) => paragraphText(client.doc, 'op-thanks'))
    expect(new Set(texts).size).toBe(1)
    const fresh = await join(c, 'manila-head')
    expect(paragraphText(fresh.doc, 'op-thanks')).toBe(texts[0])
  }, 40_000)

  it('enforces a stage change made through one process on connections to the others', async () => {
    const [a, b, c] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const witness = await join(c, 'manila-head')
    const secretariat = await RawClient.connect(b.url, token('secretariat-officer'))
    // In draft, the secretariat edits directly (on B): accepted and relayed to C.
    secretariat.change((doc) => paragraphXmlText(doc, 'op-thanks').insert(0, 'DRAFT-EDIT '))
    await until(
      () => paragraphText(witness.doc, 'op-thanks').startsWith('DRAFT-EDIT '),
      'C sees the draft edit',
    )

    const response = await cluster.api(a)('ho-chi-minh-city-chair', '/stage', { stage: 'negotiation' })
    expect(response.status).toBe(200)
    await until(
      () => secretariat.doc.getMap('workflow').get('stage') === 'negotiation',
      'B relayed the stage',
    )
    expect(witness.doc.getMap('workflow').get('stage')).toBe('negotiation')

    // Now a direct edit on B is refused there, and never reaches C.
    secretariat.change((doc) => paragraphXmlText(doc, 'op-thanks').insert(0, 'NEGOTIATION-DIRECT '))
    const closed = await secretariat.waitForClose()
    expect(closed.code).toBe(4403)
    await sleep(300)
    expect(paragraphText(witness.doc, 'op-thanks')).not.toContain('NEGOTIATION-DIRECT')
  })

  it('records a silence passing once, though every process watches its deadline', async () => {
    const [a, b, c] = processes as [AccordProcess, AccordProcess, AccordProcess]
    const as = (accord: AccordProcess, participant: string, path: string, body?: unknown) =>
      cluster.api(accord)(participant, path, body)
    const witness = await join(c, 'manila-head')
    const called = await as(b, 'ho-chi-minh-city-chair', '/stage', { stage: 'consensus-call' })
    expect(called.status, await called.clone().text()).toBe(200)
    const deadline = localTimeOf(Date.now() + 2_500, 'Asia/Ho_Chi_Minh')
    expect((await as(a, 'ho-chi-minh-city-chair', '/silence', { deadline })).status).toBe(201)
    await until(
      () =>
        Boolean(
          (witness.doc.getMap('workflow').get('silence') as { passedAt?: string } | undefined)?.passedAt,
        ),
      'the passing reached a client of C',
      10_000,
    )
    await sleep(1_000) // every process's timer has fired by now
    const audit = (await (await as(c, 'manila-head', '/audit')).json()) as { action: string }[]
    expect(audit.filter((entry) => entry.action === 'silence passed')).toHaveLength(1)
    const recorders = processes.filter((p) => p.stderr().includes('"message":"silence passed"'))
    expect(recorders).toHaveLength(1)
  }, 20_000)

  it('keeps one unbroken audit chain, though three processes appended to it at once', async () => {
    const output = execFileSync(
      process.execPath,
      [CLI, 'audit', 'verify', '--data', cluster.dataDir, '--database', cluster.postgres.url],
      { encoding: 'utf8' },
    )
    expect(output).toContain('audit log intact')
  })
})
