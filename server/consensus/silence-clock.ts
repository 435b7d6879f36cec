/**
 * @module The clock of the silence procedure. When a deadline passes unbroken, it records so in the
 * document's `workflow` map (every open editor sees consensus hold at once) and in the audit log. The verdict
 * itself never waits for this timer — workflows/consensus/silence.ts judges from the record and the clock —
 * but the record and the audit entry must appear even if the server was restarted in between: on start,
 * `resume` re-arms every pending deadline and fires those that passed while it was down.
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

  constructor(
    private readonly registry: DocumentRegistry,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

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
  async resume(storage: Storage): Promise<void> {
    for (const conference of await storage.listConferences()) {
      for (const document of await storage.listDocuments(conference.id)) {
        if (document.stage !== 'consensus-call') continue
        const silence = await this.registry.use(document.id, silenceOf)
        if (silence && !silence.broken && !silence.passedAt)
          this.watch(document.id, Date.parse(silence.deadline))
      }
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  /** Records that the deadline passed, if it has and nothing changed meanwhile. */
  private async fire(document: string): Promise<void> {
    const passed = await this.registry.use(document, (shared): Silence | 'not yet' | null => {
      const silence = silenceOf(shared)
      if (shared.stage !== 'consensus-call' || !silence || silence.passedAt) return null
      const state = silenceState(silence, this.now())
      if (state === 'running') return 'not yet'
      if (state !== 'passed') return null
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
