/**
 * @module Colours suggestions by the delegation that proposed them: one rule per delegation, built from the
 * server's list. Delegation ids are escaped into the selectors; colours are checked to be plain hex.
 */
import type { DelegationSummary } from '../api.js'

export function installDelegationColours(delegations: DelegationSummary[]): void {
  const rules = delegations
    .filter((d) => /^#[0-9a-f]{6}$/i.test(d.colour))
    .map((d) => {
      const id = CSS.escape(d.id)
      return [
        `.declaration-text ins[data-delegation="${id}"] { color: ${d.colour}; text-decoration-color: ${d.colour}; background-color: ${d.colour}14; }`,
        `.declaration-text del[data-delegation="${id}"] { color: ${d.colour}; text-decoration-color: ${d.colour}; }`,
        `.suggestion-swatch[data-delegation="${id}"] { background-color: ${d.colour}; }`,
      ].join('\n')
    })
  const style = document.createElement('style')
  style.dataset.accord = 'delegation-colours'
  style.textContent = rules.join('\n')
  document.head.append(style)
}
