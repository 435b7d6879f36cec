/**
 * @module A list that keeps its items' elements between renders. Panels re-render whenever the text changes —
 * with twenty delegations typing, many times a second — so rebuilding 500 items each time would cost the page
 * its speed (issue 15) and, worse, throw away what a delegate was typing in a reply box. Here an item whose key
 * and version are unchanged keeps its element untouched; only changed items are built again, and a changed
 * item's draft fields (marked `data-draft="name"`) carry their words, caret and focus into the new element.
 *
 * A long list shows its first `pageSize` items and a button for the next ones: the side panel is one scrolling
 * box, and with 500 suggestions and 200 threads in it every change inside it cost the page a layout of 700 items
 * (46 ms a frame, measured with bench:browser's trace).
 */
import { h, setText } from './dom.js'
import { t } from '../i18n.js'

export interface KeyedListOptions<T> {
  /** Identifies the item across renders. */
  key: (item: T) => string
  /** Changes whenever the item's element would look or act differently. */
  version: (item: T) => string
  create: (item: T) => HTMLElement
  /** Shown when there are no items. */
  empty: () => HTMLElement
  /** Items shown at first, and added by each press of "Show more". */
  pageSize?: number
}

const PAGE_SIZE = 50

type DraftField = HTMLInputElement | HTMLTextAreaElement

export function keyedList<T>(
  list: HTMLElement,
  options: KeyedListOptions<T>,
): { render(items: readonly T[]): void } {
  let kept = new Map<string, { version: string; element: HTMLElement }>()
  let emptyElement: HTMLElement | null = null
  const pageSize = options.pageSize ?? PAGE_SIZE
  let limit = pageSize
  let last: readonly T[] = []
  const moreButton = h('button', { class: 'link-button', attrs: { type: 'button' } })
  const more = h('li', { class: 'show-more' }, moreButton)
  moreButton.addEventListener('click', () => {
    limit += pageSize
    keyed.render(last)
  })

  const keyed = {
    render(all: readonly T[]) {
      last = all
      const items = all.slice(0, limit)
      const next = new Map<string, { version: string; element: HTMLElement }>()
      let refocus: (() => void) | null = null
      const elements = items.map((item) => {
        const key = options.key(item)
        const version = options.version(item)
        const old = kept.get(key)
        if (old && old.version === version) {
          next.set(key, old)
          return old.element
        }
        const element = options.create(item)
        if (old) refocus = carryDrafts(old.element, element) ?? refocus
        next.set(key, { version, element })
        return element
      })
      kept = next
      if (elements.length === 0) elements.push((emptyElement ??= options.empty()))
      if (all.length > items.length) {
        const hidden = all.length - items.length
        setText(moreButton, t('list.more', { shown: Math.min(pageSize, hidden), hidden }))
        elements.push(more)
      }
      // Move or insert only what is out of place; everything after the last element goes.
      let child = list.firstElementChild
      for (const element of elements) {
        if (child === element) child = child.nextElementSibling
        else list.insertBefore(element, child)
      }
      while (child) {
        const after = child.nextElementSibling
        child.remove()
        child = after
      }
      ;(refocus as (() => void) | null)?.()
    },
  }
  return keyed
}

/** Copies draft fields' words into the new element; returns how to give the focus back if one had it. */
function carryDrafts(from: HTMLElement, to: HTMLElement): (() => void) | null {
  let refocus: (() => void) | null = null
  for (const field of from.querySelectorAll<DraftField>('[data-draft]')) {
    const twin = to.querySelector<DraftField>(`[data-draft="${CSS.escape(field.dataset.draft!)}"]`)
    if (!twin) continue
    twin.value = field.value
    if (document.activeElement === field) {
      const { selectionStart, selectionEnd } = field
      refocus = () => {
        twin.focus()
        twin.setSelectionRange(selectionStart, selectionEnd)
      }
    }
  }
  return refocus
}
