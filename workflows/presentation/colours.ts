/**
 * @module Delegation colours, in the order delegations are created (the secretariat, the host — the chair's
 * colour — then each member and observer). Two requirements pull apart: every mark's words must be readable
 * (WCAG contrast ≥ 4.5:1 on the mark's own tinted background, hence on white) and any two delegations must look
 * different. Readable colours are dark (CIELAB L* ≤ 50), which caps how far apart many of them can be.
 *
 * The palette was chosen once by search (farthest-point selection, then local improvement, over all sRGB
 * colours in steps of 4 that pass the contrast bound, are no darker than L* 28 and differ from the body text by
 * ΔE00 ≥ 25, so no delegation looks like agreed text), ordered so that every prefix is as spread as it can be.
 * Measured by CIEDE2000 (`colour-difference.ts`, unit-tested): any two of the first 10 differ by ΔE00 ≥ 19, of the
 * first 18 by ≥ 15, of the first 42 (a conference of 40 delegations with its secretariat and host) by ≥ 10.
 * Colour is never the only cue: the hover card names the delegation of every mark, insertions are underlined and
 * deletions struck through, and the panels name delegations in words.
 */

export const MIN_CONTRAST_ON_WHITE = 4.5

/** The tint a mark's background takes of its colour (alpha 0x14 of 0xff over white). */
export const MARK_TINT_ALPHA = 0x14 / 0xff

export const DELEGATION_PALETTE: readonly string[] = [
  '#0068e8',
  '#687400',
  '#dc000c',
  '#840060',
  '#006060',
  '#706c70',
  '#643c08',
  '#a800fc',
  '#ac5464',
  '#68548c',
  '#006830',
  '#88081c',
  '#ac5800',
  '#647460',
  '#0c30e4',
  '#c8209c',
  '#484808',
  '#107898',
  '#6c404c',
  '#8010a4',
  '#906800',
  '#846478',
  '#94644c',
  '#607090',
  '#a80048',
  '#705cd4',
  '#842800',
  '#704434',
  '#7c6c58',
  '#587074',
  '#a04438',
  '#0c7c60',
  '#8c4880',
  '#d8003c',
  '#9850b8',
  '#54583c',
  '#204c0c',
  '#d4146c',
  '#745c58',
  '#385c44',
  '#6c5414',
  '#0c6498',
  '#b03c04',
  '#506c34',
  '#7c7038',
  '#008020',
  '#087c80',
  '#4458ac',
]

/** The n-th delegation colour, as `#rrggbb`: the palette's, then (past it) distinct hues darkened to contrast. */
export function delegationColour(index: number): string {
  const chosen = DELEGATION_PALETTE[index]
  if (chosen) return chosen
  const hue = (index * 137.508 + 210) % 360
  const saturation = 0.7
  for (let lightness = 0.5; lightness > 0.05; lightness -= 0.01) {
    const rgb = hslToRgb(hue, saturation, lightness)
    if (contrastOnWhite(rgb) >= MIN_CONTRAST_ON_WHITE) return toHex(rgb)
  }
  return '#333333'
}

/** WCAG contrast ratio between two colours. */
export function contrastRatio(
  a: readonly [number, number, number],
  b: readonly [number, number, number],
): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)]
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

/** A colour's tint over white, as a mark's background shows it. */
export function tintOnWhite(
  rgb: readonly [number, number, number],
  alpha = MARK_TINT_ALPHA,
): [number, number, number] {
  return [0, 1, 2].map((i) => Math.round(rgb[i]! * alpha + 255 * (1 - alpha))) as [number, number, number]
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
