/**
 * @module The connection indicator in the top bar. "Live" means connected and in sync with the server;
 * while offline, edits stay in this tab and are sent when the connection returns, and closing the tab
 * asks for confirmation.
 */
import type { WebsocketProvider } from 'y-websocket'
import { h } from './dom.js'

export function connectionStatus(provider: WebsocketProvider): HTMLElement {
  const status = h('span', { class: 'connection-status', attrs: { 'data-testid': 'connection' } })
  let unsentWhileOffline = false
  const render = () => {
    const state = provider.wsconnected ? (provider.synced ? 'live' : 'syncing') : 'offline'
    if (state === 'live') unsentWhileOffline = false
    status.dataset.state = state
    status.textContent = { live: 'Live', syncing: 'Syncing…', offline: 'Offline — reconnecting' }[state]
  }
  provider.on('status', render)
  provider.on('sync', render)
  provider.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider && !provider.wsconnected) unsentWhileOffline = true
  })
  window.addEventListener('beforeunload', (event) => {
    if (unsentWhileOffline) event.preventDefault()
  })
  render()
  return status
}
