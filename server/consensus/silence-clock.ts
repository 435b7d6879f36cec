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
import { silenceRunsIn, silenceState, type Silence } from '../../workflows/consensus/silence.js'
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
        if (!silenceRunsIn(document.stage) || this.timers.has(document.id)) continue
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

  /**
   * Records that the deadline passed, if it has and nothing changed meanwhile; re-arms when it has not yet
   * passed (a later deadline was set). One load of the document for all of it.
   */
  private async fire(document: string): Promise<void> {
    const outcome = await this.registry.use(
      document,
      async (shared): Promise<Silence | { rearmAt: number } | null> => {
        const pending = () => {
          const silence = silenceOf(shared)
          return silenceRunsIn(shared.stage) && silence && !silence.passedAt ? silence : null
        }
        const silence = pending()
        if (!silence) return null
        const state = silenceState(silence, this.now())
        if (state === 'running') return { rearmAt: Date.parse(silence.deadline) }
        if (state !== 'passed') return null
        // One silence is one call by the chair (its deadline and when it was set); every process watches it and
        // the first to claim it records it.
        const key = `silence passed:${document}:${silence.deadline}:${silence.setAt}`
        if (!(await this.storage.claimOnce(key, new Date(this.now()).toISOString()))) {
          this.log.info('silence passing recorded by another process', { document })
          return null
        }
        const still = pending() // the document is live: look again after the claim
        if (!still || still.setAt !== silence.setAt || silenceState(still, this.now()) !== 'passed')
          return null
        const recorded = { ...still, passedAt: new Date(this.now()).toISOString() }
        shared.serverWrite('silence passed', (doc) => doc.getMap(WORKFLOW).set('silence', recorded))
        return recorded
      },
    )
    if (!outcome) return
    if ('rearmAt' in outcome) return this.watch(document, outcome.rearmAt)
    this.log.info('silence passed', { document, deadline: outcome.deadline })
    await this.audit.append(document, 'server', 'silence passed', {
      deadline: outcome.deadline,
      timeZone: outcome.timeZone,
      passedAt: outcome.passedAt,
    })
  }
}
