import { describe, expect, it } from 'vitest'
import {
  NO_SPEAKERS,
  endTurn,
  giveFloor,
  oralProposalsFor,
  requestFloor,
  secondsLeft,
  speakersOf,
  withdrawRequest,
  withdrawal,
  type Outcome,
  type RequestKind,
  type SpeakersList,
} from '../../workflows/meeting/speakers.js'

const AT = '2022-11-25T09:00:00.000Z'
const GRACE = 10_000
const request = (id: string, delegation: string, kind: RequestKind = 'speak') => ({
  id,
  delegation,
  paragraph: 'op4',
  kind,
  at: AT,
})

function list(outcome: Outcome): SpeakersList {
  if (!outcome.ok) throw new Error(outcome.refused)
  return outcome.list
}

function queueOf(...steps: [string, string, RequestKind?][]): SpeakersList {
  return steps.reduce(
    (l, [id, delegation, kind]) => list(requestFloor(l, request(id, delegation, kind))),
    NO_SPEAKERS,
  )
}

describe("the speakers' list", () => {
  it('keeps requests in the order they came', () => {
    const l = queueOf(['a', 'busan'], ['b', 'osaka'], ['c', 'vientiane'])
    expect(l.queue.map((r) => r.delegation)).toEqual(['busan', 'osaka', 'vientiane'])
  })

  it('puts a point of order ahead of every speaker, after earlier points of order', () => {
    const l = queueOf(['a', 'busan'], ['b', 'osaka', 'point of order'], ['c', 'vientiane', 'point of order'])
    expect(l.queue.map((r) => r.id)).toEqual(['b', 'c', 'a'])
  })

  it('holds one waiting request of each kind per delegation', () => {
    const l = queueOf(['a', 'busan'])
    expect(requestFloor(l, request('b', 'busan'))).toEqual({
      ok: false,
      refused: 'Your delegation is already on the speakers’ list.',
    })
    expect(requestFloor(l, request('c', 'busan', 'point of order')).ok).toBe(true)
  })

  it('takes a request off the list under the rule of giving the floor for those who give it, of asking for it otherwise', () => {
    expect(withdrawal('chair', 'hcmc')).toEqual({ action: 'give the floor', onlyOf: null })
    expect(withdrawal('secretariat', 'secretariat')).toEqual({ action: 'give the floor', onlyOf: null })
    for (const role of ['head', 'drafter', 'observer'] as const)
      expect(withdrawal(role, 'osaka')).toEqual({ action: 'request the floor', onlyOf: 'osaka' })
  })

  it('lets a delegation withdraw its own request, and the chair remove any', () => {
    const l = queueOf(['a', 'busan'], ['b', 'osaka'])
    expect(withdrawRequest(l, 'a', 'osaka')).toEqual({
      ok: false,
      refused: 'Only its own delegation withdraws a request for the floor.',
    })
    expect(list(withdrawRequest(l, 'a', 'busan')).queue.map((r) => r.id)).toEqual(['b'])
    expect(list(withdrawRequest(l, 'b', null)).queue.map((r) => r.id)).toEqual(['a'])
    expect(withdrawRequest(l, 'zz', null).ok).toBe(false)
  })

  it('gives the floor to the first request, or to the one named, with a speaking time', () => {
    const l = queueOf(['a', 'busan'], ['b', 'osaka'])
    const first = list(giveFloor(l, { seconds: 120, at: AT }))
    expect(first.speaking).toEqual({
      delegation: 'busan',
      paragraph: 'op4',
      kind: 'speak',
      since: AT,
      seconds: 120,
    })
    expect(first.queue.map((r) => r.id)).toEqual(['b'])
    const named = list(giveFloor(l, { id: 'b', seconds: null, at: AT }))
    expect(named.speaking?.delegation).toBe('osaka')
    expect(named.queue.map((r) => r.id)).toEqual(['a'])
  })

  it('refuses to give the floor to no one, or with a speaking time out of range', () => {
    expect(giveFloor(NO_SPEAKERS, { seconds: null, at: AT })).toEqual({
      ok: false,
      refused: 'No one is on the speakers’ list.',
    })
    const l = queueOf(['a', 'busan'])
    for (const seconds of [0, -5, 1.5, 3601, Number.NaN])
      expect(giveFloor(l, { seconds, at: AT }).ok, String(seconds)).toBe(false)
    expect(giveFloor(l, { id: 'nope', seconds: null, at: AT }).ok).toBe(false)
  })

  it('ends a turn, and only a turn under way', () => {
    const l = list(giveFloor(queueOf(['a', 'busan']), { seconds: null, at: AT }))
    expect(list(endTurn(l, AT)).speaking).toBeNull()
    expect(endTurn(NO_SPEAKERS, AT).ok).toBe(false)
  })

  it('takes words typed for a delegation as its oral proposal while it speaks, and a few seconds after its turn', () => {
    const start = Date.parse(AT)
    const osaka = list(giveFloor(queueOf(['a', 'osaka']), { seconds: null, at: AT }))
    expect(oralProposalsFor(osaka, start, GRACE)).toEqual(['osaka'])
    expect(oralProposalsFor(NO_SPEAKERS, start, GRACE)).toEqual([])
    // The turn ends: Osaka's words still on their way are Osaka's, for the grace, and then not.
    const endedAt = new Date(start + 60_000).toISOString()
    const after = list(endTurn(osaka, endedAt))
    expect(after.lastTurn).toEqual({ delegation: 'osaka', ended: endedAt })
    expect(oralProposalsFor(after, start + 60_000 + GRACE - 1, GRACE)).toEqual(['osaka'])
    expect(oralProposalsFor(after, start + 60_000 + GRACE, GRACE)).toEqual([])
    // The floor passes straight to Busan: both, the speaker first.
    const passed = list(
      giveFloor({ ...osaka, queue: queueOf(['b', 'busan']).queue }, { seconds: null, at: endedAt }),
    )
    expect(oralProposalsFor(passed, start + 61_000, GRACE)).toEqual(['busan', 'osaka'])
    // Read back from the workflow map as written.
    expect(speakersOf(JSON.parse(JSON.stringify(passed)))).toEqual(passed)
  })

  it('counts the speaking time down, past zero when over time', () => {
    const turn = { delegation: 'busan', paragraph: null, kind: 'speak' as const, since: AT, seconds: 90 }
    const start = Date.parse(AT)
    expect(secondsLeft(turn, start)).toBe(90)
    expect(secondsLeft(turn, start + 30_500)).toBe(60)
    expect(secondsLeft(turn, start + 100_000)).toBe(-10)
    expect(secondsLeft({ ...turn, seconds: null }, start)).toBeNull()
  })

  it('reads an absent or malformed stored list as empty', () => {
    expect(speakersOf(undefined)).toEqual(NO_SPEAKERS)
    expect(speakersOf('x')).toEqual(NO_SPEAKERS)
    expect(speakersOf({ queue: 'x' })).toEqual(NO_SPEAKERS)
  })

  // Randomised: whatever the sequence of requests, withdrawals and turns, points of order stay ahead of speakers,
  // no delegation waits twice for the same kind, and no request is lost or duplicated.
  it('keeps its order and its requests over random sequences (200 seeds)', () => {
    const delegations = ['busan', 'osaka', 'vientiane', 'yangon', 'kobe']
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
      let l = NO_SPEAKERS
      const waiting = new Set<string>()
      for (let step = 0; step < 60; step++) {
        const roll = random()
        const delegation = delegations[Math.floor(random() * delegations.length)]!
        if (roll < 0.5) {
          const kind: RequestKind = random() < 0.2 ? 'point of order' : 'speak'
          const outcome = requestFloor(l, request(`r${seed}-${step}`, delegation, kind))
          if (outcome.ok) waiting.add(`r${seed}-${step}`)
          l = outcome.ok ? outcome.list : l
        } else if (roll < 0.7 && l.queue.length > 0) {
          const r = l.queue[Math.floor(random() * l.queue.length)]!
          l = list(withdrawRequest(l, r.id, r.delegation))
          waiting.delete(r.id)
        } else if (roll < 0.9) {
          const outcome = giveFloor(l, { seconds: null, at: AT })
          if (outcome.ok) waiting.delete(l.queue[0]!.id)
          l = outcome.ok ? outcome.list : l
        } else if (l.speaking) l = list(endTurn(l, AT))
        const kinds = l.queue.map((r) => r.kind)
        expect(
          kinds.lastIndexOf('point of order') < Math.max(0, kinds.indexOf('speak')) ||
            !kinds.includes('speak') ||
            !kinds.includes('point of order'),
        ).toBe(true)
        const keys = l.queue.map((r) => `${r.delegation}/${r.kind}`)
        expect(new Set(keys).size).toBe(keys.length)
        expect(new Set(l.queue.map((r) => r.id))).toEqual(waiting)
      }
    }
  })
})
