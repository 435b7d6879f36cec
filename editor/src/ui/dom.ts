/**
 * @module A tiny helper for building DOM: text goes in as text (`textContent`), never as HTML, so names
 * and messages from other participants can never inject markup.
 */

type Child = Node | string | null | undefined | false

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; attrs?: Record<string, string>; style?: Partial<CSSStyleDeclaration> } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  if (props.class) element.className = props.class
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value)
  if (props.style) Object.assign(element.style, props.style)
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    element.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
  return element
}

/** Sets an element's text only when it differs: panels re-render often, and an unchanged text costs no layout. */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text
}
