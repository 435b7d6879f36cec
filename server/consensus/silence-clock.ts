/**
 * @module The clock of the silence procedure. When a deadline passes unbroken, it records so in the
 * document's `workflow` map (every open editor sees consensus hold at once) and in the audit log. The verdict
 * itself never waits for this timer — workflows/consensus/silence.ts judges from the record and the clock —
 * but the record and the audit entry must appear even if the server was restarted in between: on start,
 * `resume` re-arms every pending deadline and fires those that passed while it was down.
 *
 * With several Accord processes, every process may hold a timer for the same deadline: the passing is
 * recorded by whichever claims it first (a claim in storage), exactly once. A deadline set through a process
 * that stopped before it passed is found by the others, which look for pending deadlines every
 * `rearmEveryMs`.
 */
import { silenceState, type Silence } from '../../workflows/consensus/silence.js'
import { WORKFLOW } from '../../workflows/document/format.js'
import type { AuditLog } from '../audit/audit-log.js'
import type { DocumentRegistry } from '../collab/registry.js'
import { silenceOf } from '../document/consensus.js'
import type { Logger } from '../logger.js'
import type { Storage } from '../storage/storage.js'

/** setTimeout's longest delay; a later deadline re-arms on waking. */
const LONGEST_TIMER = 2 ** 31 - 1

export class SilenceClock {
  private readonly timers = new Map<string, NodeJS.Timeout>()

  private rearm: NodeJS.Timeout | null = null

  constructor(
    private readonly registry: DocumentRegistry,
    private readonly storage: Storage,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Looks for pending deadlines again and again (when other processes may have set them). */
  resumeEvery(ms: number): void {
    this.rearm = setInterval(() => {
      this.resume().catch((error: unknown) =>
        this.log.error('looking for silence deadlines failed', { error: String(error) }),
      )
    }, ms)
    this.rearm.unref()
  }

  /** Arms (or re-arms) the timer of a document's silence deadline. */
  watch(document: string, deadline: number): void {
    this.cancel(document)
    const delay = Math.min(Math.max(0, deadline - this.now()), LONGEST_TIMER)
    const timer = setTimeout(() => {
      this.timers.delete(document)
      this.fire(document).catch((error: unknown) =>
        this.log.error('the silence clock failed', { document, error: String(error) }),
      )
    }, delay)
    timer.unref()
    this.timers.set(document, timer)
  }

  cancel(document: string): void {
    clearTimeout(this.timers.get(document))
    this.timers.delete(document)
  }

  /** Re-arms the deadlines of every declaration in a consensus call (run once at start). */
  async resume(): Promise<void> {
    for (const conference of await this.storage.listConferences()) {
      for (const document of await this.storage.listDocuments(conference.id)) {
        if (document.stage !== 'consensus-call' || this.timers.has(document.id)) continue
        const silence = await this.registry.use(document.id, silenceOf)
        if (silence && !silence.broken && !silence.passedAt)
          this.watch(document.id, Date.parse(silence.deadline))
      }
    }
  }

  stop(): void {
    if (this.rearm) clearInterval(this.rearm)
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  /** Records that the deadline passed, if it has and nothing changed meanwhile. */
  private async fire(document: string): Promise<void> {
    const due = await this.registry.use(document, (shared) => {
      const silence = silenceOf(shared)
      if (shared.stage !== 'consensus-call' || !silence || silence.passedAt) return null
      // One silence is one call by the chair: its deadline and when it was set.
      return silenceState(silence, this.now()) === 'passed' ? `${silence.deadline}:${silence.setAt}` : null
    })
    if (
      due &&
      !(await this.storage.claimOnce(`silence passed:${document}:${due}`, new Date(this.now()).toISOString()))
    )
      return this.log.info('silence passing recorded by another process', { document })
    const passed = await this.registry.use(document, (shared): Silence | 'not yet' | null => {
      const silence = silenceOf(shared)
      if (shared.stage !== 'consensus-call' || !silence || silence.passedAt) return null
      const state = silenceState(silence, this.now())
      if (state === 'running') return 'not yet'
      if (state !== 'passed' || `${silence.deadline}:${silence.setAt}` !== due) return null
      const recorded = { ...silence, passedAt: new Date(this.now()).toISOString() }
      shared.serverWrite('silence passed', (doc) => doc.getMap(WORKFLOW).set('silence', recorded))
      return recorded
    })
    if (passed === 'not yet') {
      const silence = await this.registry.use(document, silenceOf)
      if (silence) this.watch(document, Date.parse(silence.deadline))
      return
    }
    if (!passed) return
    this.log.info('silence passed', { document, deadline: passed.deadline })
    await this.audit.append(document, 'server', 'silence passed', {
      deadline: passed.deadline,
      timeZone: passed.timeZone,
      passedAt: passed.passedAt,
    })
  }
}
