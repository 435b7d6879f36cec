/**
 * @module Meeting mode's floor (issue 19): what the room is reading — a paragraph, or some words of it. The server
 * writes it into the workflow map (`FLOOR`); every page, the projector and the compilation read it from there.
 */
import type { ThreadAnchor } from '../threads/thread.js'

/** Words of the paragraph on the floor: anchored like a comment's, so that they follow later edits. */
export interface FloorWords {
  anchor: ThreadAnchor
  /** The words as they were when the chair put them on the floor. */
  quote: string
}

/** What is on the floor: a paragraph (and perhaps some of its words), its number then, since when, by whom. */
export interface Floor {
  paragraph: string
  number: string
  at: string
  by: string
  words?: FloorWords
}

/** The floor as the workflow map holds it, or null. */
export function floorFrom(value: unknown): Floor | null {
  return typeof value === 'object' && value !== null && typeof (value as Floor).paragraph === 'string'
    ? (value as Floor)
    : null
}
