/**
 * @module The one schema of a declaration (CONVENTIONS.md §1). The editor extends these extensions with
 * behaviour; the server builds documents and reads them with `declarationSchema`. A test checks that the
 * editor's schema is this one.
 */
import { getSchema, type AnyExtension } from '@tiptap/core'
import Bold from '@tiptap/extension-bold'
import Italic from '@tiptap/extension-italic'
import Text from '@tiptap/extension-text'
import { Bracket, Deletion, Insertion } from './marks.js'
import { DeclarationDocument, DeclarationParagraph, Title } from './nodes.js'

export const declarationExtensions: AnyExtension[] = [
  DeclarationDocument,
  Title,
  DeclarationParagraph,
  Text,
  Italic,
  Bold,
  Insertion,
  Deletion,
  Bracket,
]

export const declarationSchema = getSchema(declarationExtensions)
