#!/usr/bin/env node
/**
 * @module The `accord` command.
 *
 * @example
 *   accord serve [--port 8787] [--host 127.0.0.1] [--data ./data] [--no-demo] [--public-url URL]
 *   accord conference create --name "Da Nang Dialogue 2026" --time-zone Asia/Ho_Chi_Minh
 *   accord roster import roster.xlsx --conference da-nang-dialogue-2026
 *   accord invites --conference da-nang-dialogue-2026 --format pdf --out cards.pdf
 */
import { parseArgs } from 'node:util'
import { createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSigningKey } from './export/signing-key.js'
import {
  chosenConference,
  conferenceCommand,
  documentCommand,
  invitesCommand,
  inviteCommand,
  rosterCommand,
  type SetupOptions,
} from './cli-setup.js'
import { listInvitations } from './invites.js'
import { jsonLogger } from './logger.js'
import { openStorage, startServer } from './main.js'

const USAGE = `Usage:
  accord serve [--port N] [--host ADDR] [--data DIR] [--database postgres://…] [--redis redis://…]
               [--no-demo] [--public-url URL] [--allowed-origin URL]
  accord conference create --name NAME --time-zone ZONE [--local-name NAME] [--host-locality PLACE]
               [--venue VENUE] [--starts YYYY-MM-DD] [--ends YYYY-MM-DD]
  accord conference list
  accord conference [--conference ID] --observers-may-comment on|off
  accord document create --title TITLE [--lang en] [--conference ID]
  accord roster import FILE.csv|FILE.xlsx [--dry-run] [--conference ID]
  accord roster export [--format csv|xlsx] [--out FILE] [--conference ID]
  accord invites [--conference ID] [--format text|json|csv|pdf] [--out FILE] [--public-url URL]
  accord invite revoke PARTICIPANT [--public-url URL]
  accord audit verify [--against EXPORT.json]
  accord audit verify --file EXPORT.json --key PUBLIC-KEY.pem
  accord audit export [--out FILE]
  accord verify FILE.pdf [--key PUBLIC-KEY.pem | --data DIR]
Every command but verify takes --data DIR (default ./data) or --database URL.`

const SETUP_COMMANDS: Record<string, (options: SetupOptions) => Promise<number>> = {
  conference: conferenceCommand,
  document: documentCommand,
  roster: rosterCommand,
  invites: invitesCommand,
  invite: inviteCommand,
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      data: { type: 'string', default: process.env.ACCORD_DATA ?? './data' },
      database: { type: 'string', default: process.env.DATABASE_URL },
      redis: { type: 'string', default: process.env.REDIS_URL },
      'no-demo': { type: 'boolean', default: false },
      'public-url': { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'observers-may-comment': { type: 'string' },
      key: { type: 'string' },
      conference: { type: 'string' },
      name: { type: 'string' },
      'local-name': { type: 'string' },
      'time-zone': { type: 'string' },
      'host-locality': { type: 'string' },
      venue: { type: 'string' },
      starts: { type: 'string' },
      ends: { type: 'string' },
      title: { type: 'string' },
      lang: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      file: { type: 'string' },
      against: { type: 'string' },
    },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, not ${values.port}`)

  if (command === 'serve') {
    const started = Date.now()
    const server = await startServer({
      port,
      host: values.host,
      dataDir: values.data,
      databaseUrl: values.database,
      redisUrl: values.redis,
      seedDemo: !values['no-demo'],
      publicUrl: values['public-url'],
      allowedOrigins: values['allowed-origin'],
      log: jsonLogger(values.quiet ? 'warn' : 'info'),
    })
    const invitations = await listInvitations(server.storage, server.secret, server.url)
    const listening = `http://localhost:${server.port}`
    const where = server.url === listening ? server.url : `${server.url} (listening on ${listening})`
    const lines = [`Accord is ready at ${where} (${Date.now() - started} ms)`, '', 'Invitation links:']
    for (const i of invitations)
      lines.push(`  ${`${i.role}`.padEnd(11)} ${`${i.delegationName} — ${i.name}`.padEnd(62)} ${i.url}`)
    process.stdout.write(`${lines.join('\n')}\n`)
    const stop = () => {
      void server.close().then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return -1
  }

  const setup = SETUP_COMMANDS[command ?? '']
  if (setup && !(command === 'conference' && values['observers-may-comment'] !== undefined)) {
    const { storage, secret } = await openStorage(values.data, values.database)
    try {
      return await setup({
        storage,
        secret,
        publicUrl: values['public-url'] ?? `http://localhost:${port}`,
        values,
        positionals,
        write: (text) => process.stdout.write(text),
      })
    } finally {
      await storage.close()
    }
  }

  if (command === 'verify') {
    // Offline: the PDF and the server's public key (from GET /api/signing-key, or the data directory's key).
    const file = positionals[0]
    if (!file) throw new Error('usage: accord verify FILE.pdf [--key PUBLIC-KEY.pem | --data DIR]')
    const key = values.key
      ? createPublicKey(readFileSync(values.key))
      : createPublicKey(loadSigningKey(join(values.data, 'signing-key.pem')))
    const { verifyPdf } = await import('./export/manifest.js')
    const verdict = await verifyPdf(readFileSync(file), key)
    if (verdict.valid)
      process.stdout.write(
        `valid: ${verdict.manifest.title}\nfinal text SHA-256 ${verdict.manifest.hash}, ${verdict.manifest.signatures.length} signatures, generated ${verdict.manifest.generatedAt}\n` +
          (verdict.manifest.audit
            ? `audit log head then: entry ${verdict.manifest.audit.seq}, ${verdict.manifest.audit.hash}\n`
            : '') +
          verdict.manifest.signatures
            .filter((s) => s.passkey)
            .map(
              (s) =>
                `${s.delegation}: ${s.signatory}, with their own passkey, key SHA-256 ${s.passkey!.fingerprint}\n`,
            )
            .join(''),
      )
    else process.stdout.write(`NOT VALID: ${verdict.reason}\n`)
    return verdict.valid ? 0 : 1
  }

  if (command === 'audit') {
    const { auditCommand } = await import('./cli-audit.js')
    return auditCommand(positionals[0], {
      data: values.data,
      database: values.database,
      file: values.file,
      key: values.key,
      against: values.against,
      out: values.out,
      write: (text) => process.stdout.write(text),
    })
  }

  if (command === 'conference') {
    const setting = values['observers-may-comment']
    if (setting !== 'on' && setting !== 'off') throw new Error('--observers-may-comment must be on or off')
    const { storage } = await openStorage(values.data, values.database)
    const chosen = values.conference ? [await chosenConference(storage, values.conference)] : undefined
    for (const conference of chosen ?? (await storage.listConferences())) {
      await storage.setObserversMayComment(conference.id, setting === 'on')
      process.stdout.write(`${conference.name}: observers ${setting === 'on' ? 'may' : 'may not'} comment\n`)
    }
    await storage.close()
    return 0
  }

  process.stderr.write(`${USAGE}\n`)
  return command === undefined || command === '--help' ? 0 : 2
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    process.stderr.write(`accord: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
