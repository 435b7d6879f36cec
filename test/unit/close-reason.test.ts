import { describe, expect, it } from 'vitest'
import { closeReason } from '../../server/collab/connection.js'

describe('a close reason fits a close frame', () => {
  it('keeps a short reason, and cuts a long one to 123 bytes on a character boundary', () => {
    expect(closeReason('read-only')).toBe('read-only')
    const long = closeReason('é'.repeat(200))
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123)
    expect(long.endsWith('…')).toBe(true)
    expect(long).not.toContain('\ufffd')
  })
})
