/**
 * @module A head's own key, on the page: register a passkey (the device's fingerprint reader, PIN or security
 * key; WebAuthn by @simplewebauthn/browser) and see its fingerprint — the one the signed PDF will print beside
 * the head's name, so a head can tell their own signature from one the server made up. Signing then uses it
 * (`signWithPasskey`); a head without one signs by a click, as before.
 */
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser'
import { api, type PasskeySigning } from '../api.js'
import { t } from '../i18n.js'
import { h } from './dom.js'

export interface PasskeyControls {
  element: HTMLElement
  /** Whether the head signs with a passkey (they registered one here or before). */
  hasPasskey(): boolean
  /** Shown to heads who may sign or endorse now; fetched once. */
  render(visible: boolean): void
}

/** "a1b2 c3d4 …": the first 128 bits of the key's SHA-256, as the signature page prints them. */
export const groupedFingerprint = (fingerprint: string) =>
  fingerprint.slice(0, 32).replace(/(.{4})(?!$)/g, '$1 ')

export function passkeyControls(): PasskeyControls {
  const line = h('span', { attrs: { 'data-testid': 'passkey-fingerprint' } })
  const register = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'register-passkey' } },
    t('passkey.register'),
  )
  const status = h('span', { class: 'suggestion-status', attrs: { role: 'status' } })
  const element = h(
    'p',
    { class: 'passkey', attrs: { 'data-testid': 'passkey' } },
    line,
    ' ',
    register,
    ' ',
    status,
  )
  element.hidden = true
  let fingerprint: string | undefined
  let loaded = false

  const show = () => {
    line.textContent = fingerprint
      ? t('passkey.yours', { key: groupedFingerprint(fingerprint) })
      : t('passkey.none')
    register.hidden = Boolean(fingerprint)
  }
  register.addEventListener('click', () => {
    status.textContent = ''
    register.disabled = true
    api
      .passkeyOptions()
      .then((optionsJSON) => startRegistration({ optionsJSON }))
      .then((response) => api.registerPasskey(response))
      .then((registered) => {
        fingerprint = registered.fingerprint
        show()
      })
      .catch(
        (error: unknown) => (status.textContent = error instanceof Error ? error.message : String(error)),
      )
      .finally(() => (register.disabled = false))
  })

  return {
    element,
    hasPasskey: () => Boolean(fingerprint),
    render(visible) {
      element.hidden = !visible || !browserSupportsWebAuthn()
      if (element.hidden || loaded) return
      loaded = true
      void api.passkeys().then(
        (passkeys) => {
          fingerprint = passkeys.at(-1)?.fingerprint
          show()
        },
        () => (loaded = false),
      )
    },
  }
}

/** The statement issued for this head, signed on this device: what `api.sign` sends with `passkey`. */
export async function signWithPasskey(
  document: string,
  kind: 'signatures' | 'endorsements',
): Promise<PasskeySigning> {
  const { statement, options } = await api.signingOptions(document, kind)
  return { statement, response: await startAuthentication({ optionsJSON: options }) }
}
