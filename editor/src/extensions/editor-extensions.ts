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
import { SuggestMode } from './suggest-mode.js'
import type { BodyAccess } from '../../../workflows/rules/rulebook.js'
import type { Author } from '../../../workflows/rules/suggestions.js'

export interface PresenceUser {
  participant?: string
  name?: string
  color?: string
  delegationName?: string
}

function renderCaret(user: PresenceUser): HTMLElement {
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
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
  suggest: { access: () => BodyAccess; author: Author } = {
    access: () => 'read',
    author: { delegation: '', participant: '' },
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
