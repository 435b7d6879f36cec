/**
 * @module Support for a pending proposal (issue 19): one action of a delegation's.
 *
 * - `POST   /api/documents/:id/suggestions/:suggestion/support` — the caller's delegation supports it
 * - `DELETE /api/documents/:id/suggestions/:suggestion/support` — and withdraws its support
 *
 * The server writes who supports what into the workflow map (`SUPPORT`), for proposals still pending only, so every
 * page, the projector and the compilation have it at once; each change is audited. Rules: the rulebook's 'support a
 * proposal' row and workflows/meeting/support.ts.
 */
import { Hono, type Context } from 'hono'
import { SUPPORT, WORKFLOW } from '../../../workflows/document/format.js'
import { addSupport, pendingOnly, supportOf, withdrawSupport } from '../../../workflows/meeting/support.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { pendingSuggestions } from '../../../workflows/suggestions/pending.js'
import { paragraphRuns } from '../../document/suggestion-text.js'
import type { AppEnv, Services } from '../context.js'
import { ApiError, forbidden, notFound } from '../errors.js'
import { documentOfCaller } from './document-of-caller.js'

const MAY_NOT = 'A delegation supports a proposal while proposals are made and decided.'

export function supportRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  const change = async (c: Context<AppEnv>, supporting: boolean) => {
    const identity = c.get('identity')
    const document = await documentOfCaller(services, c.req.param('id') ?? '', identity.participant)
    const wanted = c.req.param('suggestion') ?? ''
    const { proposal, supporters } = await services.registry.change(document.id, (shared) => {
      if (!may(identity.role, 'support a proposal', shared.stage)) throw forbidden(MAY_NOT)
      const pending = pendingSuggestions(paragraphRuns(shared.doc))
      const proposal = pending.find((s) => s.id === wanted)
      if (!proposal) throw notFound('The pending proposal')
      const current = supportOf(shared.doc.getMap(WORKFLOW).get(SUPPORT))
      const outcome = supporting
        ? addSupport(current, proposal, {
            delegation: identity.delegation,
            at: new Date(services.now()).toISOString(),
          })
        : withdrawSupport(current, proposal.id, identity.delegation)
      if (!outcome.ok) throw new ApiError(409, 'conflict', outcome.refused)
      const kept = pendingOnly(outcome.support, new Set(pending.map((s) => s.id)))
      shared.serverWrite(supporting ? 'support a proposal' : 'withdraw support', (doc) =>
        doc.getMap(WORKFLOW).set(SUPPORT, kept),
      )
      return { proposal, supporters: (kept[proposal.id] ?? []).map((s) => s.delegation) }
    })
    await services.audit.append(
      document.id,
      identity.participant,
      supporting ? 'support a proposal' : 'withdraw support',
      { suggestion: proposal.id, proposer: proposal.delegation, delegation: identity.delegation },
    )
    return c.json({ suggestion: proposal.id, supporters })
  }

  app.post('/:id/suggestions/:suggestion/support', (c) => change(c, true))
  app.delete('/:id/suggestions/:suggestion/support', (c) => change(c, false))
  return app
}
