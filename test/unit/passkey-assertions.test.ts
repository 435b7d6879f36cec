/**
 * A head's passkey signature checked offline (what `accord verify` does with the assertions in a final PDF's
 * manifest): a genuine one holds; one over another statement, by another key, or with a key that is not the one
 * fingerprinted fails — so a server that forged a head's signature is caught.
 */
import { describe, expect, it } from 'vitest'
import { isoBase64URL } from '@simplewebauthn/server/helpers'
import { checkAssertion, newStatement, type PasskeyAssertion } from '../../server/auth/passkeys.js'
import { SoftAuthenticator } from '../helpers/soft-authenticator.js'

const ORIGIN = 'https://accord.example.org'

function assertionBy(authenticator: SoftAuthenticator, statement = newStatementForOsaka()): PasskeyAssertion {
  return authenticator.assertion(statement)
}

function newStatementForOsaka() {
  return newStatement({
    document: 'closing-statement',
    title: 'Closing Statement',
    hash: 'a'.repeat(64),
    delegation: 'osaka',
    delegationName: 'Osaka',
    participant: 'osaka-head',
    signatory: 'Head of Osaka',
    at: '2022-12-05T04:00:00.000Z',
  })
}

describe('a passkey signature, checked offline', () => {
  const head = new SoftAuthenticator(ORIGIN)

  it('holds when genuine', async () => {
    expect(await checkAssertion(assertionBy(head))).toBeNull()
  })

  it('fails over another statement (another text, another signatory)', async () => {
    const genuine = assertionBy(head)
    const otherText = { ...genuine, statement: { ...genuine.statement, hash: 'b'.repeat(64) } }
    expect(await checkAssertion(otherText)).toBe('it was made over another statement than the one it carries')
    const otherSignatory = { ...genuine, statement: { ...genuine.statement, signatory: 'Someone else' } }
    expect(await checkAssertion(otherSignatory)).not.toBeNull()
  })

  it('fails when the server forges it with a key of its own under the head’s fingerprint', async () => {
    const forged = assertionBy(new SoftAuthenticator(ORIGIN))
    const genuine = assertionBy(head)
    // The forger's signature, the head's key: not the key's.
    expect(
      await checkAssertion({ ...forged, publicKey: genuine.publicKey, fingerprint: genuine.fingerprint }),
    ).toBe('the signature is not the key’s')
    // The forger's key, the head's fingerprint on the signature page: not the key's fingerprint.
    expect(await checkAssertion({ ...forged, fingerprint: genuine.fingerprint })).toBe(
      'its key fingerprint is not its key’s',
    )
  })

  it('fails on a changed byte of the signature or of the authenticator data', async () => {
    const genuine = assertionBy(head)
    const bytes = isoBase64URL.toBuffer(genuine.authenticatorData)
    bytes[33] = bytes[33]! ^ 0x04
    expect(await checkAssertion({ ...genuine, authenticatorData: isoBase64URL.fromBuffer(bytes) })).toBe(
      'the signature is not the key’s',
    )
    expect(await checkAssertion({ ...genuine, signature: 'AAAA' })).not.toBeNull()
  })
})
