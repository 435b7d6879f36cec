/**
 * @module Documents on the secretariat's page: each declaration with its stage, a new one (an empty draft), and a
 * zero draft written elsewhere imported from Word or Markdown into a document still in draft.
 */
import { api, ApiRequestError, type DocumentSummary } from '../api.js'
import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

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
        'aria-label': t('sec.zeroDraftFor', { title: document.title }),
      },
    })
    draft.addEventListener('change', () => {
      const file = draft.files?.[0]
      if (!file) return
      api.importDraft(document.id, file).then((imported) => {
        message.textContent = t('sec.imported', { title: document.title, count: imported.paragraphs })
      }, fail)
    })
    return h(
      'li',
      { attrs: { 'data-document': document.id } },
      h('a', { attrs: { href: `/documents/${encodeURIComponent(document.id)}` } }, document.title),
      ` — ${t(`stage.${document.stage}`)}`,
      document.stage === 'draft'
        ? h('label', { class: 'draft-import' }, ` ${t('sec.importDraft')} `, draft)
        : null,
    )
  }
  const render = async () => list.replaceChildren(...(await api.documents()).map(item))

  const title = h('input', {
    attrs: {
      type: 'text',
      placeholder: t('sec.titlePlaceholder'),
      'aria-label': t('sec.newTitle'),
      maxlength: '300',
    },
  })
  const lang = h('input', {
    attrs: { type: 'text', value: 'en', size: '3', 'aria-label': t('sec.titleLanguage') },
  })
  const localTitle = h('input', {
    attrs: {
      type: 'text',
      placeholder: t('sec.localTitle'),
      'aria-label': t('sec.localTitle'),
      maxlength: '300',
    },
  })
  const localLang = h('input', {
    attrs: { type: 'text', placeholder: 'vi', size: '3', 'aria-label': t('sec.localTitleLanguage') },
  })
  const create = h('button', { attrs: { type: 'button' } }, t('sec.create'))
  create.addEventListener('click', () => {
    if (!title.value.trim()) return
    const local = localTitle.value.trim()
      ? { title: localTitle.value.trim(), lang: localLang.value.trim() }
      : undefined
    api.createDocument(title.value.trim(), lang.value.trim() || 'en', local).then(async (created) => {
      title.value = ''
      localTitle.value = ''
      message.textContent = t('sec.created', { title: created.title })
      await render()
    }, fail)
  })
  await render()
  return h(
    'section',
    { class: 'secretariat-section' },
    h('h2', {}, t('sec.documents')),
    list,
    h('p', {}, title, ' ', lang, ' ', localTitle, ' ', localLang, ' ', create),
    message,
  )
}
