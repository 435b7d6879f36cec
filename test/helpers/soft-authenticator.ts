/**
 * A WebAuthn authenticator in software, for tests that run the ceremonies without a browser: a P-256 key
 * (ES256), "none" attestation, a signature counter — the bytes a real authenticator sends, built by the book
 * (WebAuthn Level 2, §6.1 authenticator data, §6.5 attestation object). The browser tests use Chromium's own
 * virtual authenticator instead.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers'
import {
  keyFingerprint,
  statementChallenge,
  type PasskeyAssertion,
  type SignatureStatement,
} from '../../server/auth/passkeys.js'

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()
const b64 = (data: Uint8Array | string) =>
  isoBase64URL.fromBuffer(new Uint8Array(typeof data === 'string' ? Buffer.from(data) : data))
const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

export class SoftAuthenticator {
  private readonly key = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  readonly credentialId = randomBytes(16)
  private counter = 0

  constructor(
    private readonly origin: string,
    private readonly rpId = new URL(origin).hostname,
  ) {}

  coseKey(): Uint8Array {
    const jwk = this.key.publicKey.export({ format: 'jwk' })
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]),
    )
  }

  register(options: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin: this.origin,
    })
    const id = this.credentialId
    const length = Buffer.alloc(2)
    length.writeUInt16BE(id.length)
    // Flags: user present, user verified, attested credential data included.
    const authData = Buffer.concat([
      sha256(this.rpId),
      Buffer.from([0x45]),
      u32(0),
      Buffer.alloc(16),
      length,
      id,
      this.coseKey(),
    ])
    const attestation = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    )
    return {
      id: b64(id),
      rawId: b64(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64(clientData),
        attestationObject: b64(attestation),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    }
  }

  sign(options: PublicKeyCredentialRequestOptionsJSON, origin = this.origin): AuthenticationResponseJSON {
    const clientData = JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin })
    this.counter++
    const authData = Buffer.concat([sha256(this.rpId), Buffer.from([0x05]), u32(this.counter)])
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.key.privateKey)
    return {
      id: b64(this.credentialId),
      rawId: b64(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64(clientData),
        authenticatorData: b64(authData),
        signature: b64(signature),
      },
      clientExtensionResults: {},
    }
  }

  /** A statement signed with this key, kept as a signature record keeps it (what accord verify checks). */
  assertion(statement: SignatureStatement): PasskeyAssertion {
    const response = this.sign({ challenge: statementChallenge(statement) })
    const publicKey = isoBase64URL.fromBuffer(new Uint8Array(this.coseKey()))
    return {
      credentialId: response.id,
      publicKey,
      fingerprint: keyFingerprint(publicKey),
      statement,
      authenticatorData: response.response.authenticatorData,
      clientDataJSON: response.response.clientDataJSON,
      signature: response.response.signature,
    }
  }
}
