/**
 * @module Invitation tokens. A token is derived from the data directory's secret and the participant's
 * id and the invitation's generation (HMAC-SHA256), so the database stores only its hash and `accord invites`
 * can still print the links to whoever holds the secret file. Revoking a participant's link moves them to the
 * next generation: the old token no longer matches the stored hash, and their sessions are ended.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

/**
 * The token of a participant's invitation of a given generation. Generation 0 is every link handed out before
 * links could be revoked (its derivation is unchanged); revoking a link moves the participant to the next one.
 */
export function invitationToken(secret: Buffer, participant: string, generation = 0): string {
  const subject = generation === 0 ? `invitation:${participant}` : `invitation:${participant}:${generation}`
  return createHmac('sha256', secret).update(subject).digest('base64url')
}

/** Hash of a token or session id, as stored; hex SHA-256. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** Reads the invitation secret, creating it (readable by the owner only) if it does not exist yet. */
export function loadOrCreateSecret(file: string): Buffer {
  if (existsSync(file)) {
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
    if (secret.length < 32) throw new Error(`${file} does not hold a 32-byte hex secret`)
    return secret
  }
  const secret = randomBytes(32)
  writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return secret
}

/** The link a participant opens. The token travels in the fragment, which browsers never send to servers. */
export function invitationUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/join#token=${token}`
}
