/**
 * @module The server's Ed25519 signing key, kept in the data directory (`signing-key.pem`, owner-only). Apart from
 * manifest.ts so that a server that never exports a PDF does not load the PDF library (tens of MiB of memory).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

/** Reads the server's signing key, creating it (readable by the owner only) if it does not exist yet. */
export function loadOrCreateSigningKey(file: string): KeyObject {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519')
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  }
  return createPrivateKey(readFileSync(file))
}

/** Reads an existing signing key (for `accord verify` on the server's own machine). */
export function loadSigningKey(file: string): KeyObject {
  if (!existsSync(file)) throw new Error(`${file} does not exist: pass --key with the server's public key`)
  return createPrivateKey(readFileSync(file))
}

export function publicKeyPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()
}

/** The document information dictionary (created if absent). */
