/**
 * Comment threads through the API with real clients watching: commenting needs no edit right and never
 * changes the text; threads reach every client live; a thread whose words are deleted is detached, not lost;
 * only authors change their messages and only the chair resolves.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  invitationOf,
  invitations,
  removeDataDir,
  startAccord,
  type AccordProcess,
} from '../helpers/accord-process.js'
import { connect, paragraphText, paragraphXmlText, until, type Client } from '../helpers/yjs-clients.js'
import { BODY } from '../../workflows/document/format.js'
import type { Thread } from '../../workflows/threads/thread.js'
import type { Invitation } from '../../server/invites.js'

describe('comment threads', () => {
  let accord: AccordProcess
  let invites: Invitation[]
  let watcher: Client
  const token = (participant: string) => invitationOf(invites, participant).token
  const call = (participant: string, method: string, path: string, body?: unknown) =>
    fetch(`${accord.url}/api/documents/closing-statement${path}`, {
      method,
      headers: { Authorization: `Bearer ${token(participant)}`, 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    })
  const threadAt = (
    participant: string,
    text: string,
    startBlock = 'op-economy',
    startOffset = 0,
    endOffset = 6,
  ) =>
    call(participant, 'POST', '/threads', { startBlock, startOffset, endBlock: startBlock, endOffset, text })

  beforeAll(async () => {
    accord = await startAccord()
    invites = invitations(accord.dataDir)
    watcher = await connect(accord.url, token('bangkok-head'))
  })
  afterAll(async () => {
    watcher?.destroy()
    await accord?.kill()
    if (accord) removeDataDir(accord.dataDir)
  })

  it('lets a drafter open a thread on words without changing the text; every client sees it live', async () => {
    const before = JSON.stringify(watcher.doc.getXmlFragment(BODY).toJSON())
    const response = await threadAt('osaka-drafter', 'Should this cover\ninvestment too?')
    expect(response.status).toBe(201)
    const thread = (await response.json()) as Thread
    expect(thread).toMatchObject({ delegation: 'osaka', status: 'open', quote: 'Commit' })
    expect(thread.messages[0]).toMatchObject({
      participant: 'osaka-drafter',
      text: 'Should this cover\ninvestment too?',
    })
    await until(() => watcher.doc.getMap('threads').has(thread.id), 'thread reaches the watcher')
    expect(JSON.stringify(watcher.doc.getXmlFragment(BODY).toJSON())).toBe(before)
  })

  it('lets delegations comment in negotiation too, and refuses observers (this conference does not allow them)', async () => {
    const moved = await call('ho-chi-minh-city-chair', 'POST', '/stage', { stage: 'negotiation' })
    expect(moved.status).toBe(200)
    expect((await threadAt('leipzig-head', 'In negotiation', 'op-health')).status).toBe(201)
    expect(
      (await threadAt('ministry-of-foreign-affairs-of-viet-nam-observer', 'An observer', 'op-health')).status,
    ).toBe(403)
  })

  it('refuses in the language the caller asks for: the rule, a missing thread, a field zod checks', async () => {
    const inVietnamese = (participant: string, method: string, path: string, body?: unknown) =>
      fetch(`${accord.url}/api/documents/closing-statement${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token(participant)}`,
          'Content-Type': 'application/json',
          'Accept-Language': 'vi-VN,vi;q=0.9,en;q=0.5',
        },
        body: body === undefined ? null : JSON.stringify(body),
      })
    const observer = await inVietnamese(
      'ministry-of-foreign-affairs-of-viet-nam-observer',
      'POST',
      '/threads',
      {
        startBlock: 'op-health',
        startOffset: 0,
        endBlock: 'op-health',
        endOffset: 4,
        text: 'Một quan sát viên',
      },
    )
    expect(observer.status).toBe(403)
    expect(((await observer.json()) as { error: { message: string } }).error.message).toBe(
      'Quan sát viên theo dõi văn bản; hội nghị này không cho phép họ bình luận.',
    )
    const missing = await inVietnamese('ho-chi-minh-city-chair', 'POST', '/threads/no-such-thread/defer')
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      'Không tìm thấy chuỗi thảo luận.',
    )
    const malformed = await inVietnamese('osaka-drafter', 'POST', '/threads', { startBlock: 7 })
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(
      /"startBlock": .*(đầu vào|Đầu vào)/,
    )
    // Without asking, English.
    const english = await call('ho-chi-minh-city-chair', 'POST', '/threads/no-such-thread/defer')
    expect(((await english.json()) as { error: { message: string } }).error.message).toBe(
      'The thread was not found.',
    )
  })

  it('lets observers comment once the secretariat switches that on for the conference (accord conference)', async () => {
    const cli = join(import.meta.dirname, '../../dist/server/cli.js')
    execFileSync(process.execPath, [
      cli,
      'conference',
      '--data',
      accord.dataDir,
      '--observers-may-comment',
      'on',
    ])
    const conference = (await (
      await call('ministry-of-foreign-affairs-of-viet-nam-observer', 'GET', '/../../conference')
    ).json()) as {
      observersMayComment: boolean
    }
    expect(conference.observersMayComment).toBe(true)
    expect(
      (await threadAt('ministry-of-foreign-affairs-of-viet-nam-observer', 'An observer asks', 'op-health'))
        .status,
    ).toBe(201)
    execFileSync(process.execPath, [
      cli,
      'conference',
      '--data',
      accord.dataDir,
      '--observers-may-comment',
      'off',
    ])
    expect(
      (await threadAt('ministry-of-foreign-affairs-of-viet-nam-observer', 'Again', 'op-health')).status,
    ).toBe(403)
  })

  it('validates the range and the text, and refuses a quote that no longer matches', async () => {
    expect((await threadAt('osaka-drafter', '', 'op-economy')).status).toBe(400)
    expect((await threadAt('osaka-drafter', 'x'.repeat(4001))).status).toBe(400)
    expect((await threadAt('osaka-drafter', 'ok', 'no-such-paragraph')).status).toBe(400)
    expect((await threadAt('osaka-drafter', 'ok', 'op-economy', 5, 5)).status).toBe(400)
    const stale = await call('osaka-drafter', 'POST', '/threads', {
      startBlock: 'op-economy',
      startOffset: 0,
      endBlock: 'op-economy',
      endOffset: 6,
      quote: 'Stale!',
      text: 'Comment',
    })
    expect(stale.status).toBe(409)
  })

  it('lets others reply; only the author edits or deletes a message', async () => {
    const thread = (await (await threadAt('osaka-drafter', 'First')).json()) as Thread
    const replied = (await (
      await call('leipzig-head', 'POST', `/threads/${thread.id}/messages`, { text: 'Reply' })
    ).json()) as Thread
    const replyId = replied.messages[1]!.id
    expect(
      (await call('osaka-drafter', 'PATCH', `/threads/${thread.id}/messages/${replyId}`, { text: 'Forged' }))
        .status,
    ).toBe(403)
    expect((await call('osaka-drafter', 'DELETE', `/threads/${thread.id}/messages/${replyId}`)).status).toBe(
      403,
    )
    const edited = (await (
      await call('leipzig-head', 'PATCH', `/threads/${thread.id}/messages/${replyId}`, {
        text: 'Edited reply',
      })
    ).json()) as Thread
    expect(edited.messages[1]).toMatchObject({ text: 'Edited reply' })
    const deleted = (await (
      await call('leipzig-head', 'DELETE', `/threads/${thread.id}/messages/${replyId}`)
    ).json()) as Thread
    expect(deleted.messages[1]).toMatchObject({ deleted: true, text: '' })
  })

  it('lets only the chair resolve and reopen, and records it in the audit log', async () => {
    const thread = (await (await threadAt('osaka-drafter', 'Resolve me')).json()) as Thread
    for (const participant of ['osaka-drafter', 'osaka-head', 'secretariat-officer']) {
      expect((await call(participant, 'POST', `/threads/${thread.id}/resolve`)).status).toBe(403)
    }
    expect(
      (
        (await (
          await call('ho-chi-minh-city-chair', 'POST', `/threads/${thread.id}/resolve`)
        ).json()) as Thread
      ).status,
    ).toBe('resolved')
    expect((await call('ho-chi-minh-city-chair', 'POST', `/threads/${thread.id}/resolve`)).status).toBe(409)
    await until(
      () => (watcher.doc.getMap('threads').get(thread.id) as Thread | undefined)?.status === 'resolved',
      'resolved live',
    )
    expect(
      (
        (await (
          await call('ho-chi-minh-city-chair', 'POST', `/threads/${thread.id}/reopen`)
        ).json()) as Thread
      ).status,
    ).toBe('open')
    const audit = (await (await call('osaka-drafter', 'GET', '/audit')).json()) as {
      action: string
      details: { thread: string }
    }[]
    expect(audit.filter((e) => e.details.thread === thread.id).map((e) => e.action)).toEqual([
      'resolve thread',
      'reopen thread',
    ])
  })

  it('lets only the chair defer an open thread and take it back, live in the workflow and in the audit log', async () => {
    const thread = (await (await threadAt('osaka-drafter', 'Defer me')).json()) as Thread
    const chair = 'ho-chi-minh-city-chair'
    for (const participant of ['osaka-drafter', 'osaka-head', 'secretariat-officer'])
      expect((await call(participant, 'POST', `/threads/${thread.id}/defer`)).status).toBe(403)
    expect((await call(chair, 'POST', `/threads/${thread.id}/undefer`)).status).toBe(409)
    expect((await call(chair, 'POST', `/threads/${thread.id}/defer`)).status).toBe(200)
    expect((await call(chair, 'POST', `/threads/${thread.id}/defer`)).status).toBe(409)
    await until(
      () =>
        ((watcher.doc.getMap('workflow').get('deferredThreads') as string[] | undefined) ?? []).includes(
          thread.id,
        ),
      'deferred live',
    )
    expect((await call(chair, 'POST', `/threads/${thread.id}/undefer`)).status).toBe(200)
    expect((await call(chair, 'POST', '/threads/no-such-thread/defer')).status).toBe(404)
    expect((await call(chair, 'POST', `/threads/${thread.id}/resolve`)).status).toBe(200)
    const refused = await call(chair, 'POST', `/threads/${thread.id}/defer`)
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'Only an open thread is deferred.',
    )
    const audit = (await (await call('osaka-drafter', 'GET', '/audit')).json()) as {
      action: string
      details: { thread: string }
    }[]
    expect(audit.filter((e) => e.details.thread === thread.id).map((e) => e.action)).toEqual([
      'defer thread',
      'undefer thread',
      'resolve thread',
    ])
  })

  it('keeps a thread whose words were deleted: detached, still listed, still readable', async () => {
    const thread = (await (
      await threadAt('osaka-drafter', 'About these words', 'op-urban', 0, 9)
    ).json()) as Thread
    expect(thread.quote).toBe('Encourage')
    // The chair, in draft, deletes the words directly.
    expect((await call('ho-chi-minh-city-chair', 'POST', '/stage', { stage: 'draft' })).status).toBe(200)
    const chair = await connect(accord.url, token('ho-chi-minh-city-chair'))
    chair.doc.transact(() => paragraphXmlText(chair.doc, 'op-urban').delete(0, 10))
    await until(() => !paragraphText(watcher.doc, 'op-urban').startsWith('Encourage'), 'deletion relayed')
    chair.destroy()
    const listed = (await (await call('rotterdam-head', 'GET', '/threads')).json()) as (Thread & {
      detached: boolean
      text: string
    })[]
    const found = listed.find((t) => t.id === thread.id)!
    expect(found).toMatchObject({ detached: true, text: '', quote: 'Encourage' })
    expect(found.messages[0]!.text).toBe('About these words')
    const attached = listed.find((t) => t.quote === 'Commit')!
    expect(attached.detached).toBe(false)
  })

  it('refuses a client that writes to the threads itself (only the server does)', async () => {
    const rogue = await connect(accord.url, token('osaka-drafter'))
    rogue.doc.getMap('threads').set('forged', { id: 'forged' })
    await until(() => rogue.closes.length > 0, 'rogue closed')
    expect(rogue.closes[0]!.code).toBe(4403)
    rogue.destroy()
    expect(watcher.doc.getMap('threads').has('forged')).toBe(false)
  })
})
