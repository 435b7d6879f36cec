/**
 * @module Entry point of the editor. Routes: `/join#token=…` (an invitation link: log in, then drop the
 * token from the address bar), `/documents/:id`, `/secretariat` (the secretariat's page), and `/` (the caller's
 * first document; the secretariat's page for a secretariat whose conference has none yet).
 */
import { api, ApiRequestError } from './api.js'
import { openDocumentView } from './document-view.js'
import { openSecretariatPage } from './secretariat/secretariat-page.js'
import { installDelegationColours } from './ui/delegation-colours.js'
import { h } from './ui/dom.js'
import './styles.css'
import { t } from './i18n.js'

const root = document.getElementById('app')!

function notice(title: string, text: string): void {
  root.replaceChildren(h('main', { class: 'notice' }, h('h1', {}, title), h('p', {}, text)))
}

async function join(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token')
  history.replaceState(null, '', '/join')
  if (!token) return notice(t('main.noInvitation'), t('main.noInvitationText'))
  try {
    await api.login(token)
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      return notice(t('main.unknownInvitation'), t('main.unknownInvitationText'))
    }
    throw error
  }
  // Straight on to the text, without loading the page again (a second start of the app cost ~0.2 s of the
  // open of a 200-page text).
  history.replaceState(null, '', '/')
  await showDocument()
}

/** What the server answers, or null when the caller is not signed in. */
async function signedIn<T>(request: Promise<T>): Promise<T | null> {
  return request.catch((error: unknown) => {
    if (error instanceof ApiRequestError && error.status === 401) return null
    throw error
  })
}

async function showDocument(): Promise<void> {
  // Asked together: each waits only for the network, and the open of a long text waits for all three.
  const [me, documents, delegations] = await Promise.all([
    signedIn(api.me()),
    signedIn(api.documents()),
    signedIn(api.delegations()),
  ])
  if (!me || !documents || !delegations) return notice('Accord', t('main.signedOut'))
  const secretariatPage = location.pathname === '/secretariat'
  if (me.role === 'secretariat' && (secretariatPage || documents.length === 0)) {
    if (location.pathname !== '/secretariat') history.replaceState(null, '', '/secretariat')
    document.title = `${t('app.secretariat')} — Accord`
    return openSecretariatPage(root, me)
  }
  if (secretariatPage) return notice(t('app.secretariat'), t('main.secretariatOnly'))
  const wanted = /^\/documents\/([^/]+)$/.exec(location.pathname)?.[1]
  const summary = documents.find((d) => d.id === (wanted ? decodeURIComponent(wanted) : documents[0]?.id))
  if (!summary) return notice(t('main.noDocument'), t('main.noDocumentText'))
  if (location.pathname !== `/documents/${summary.id}`)
    history.replaceState(null, '', `/documents/${summary.id}`)
  document.title = `${summary.title} — Accord`
  installDelegationColours(delegations)
  // window.accord is handy for tests and for debugging in the console; nothing depends on it. The view is
  // rebuilt after a refused change, so it is set on every opening.
  await openDocumentView(root, me, summary, delegations, (opened) =>
    Object.assign(window, { accord: opened }),
  )
}

const route = location.pathname === '/join' ? join() : showDocument()
route.catch((error: unknown) => {
  notice(t('main.failed'), error instanceof Error ? error.message : String(error))
})
