/**
 * @module Verifying the whole audit log for `GET /api/audit/verify`: the chain recomputed, and every document's
 * anchor checked against it. It reads the whole log and every document's stored state — seconds of work on a large
 * conference — and any participant may ask. So requests share the work: while one verification runs, the requests
 * that arrive wait for the next one, which starts when it ends and answers them all. However many ask at once, at
 * most one verification runs and one waits, and every answer comes from a verification begun after its request
 * arrived.
 */
import type { Storage } from '../storage/storage.js'
import { checkAnchors, storedAnchors } from './anchors.js'
import { verifyChain } from './audit-log.js'

export type AuditVerification =
  | { ok: true; entries: number; anchoredUpTo: number; checkedAt: string }
  | { ok: false; entries: number; firstBroken?: number; reason: string; checkedAt: string }

async function verifyOnce(storage: Storage, now: () => number): Promise<AuditVerification> {
  const checkedAt = new Date(now()).toISOString()
  const entries = await storage.listAllAudit()
  const chain = verifyChain(entries)
  if (!chain.ok) return { ...chain, checkedAt }
  const anchors = checkAnchors(entries, await storedAnchors(storage))
  return anchors.ok
    ? { ...chain, anchoredUpTo: anchors.newest, checkedAt }
    : { ok: false, entries: chain.entries, reason: anchors.reason, checkedAt }
}

/** A verifier whose callers share runs: at most one running and one waiting to start. */
export function auditVerifier(
  storage: Storage,
  now: () => number = Date.now,
): () => Promise<AuditVerification> {
  let running: Promise<AuditVerification> | null = null
  let waiting: Promise<AuditVerification> | null = null
  const start = () => {
    const run = verifyOnce(storage, now).finally(() => {
      if (running === run) running = null
    })
    running = run
    return run
  }
  return () => {
    if (!running) return start()
    // The run under way may have read the log before this request came: the next one answers it.
    waiting ??= running
      .catch(() => undefined)
      .then(() => {
        waiting = null
        return start()
      })
    return waiting
  }
}
