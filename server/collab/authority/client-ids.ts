/**
 * @module Yjs client ids are chosen by clients, so the server binds them to participants: the first update
 * that writes under a fresh client id binds it (recorded in the server-written `authors` map, which is stored
 * with the document and survives restarts); from then on only that participant may write under it. An id the
 * document already knows but nobody has bound (the seed's, the server's own) can never be claimed.
 */
import * as Y from 'yjs'
import { AUTHORS } from '../../../workflows/document/format.js'
import type { Verdict } from '../../../workflows/rules/suggestions.js'

export type ClientIdCheck = (Verdict & { ok: true; bind: number[] }) | (Verdict & { ok: false })

/** Client ids under which `update` writes new structs (beyond what `doc` already has). Throws on bad bytes. */
export function writingClientIds(doc: Y.Doc, update: Uint8Array): number[] {
  const { to } = Y.parseUpdateMeta(update)
  const writing: number[] = []
  for (const [client, clock] of to) if (clock > Y.getState(doc.store, client)) writing.push(client)
  return writing
}

export function checkClientIds(
  doc: Y.Doc,
  update: Uint8Array,
  participant: string,
  serverClientId: number,
): ClientIdCheck {
  const authors = doc.getMap<string>(AUTHORS)
  const bind: number[] = []
  for (const client of writingClientIds(doc, update)) {
    const owner = authors.get(String(client))
    if (owner === participant) continue
    if (owner !== undefined)
      return { ok: false, refused: `client id ${client} belongs to another participant` }
    if (client === serverClientId || Y.getState(doc.store, client) > 0) {
      return { ok: false, refused: `client id ${client} is not yours to write under` }
    }
    bind.push(client)
  }
  return { ok: true, bind }
}
