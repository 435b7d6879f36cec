import { describe, expect, it } from 'vitest'
import { TicketBook } from '../../server/auth/tickets.js'

describe('WebSocket tickets', () => {
  it('admit their participant once, for their document only', () => {
    const book = new TicketBook()
    const ticket = book.issue('osaka-head', 'doc-1')
    expect(book.redeem(ticket, 'doc-1')).toBe('osaka-head')
    expect(book.redeem(ticket, 'doc-1')).toBeUndefined()
  })

  it('are used up by a try on the wrong document', () => {
    const book = new TicketBook()
    const ticket = book.issue('osaka-head', 'doc-1')
    expect(book.redeem(ticket, 'doc-2')).toBeUndefined()
    expect(book.redeem(ticket, 'doc-1')).toBeUndefined()
  })

  it('expire after their lifetime', () => {
    let now = 1_000
    const book = new TicketBook(() => now, 30_000)
    const ticket = book.issue('osaka-head', 'doc-1')
    now += 30_001
    expect(book.redeem(ticket, 'doc-1')).toBeUndefined()
  })
})
