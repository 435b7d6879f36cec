/**
 * @module Changes told to screen readers with their delegation: a polite live region that says, for instance,
 * "OP4: Osaka inserts “and services”". With twenty delegations typing, what arrives within two seconds is said
 * once, as a count per delegation when more than three changes came together.
 */
import { h } from './dom.js'

const GATHER_MS = 2000

/** `what` is asked when the change is told, so that words typed meanwhile are told whole. */
export function changeAnnouncer(): {
  element: HTMLElement
  announce(what: () => string, delegation: string): void
} {
  const element = h('div', {
    class: 'visually-hidden',
    attrs: { role: 'status', 'aria-live': 'polite', 'data-testid': 'announcer' },
  })
  let gathered: { what: () => string; delegation: string }[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const say = () => {
    timer = undefined
    const byDelegation = new Map<string, number>()
    for (const { delegation } of gathered)
      byDelegation.set(delegation, (byDelegation.get(delegation) ?? 0) + 1)
    element.textContent =
      gathered.length <= 3
        ? gathered.map((g) => g.what()).join('. ')
        : [...byDelegation].map(([delegation, n]) => `${delegation}: ${n} changes`).join('. ')
    gathered = []
  }
  return {
    element,
    announce(what, delegation) {
      gathered.push({ what, delegation })
      timer ??= setTimeout(say, GATHER_MS)
    },
  }
}
