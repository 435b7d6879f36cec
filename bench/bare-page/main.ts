/**
 * @module The stack a team would otherwise pick, for bench:browser's comparison (issue 15): TipTap 3 with the
 * official Collaboration extension on a Hocuspocus 3.4 provider (4.x needs Node 22; Accord names Node 20), nothing else — no numbering, no suggestions,
 * no panels. Paragraphs carry their id (as `data-paragraph-id`) only so the benchmark can find them.
 * Opened as `/?ws=ws://HOST:PORT&name=DOCUMENT`.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { Editor } from '@tiptap/core'
import Bold from '@tiptap/extension-bold'
import Collaboration from '@tiptap/extension-collaboration'
import Document from '@tiptap/extension-document'
import Italic from '@tiptap/extension-italic'
import Paragraph from '@tiptap/extension-paragraph'
import Text from '@tiptap/extension-text'
import * as Y from 'yjs'

const IdentifiedParagraph = Paragraph.extend({
  addAttributes() {
    return {
      id: {
        default: null,
        renderHTML: (attributes) => (attributes.id ? { 'data-paragraph-id': attributes.id as string } : {}),
      },
    }
  },
})

const params = new URLSearchParams(location.search)
const doc = new Y.Doc()
new HocuspocusProvider({
  url: params.get('ws')!,
  name: params.get('name') ?? 'bench',
  document: doc,
  onSynced: () => {
    new Editor({
      element: document.querySelector<HTMLElement>('#editor')!,
      extensions: [
        Document,
        IdentifiedParagraph,
        Text,
        Bold,
        Italic,
        Collaboration.configure({ document: doc }),
      ],
      editorProps: { attributes: { class: 'declaration-text' } },
    })
  },
})
