/**
 * @module The save indicator in the top bar, truthful within seconds (CONVENTIONS.md §15):
 * - "Saved": connected, and the server has stored everything this participant typed;
 * - "Saving…": connected, and something typed has not yet come back from the server as stored;
 * - "Offline": no connection (the heartbeat stopped, or the server is down); what was typed is kept on this
 *   device and sent when the connection returns;
 * - "Signed out": the server no longer accepts this session; the words stay on this device.
 * Closing or reloading the tab asks for confirmation whenever something is unsaved.
 */
import type { WebsocketProvider } from 'y-websocket'
import type { UnsavedChanges } from '../collab/unsaved-changes.js'
import { h } from './dom.js'
import { t } from '../i18n.js'

export type SaveState = 'saved' | 'saving' | 'offline' | 'signed-out'

export interface StatusSource {
  provider: WebsocketProvider
  unsaved: UnsavedChanges
  signedOut: () => boolean
}

function stateOf({ provider, unsaved, signedOut }: StatusSource): SaveState {
  if (signedOut()) return 'signed-out'
  if (!provider.wsconnected || !provider.synced) return 'offline'
  return unsaved.count > 0 ? 'saving' : 'saved'
}

function label(state: SaveState, unsaved: number): string {
  switch (state) {
    case 'saved':
      return t('save.saved')
    case 'saving':
      return t('save.saving')
    case 'offline':
      return unsaved > 0 ? t('save.offlineKept', { count: unsaved }) : t('save.offline')
    case 'signed-out':
      return unsaved > 0 ? t('save.signedOutKept', { count: unsaved }) : t('save.signedOut')
  }
}

export function connectionStatus(source: StatusSource): { element: HTMLElement; render: () => void } {
  const element = h('span', {
    class: 'connection-status',
    attrs: { 'data-testid': 'connection', role: 'status', 'aria-live': 'polite' },
  })
  const render = () => {
    const state = stateOf(source)
    element.dataset.state = state
    element.dataset.unsaved = String(source.unsaved.count)
    element.textContent = label(state, source.unsaved.count)
  }
  source.provider.on('status', render)
  source.provider.on('sync', render)
  source.unsaved.onChange(render)
  window.addEventListener('beforeunload', (event) => {
    if (source.unsaved.count > 0) event.preventDefault()
  })
  render()
  return { element, render }
}
