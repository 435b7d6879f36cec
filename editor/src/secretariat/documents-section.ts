/**
 * @module Documents on the secretariat's page: each declaration with its stage, a new one (an empty draft), and a
 * zero draft written elsewhere imported from Word or Markdown into a document still in draft.
 */
import { STAGE_LABELS } from '../../../workflows/conference/roles.js'
import { api, ApiRequestError, type DocumentSummary } from '../api.js'
import { h } from '../ui/dom.js'

export async function documentsSection(): Promise<HTMLElement> {
  const list = h('ul', { class: 'secretariat-documents', attrs: { 'data-testid': 'documents' } })
  const message = h('p', { attrs: { 'aria-live': 'polite' } })
  const fail = (error: unknown) => {
    message.textContent = error instanceof ApiRequestError ? error.message : String(error)
  }
  const item = (document: DocumentSummary) => {
    const draft = h('input', {
      attrs: {
        type: 'file',
        accept: '.docx,.md,.markdown,text/markdown',
        'aria-label': `Zero draft for ${document.title}`,
      },
    })
    draft.addEventListener('change', () => {
      const file = draft.files?.[0]
      if (!file) return
      api.importDraft(document.id, file).then((imported) => {
        message.textContent = `${document.title}: the zero draft was imported (${imported.paragraphs} paragraphs).`
      }, fail)
    })
    return h(
      'li',
      { attrs: { 'data-document': document.id } },
      h('a', { attrs: { href: `/documents/${encodeURIComponent(document.id)}` } }, document.title),
      ` — ${STAGE_LABELS[document.stage]}`,
      document.stage === 'draft'
        ? h('label', { class: 'draft-import' }, ' Import a zero draft (Word or Markdown): ', draft)
        : null,
    )
  }
  const render = async () => list.replaceChildren(...(await api.documents()).map(item))

  const title = h('input', {
    attrs: {
      type: 'text',
      placeholder: 'Title',
      'aria-label': 'Title of the new document',
      maxlength: '300',
    },
  })
  const lang = h('input', {
    attrs: { type: 'text', value: 'en', size: '3', 'aria-label': 'Language of the title' },
  })
  const localTitle = h('input', {
    attrs: {
      type: 'text',
      placeholder: 'Title in the host language',
      'aria-label': 'Title in the host language',
      maxlength: '300',
    },
  })
  const localLang = h('input', {
    attrs: { type: 'text', placeholder: 'vi', size: '3', 'aria-label': 'Host language of the title' },
  })
  const create = h('button', { attrs: { type: 'button' } }, 'Create document')
  create.addEventListener('click', () => {
    if (!title.value.trim()) return
    const local = localTitle.value.trim()
      ? { title: localTitle.value.trim(), lang: localLang.value.trim() }
      : undefined
    api.createDocument(title.value.trim(), lang.value.trim() || 'en', local).then(async (created) => {
      title.value = ''
      localTitle.value = ''
      message.textContent = `Created ${created.title}.`
      await render()
    }, fail)
  })
  await render()
  return h(
    'section',
    { class: 'secretariat-section' },
    h('h2', {}, 'Documents'),
    list,
    h('p', {}, title, ' ', lang, ' ', localTitle, ' ', localLang, ' ', create),
    message,
  )
}
