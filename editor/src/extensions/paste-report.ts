/**
 * @module Says what a paste could not keep. Accord's text holds words, paragraphs, bold and italic; a paste
 * from Word, Outlook or Gmail may hold more. The words always come in (as the participant's proposal in
 * negotiation); pictures, tables, links, lists and other formatting are reported, never dropped in silence.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { t } from '../i18n.js'

export interface PasteReportOptions {
  report: (message: string) => void
}

/** What in pasted HTML Accord's format does not keep, in words a delegate knows. */
export function notKept(html: string): string[] {
  const document = new DOMParser().parseFromString(html, 'text/html')
  const found = (selector: string) => document.body.querySelector(selector) !== null
  const lost: string[] = []
  if (found('img, svg, picture, v\\:imagedata')) lost.push(t('paste.pictures'))
  if (found('table')) lost.push(t('paste.tables'))
  if (found('a[href]')) lost.push(t('paste.links'))
  if (found('li')) lost.push(t('paste.lists'))
  if (found('u, [style*="underline"], [style*="color"], font')) lost.push(t('paste.styling'))
  return lost
}

export const PasteReport = Extension.create<PasteReportOptions>({
  name: 'pasteReport',
  // Before suggest mode and the binding, which take the paste over: the report only looks.
  priority: 1000,
  addOptions() {
    return { report: () => undefined }
  },
  addProseMirrorPlugins() {
    const { report } = this.options
    return [
      new Plugin({
        key: new PluginKey('pasteReport'),
        props: {
          handlePaste: (_view, event) => {
            const html = event.clipboardData?.getData('text/html')
            const lost = html ? notKept(html) : []
            if (lost.length > 0) report(t('notice.pasted', { lost: lost.join('; ') }))
            return false
          },
        },
      }),
    ]
  },
})
