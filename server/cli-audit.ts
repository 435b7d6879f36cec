/**
 * @module `accord audit …`: check the audit log where it is kept (its chain, and the anchors the documents hold of
 * its head), export it as a signed file, and check such a file offline with the server's public key alone.
 *
 *   accord audit verify [--data DIR | --database URL] [--against EXPORT.json]
 *   accord audit verify --file EXPORT.json --key PUBLIC-KEY.pem
 *   accord audit export [--out FILE] [--data DIR | --database URL]
 */
import { createPublicKey } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkAnchors, storedAnchors } from './audit/anchors.js'
import { verifyChain } from './audit/audit-log.js'
import { exportAudit, holdsExport, verifyAuditExport, type AuditExport } from './audit/export.js'
import { loadSigningKey } from './export/signing-key.js'
import { openStorage } from './main.js'

export interface AuditCommandOptions {
  data: string
  database: string | undefined
  file: string | undefined
  key: string | undefined
  against: string | undefined
  out: string | undefined
  write: (text: string) => void
}

export async function auditCommand(verb: string | undefined, options: AuditCommandOptions): Promise<number> {
  if (verb === 'verify' && options.file) return verifyExportFile(options)
  if (verb === 'verify') return verifyStoredLog(options)
  if (verb === 'export') return exportLog(options)
  throw new Error('usage: accord audit verify|export (see accord --help)')
}

function verifyExportFile(options: AuditCommandOptions): number {
  const key = options.key
    ? createPublicKey(readFileSync(options.key))
    : createPublicKey(loadSigningKey(join(options.data, 'signing-key.pem')))
  const check = verifyAuditExport(JSON.parse(readFileSync(options.file!, 'utf8')) as unknown, key)
  options.write(
    check.ok
      ? `audit export valid: ${check.entries} entries, exported ${check.exportedAt}\n`
      : `audit export NOT VALID: ${check.reason}\n`,
  )
  return check.ok ? 0 : 1
}

async function verifyStoredLog(options: AuditCommandOptions): Promise<number> {
  const { storage } = await openStorage(options.data, options.database)
  try {
    const entries = await storage.listAllAudit()
    const chain = verifyChain(entries)
    if (!chain.ok) {
      options.write(`audit log BROKEN at entry ${chain.firstBroken}: ${chain.reason}\n`)
      return 1
    }
    const anchors = checkAnchors(entries, await storedAnchors(storage))
    if (!anchors.ok) {
      options.write(`audit log BROKEN: ${anchors.reason}\n`)
      return 1
    }
    if (options.against) {
      const kept = JSON.parse(readFileSync(options.against, 'utf8')) as AuditExport
      const key = createPublicKey(loadSigningKey(join(options.data, 'signing-key.pem')))
      const valid = verifyAuditExport(kept, key)
      if (!valid.ok) {
        options.write(`the export ${options.against} is NOT VALID: ${valid.reason}\n`)
        return 1
      }
      const held = holdsExport(entries, kept)
      if (!held.ok) {
        options.write(`audit log BROKEN: ${held.reason}\n`)
        return 1
      }
    }
    const unanchored = entries.length - anchors.newest
    options.write(
      `audit log intact: ${chain.entries} entries, anchored in ${anchors.anchors} documents up to entry ${anchors.newest}` +
        (unanchored > 0 ? ` (${unanchored} newer entries have no anchor yet)` : '') +
        '\n',
    )
    return 0
  } finally {
    await storage.close()
  }
}

async function exportLog(options: AuditCommandOptions): Promise<number> {
  const key = loadSigningKey(join(options.data, 'signing-key.pem'))
  const { storage } = await openStorage(options.data, options.database)
  try {
    const exported = exportAudit(await storage.listAllAudit(), key, new Date().toISOString())
    const text = `${JSON.stringify(exported, null, 1)}\n`
    if (options.out) {
      writeFileSync(options.out, text)
      options.write(`wrote ${exported.entries.length} audit entries, signed, to ${options.out}\n`)
    } else options.write(text)
    return 0
  } finally {
    await storage.close()
  }
}
