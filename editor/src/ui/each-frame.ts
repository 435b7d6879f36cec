/**
 * @module Panels that read the whole document re-render after edits at most once per frame: a burst of
 * keystrokes or remote updates costs one render, not one per transaction.
 */
import type { Editor } from '@tiptap/core'

export function onUpdateEachFrame(editor: Editor, render: () => void): void {
  let scheduled = false
  editor.on('update', () => {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(() => {
      scheduled = false
      render()
    })
  })
}
