/**
 * @module Delegation colours: distinct hues, each darkened until it reaches a WCAG contrast of at least
 * 4.5:1 on white, so a delegation's name, caret label and (later) its suggestions stay readable on the page.
 */

export const MIN_CONTRAST_ON_WHITE = 4.5

/** The n-th delegation colour, as `#rrggbb`. Hues step by the golden angle so neighbours differ. */
export function delegationColour(index: number): string {
  const hue = (index * 137.508 + 210) % 360
  const saturation = 0.7
  for (let lightness = 0.5; lightness > 0.05; lightness -= 0.01) {
    const rgb = hslToRgb(hue, saturation, lightness)
    if (contrastOnWhite(rgb) >= MIN_CONTRAST_ON_WHITE) return toHex(rgb)
  }
  return '#333333'
}

/** WCAG contrast ratio of a colour against white. */
export function contrastOnWhite(rgb: readonly [number, number, number]): number {
  return 1.05 / (relativeLuminance(rgb) + 0.05)
}

export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

function hslToRgb(hue: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + hue / 30) % 12
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
  }
  return [f(0), f(8), f(4)]
}

function toHex([r, g, b]: readonly [number, number, number]): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`
}
