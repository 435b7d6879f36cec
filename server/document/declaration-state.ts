/**
 * @module Converting between a declaration (ProseMirror JSON in the shared schema) and its Y.Doc state,
 * on the server: seeding a new document, reading the text for tests, exports and (later) validation.
 */
import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirror } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { Stage } from '../../workflows/conference/roles.js'
import { BODY, WORKFLOW } from '../../workflows/document/format.js'
import { declarationSchema } from '../../workflows/document/schema.js'

/** The initial Yjs state of a declaration: its body and its workflow stage. Throws if `content` breaks the schema. */
export function declarationInitialState(content: JSONContent, stage: Stage): Uint8Array {
  declarationSchema.nodeFromJSON(content).check()
  const doc = new Y.Doc()
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(declarationSchema, content, doc.getXmlFragment(BODY))
    doc.getMap(WORKFLOW).set('stage', stage)
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

/** The body of a Y.Doc as a ProseMirror node of the shared schema. */
export function declarationOf(doc: Y.Doc) {
  return yXmlFragmentToProsemirror(declarationSchema, doc.getXmlFragment(BODY))
}
