/**
 * @module A head's own key: passkeys (WebAuthn) registered from the browser, and the signature a head makes with
 * one over the adopted text. Ceremonies by @simplewebauthn/server (challenge, attestation and assertion checks);
 * challenges are stateless — a registration challenge is an HMAC-sealed note of who and until when, a signing
 * challenge is the SHA-256 of the statement signed — so any process behind a load balancer can check them.
 *
 * What a head signs (`SignatureStatement`) names the document, the adopted text's hash, the delegation, the
 * signatory and the time: the assertion is kept whole (authenticator data, client data, signature, public key)
 * in the signature's record and in the final PDF's manifest, so that `accord verify` checks it offline
 * (`checkAssertion`), with nothing from the server but what the PDF carries.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { decodeCredentialPublicKey, isoBase64URL, verifySignature } from '@simplewebauthn/server/helpers'
import { canonicalJson } from '../audit/audit-log.js'
import type { PasskeyRecord } from '../storage/storage.js'

/** A signature may be made this long after its options were issued. */
export const SIGNING_WINDOW_MS = 5 * 60_000

export interface Relying {
  /** The page's origin ("https://accord.example.org"). */
  origin: string
  /** Its host name: the WebAuthn relying party id. */
  rpId: string
}

export interface SignatureStatement {
  format: 'accord-signature-1'
  document: string
  title: string
  /** SHA-256 of the adopted text. */
  hash: string
  delegation: string
  delegationName: string
  participant: string
  signatory: string
  at: string
  nonce: string
}

/** The signature made with a passkey, kept whole so that anyone can check it again. */
export interface PasskeyAssertion {
  credentialId: string
  /** COSE public key, base64url. */
  publicKey: string
  /** SHA-256 of the public key, hex: what the signature page prints. */
  fingerprint: string
  statement: SignatureStatement
  authenticatorData: string
  clientDataJSON: string
  signature: string
}

export const keyFingerprint = (publicKey: string) =>
  createHash('sha256').update(isoBase64URL.toBuffer(publicKey)).digest('hex')

/** The challenge a statement is signed under: the SHA-256 of its canonical JSON. */
export const statementChallenge = (statement: SignatureStatement) =>
  isoBase64URL.fromBuffer(createHash('sha256').update(canonicalJson(statement)).digest())

function seal(secret: Buffer, note: string): string {
  return `${note}.${createHmac('sha256', secret).update(note).digest('base64url')}`
}

function unseal(secret: Buffer, sealed: string): string | null {
  const dot = sealed.lastIndexOf('.')
  if (dot < 0) return null
  const note = sealed.slice(0, dot)
  const expected = Buffer.from(seal(secret, note).slice(dot + 1))
  const given = Buffer.from(sealed.slice(dot + 1))
  return expected.length === given.length && timingSafeEqual(expected, given) ? note : null
}

export async function registrationOptions(
  secret: Buffer,
  relying: Relying,
  who: { participant: string; name: string; delegationName: string },
  existing: readonly PasskeyRecord[],
  now: number,
) {
  const note = Buffer.from(JSON.stringify({ p: who.participant, exp: now + SIGNING_WINDOW_MS })).toString(
    'base64url',
  )
  return generateRegistrationOptions({
    rpName: 'Accord',
    rpID: relying.rpId,
    userName: `${who.name} (${who.delegationName})`,
    userDisplayName: who.name,
    userID: new TextEncoder().encode(who.participant),
    challenge: new TextEncoder().encode(seal(secret, note)),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  })
}

/** The new passkey, or why it is refused. */
export async function registerPasskey(
  secret: Buffer,
  relying: Relying,
  participant: string,
  response: RegistrationResponseJSON,
  now: number,
): Promise<PasskeyRecord | string> {
  const challengeIsOurs = (challenge: string) => {
    const note = unseal(secret, new TextDecoder().decode(isoBase64URL.toBuffer(challenge)))
    if (!note) return false
    const { p, exp } = JSON.parse(Buffer.from(note, 'base64url').toString('utf8')) as {
      p: string
      exp: number
    }
    return p === participant && exp >= now
  }
  try {
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challengeIsOurs,
      expectedOrigin: relying.origin,
      expectedRPID: relying.rpId,
      requireUserVerification: false,
    })
    if (!verified.verified) return 'The passkey could not be verified.'
    const { credential } = verified.registrationInfo
    return {
      credentialId: credential.id,
      participant,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      createdAt: new Date(now).toISOString(),
    }
  } catch (error) {
    return `The passkey could not be verified: ${(error as Error).message}`
  }
}

export function newStatement(fields: Omit<SignatureStatement, 'format' | 'nonce'>): SignatureStatement {
  return { format: 'accord-signature-1', ...fields, nonce: randomBytes(12).toString('base64url') }
}

export function signingOptions(
  relying: Relying,
  statement: SignatureStatement,
  passkeys: readonly PasskeyRecord[],
) {
  return generateAuthenticationOptions({
    rpID: relying.rpId,
    challenge: isoBase64URL.toBuffer(statementChallenge(statement)),
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId })),
    userVerification: 'preferred',
  })
}

/** The assertion to keep, or why the signature is refused. */
export async function verifySigning(
  relying: Relying,
  statement: SignatureStatement,
  response: AuthenticationResponseJSON,
  passkeys: readonly PasskeyRecord[],
): Promise<{ assertion: PasskeyAssertion; counter: number } | string> {
  const passkey = passkeys.find((p) => p.credentialId === response.id)
  if (!passkey) return 'This passkey is not registered for you.'
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: statementChallenge(statement),
      expectedOrigin: relying.origin,
      expectedRPID: relying.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
      },
      requireUserVerification: false,
    })
    if (!verified.verified) return 'The passkey signature could not be verified.'
    return {
      counter: verified.authenticationInfo.newCounter,
      assertion: {
        credentialId: passkey.credentialId,
        publicKey: passkey.publicKey,
        fingerprint: keyFingerprint(passkey.publicKey),
        statement,
        authenticatorData: response.response.authenticatorData,
        clientDataJSON: response.response.clientDataJSON,
        signature: response.response.signature,
      },
    }
  } catch (error) {
    return `The passkey signature could not be verified: ${(error as Error).message}`
  }
}

/**
 * Checks a kept assertion offline: the client data says it signed this statement, the signature over the
 * authenticator data and the client data is the public key's, and the fingerprint is the key's. Why not, or null.
 */
export async function checkAssertion(assertion: PasskeyAssertion): Promise<string | null> {
  try {
    const clientData = JSON.parse(
      new TextDecoder().decode(isoBase64URL.toBuffer(assertion.clientDataJSON)),
    ) as { type?: string; challenge?: string }
    if (clientData.type !== 'webauthn.get') return 'it is not a WebAuthn signature'
    if (clientData.challenge !== statementChallenge(assertion.statement))
      return 'it was made over another statement than the one it carries'
    if (keyFingerprint(assertion.publicKey) !== assertion.fingerprint)
      return 'its key fingerprint is not its key’s'
    const publicKey = isoBase64URL.toBuffer(assertion.publicKey)
    decodeCredentialPublicKey(publicKey) // Throws on a key that is not COSE.
    const data = Buffer.concat([
      isoBase64URL.toBuffer(assertion.authenticatorData),
      createHash('sha256').update(isoBase64URL.toBuffer(assertion.clientDataJSON)).digest(),
    ])
    const valid = await verifySignature({
      signature: isoBase64URL.toBuffer(assertion.signature),
      data,
      credentialPublicKey: publicKey,
    })
    return valid ? null : 'the signature is not the key’s'
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`
  }
}
