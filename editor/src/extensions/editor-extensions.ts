/**
 * @module The editor's extension list: the shared declaration schema (from workflows/, unchanged), the
 * Yjs binding on the `body` fragment, remote carets labelled with name and delegation, and the editor's
 * own behaviour (numbering in the margin, paragraph ids).
 */
import type { AnyExtension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { BODY, NUMBERS } from '../../../workflows/document/format.js'
import { declarationExtensions } from '../../../workflows/document/schema.js'
import { ParagraphIdentity } from './paragraph-identity.js'
import { NumberedParagraph, ParagraphNumbering } from './paragraph-numbering.js'
import { DeclarationParagraph } from '../../../workflows/document/nodes.js'
import { SuggestMode, type SuggestModeOptions } from './suggest-mode.js'

export interface PresenceUser {
  participant?: string
  name?: string
  color?: string
  delegationName?: string
}

/** A remote caret's label shows who is there while they move, then fades, uncovering the line above. */
const LABEL_IDLE_AFTER_MS = 3000
const idleTimers = new Map<string, ReturnType<typeof setTimeout>>()

function wakeCaretLabel(participant: string): void {
  clearTimeout(idleTimers.get(participant))
  const carets = () =>
    document.querySelectorAll(`.collaboration-carets__caret[data-participant="${CSS.escape(participant)}"]`)
  for (const caret of carets()) caret.classList.remove('caret-idle')
  idleTimers.set(
    participant,
    setTimeout(() => {
      for (const caret of carets()) caret.classList.add('caret-idle')
    }, LABEL_IDLE_AFTER_MS),
  )
}

/** Wakes the label of every participant whose presence changed (a caret moved, a selection made). */
export function watchCaretActivity(provider: WebsocketProvider): void {
  provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const client of [...added, ...updated]) {
      const user = provider.awareness.getStates().get(client)?.user as PresenceUser | undefined
      if (user?.participant) wakeCaretLabel(user.participant)
    }
  })
}

function renderCaret(user: PresenceUser): HTMLElement {
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  if (user.participant) {
    caret.dataset.participant = user.participant
    // Drawn anew: awake, and asleep after a while unless the participant moves again.
    queueMicrotask(() => wakeCaretLabel(user.participant!))
  }
  caret.style.borderColor = user.color ?? '#555'
  const label = document.createElement('span')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = user.color ?? '#555'
  // Names come from the server's records, but are still only ever inserted as text.
  label.textContent = [user.name, user.delegationName].filter(Boolean).join(' · ')
  caret.append(label)
  return caret
}

/**
 * `user` is what this tab announces about itself; the server replaces it with its own record anyway, so
 * it only matters for how this tab shows itself before the server's stamp comes back.
 */
export function editorExtensions(
  doc: Y.Doc,
  provider: WebsocketProvider,
  user: PresenceUser,
  suggest: SuggestModeOptions = {
    access: () => 'read',
    author: () => ({ delegation: '', participant: '' }),
    report: () => undefined,
  },
): AnyExtension[] {
  return [
    // The shared schema, its paragraph drawn with its number.
    ...declarationExtensions.map((extension) =>
      extension === DeclarationParagraph ? NumberedParagraph : extension,
    ),
    Collaboration.configure({ document: doc, field: BODY }),
    CollaborationCaret.configure({ provider, user, render: renderCaret }),
    ParagraphNumbering.configure({ numbers: doc.getMap<string>(NUMBERS) }),
    ParagraphIdentity,
    SuggestMode.configure(suggest),
  ]
}
