import { getSchema } from '@tiptap/core'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { editorExtensions } from '../../editor/src/extensions/editor-extensions.js'
import { declarationJson } from '../../workflows/document/build.js'
import { declarationSchema } from '../../workflows/document/schema.js'
import {
  bracketMark,
  deletionMark,
  ELEMENT_ATTRIBUTES,
  insertionMark,
  markValueProblem,
} from '../../workflows/document/values.js'
import { HCMC_2022_ZERO_DRAFT } from '../../workflows/demo/hcmc-2022-zero-draft.js'
import { numberParagraphs } from '../../workflows/document/numbering.js'
import { declarationInitialState, declarationOf } from '../../server/document/declaration-state.js'

function specOf(schema: typeof declarationSchema) {
  return {
    nodes: Object.fromEntries(
      Object.entries(schema.nodes).map(([name, type]) => [
        name,
        { content: type.spec.content, attrs: Object.keys(type.spec.attrs ?? {}) },
      ]),
    ),
    marks: Object.fromEntries(
      Object.entries(schema.marks).map(([name, type]) => [
        name,
        { excludes: type.spec.excludes, attrs: Object.keys(type.spec.attrs ?? {}) },
      ]),
    ),
  }
}

describe('the shared document schema', () => {
  it('is the schema the editor edits with: same nodes, marks and attributes', () => {
    const editorSchema = getSchema(editorExtensions(new Y.Doc(), {} as WebsocketProvider, {}))
    expect(specOf(editorSchema)).toEqual(specOf(declarationSchema))
  })

  it('is the schema the server holds every update to: the same elements, attributes and marks', () => {
    for (const name of ['title', 'paragraph']) {
      const attrs = Object.keys(declarationSchema.nodes[name]!.spec.attrs ?? {}).sort()
      expect(Object.keys(ELEMENT_ATTRIBUTES[name]!).sort(), name).toEqual(attrs)
    }
    const shapes = { insertion: insertionMark, deletion: deletionMark, bracket: bracketMark }
    for (const [name, type] of Object.entries(declarationSchema.marks)) {
      expect(markValueProblem(name, null), name).toBeUndefined()
      const shape = shapes[name as keyof typeof shapes]
      if (!shape) expect(markValueProblem(name, {}), name).toBeUndefined()
      else
        expect(Object.keys(shape.shape), name).toEqual(expect.arrayContaining(Object.keys(type.spec.attrs!)))
    }
    expect(markValueProblem('underline', {})).toMatch(/not a mark of the document format/)
  })

  it('lets overlapping suggestions of several delegations coexist', () => {
    expect(declarationSchema.marks.insertion!.spec.excludes).toBe('')
    expect(declarationSchema.marks.deletion!.spec.excludes).toBe('')
  })

  it('holds the demo zero draft: two titles, 6 preambular and 12 operative paragraphs', () => {
    const doc = declarationSchema.nodeFromJSON(declarationJson(HCMC_2022_ZERO_DRAFT))
    doc.check()
    const kinds: ('preambular' | 'operative')[] = []
    doc.forEach((node) => {
      if (node.type.name === 'paragraph') kinds.push(node.attrs.kind as 'preambular' | 'operative')
    })
    expect(numberParagraphs(kinds).filter((n) => n.startsWith('PP'))).toHaveLength(6)
    expect(numberParagraphs(kinds).filter((n) => n.startsWith('OP'))).toHaveLength(12)
    expect(doc.child(1).textContent).toContain('Đối thoại Hữu nghị Thành phố Hồ Chí Minh')
  })

  it('round-trips the zero draft through Yjs with paragraph ids intact', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, declarationInitialState(declarationJson(HCMC_2022_ZERO_DRAFT), 'draft'))
    const ids: string[] = []
    declarationOf(doc).forEach((node) => {
      if (node.type.name === 'paragraph') ids.push(node.attrs.id as string)
    })
    expect(ids).toEqual(HCMC_2022_ZERO_DRAFT.paragraphs.map((p) => p.id))
  })

  it('refuses to seed content that breaks the schema', () => {
    expect(() =>
      declarationInitialState({ type: 'doc', content: [{ type: 'paragraph' }] }, 'draft'),
    ).toThrow()
  })
})
