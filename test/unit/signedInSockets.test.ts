/** Sockets of a sign-in close when it is signed out or expires, and only those. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SignedInSockets } from '../../server/auth/signedInSockets.ts'

describe('the sockets of a sign-in', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('close when it is signed out, and no others', () => {
    const sockets = new SignedInSockets()
    const closed: string[] = []
    const now = Date.now()
    sockets.add('mira', now + 60_000, () => closed.push('mira im Board A'), now)
    sockets.add('mira', now + 60_000, () => closed.push('mira im Board B'), now)
    sockets.add('sabine', now + 60_000, () => closed.push('sabine'), now)
    expect(sockets.end('mira')).toBe(2)
    expect(closed).toEqual(['mira im Board A', 'mira im Board B'])
    // Once closed, a second sign-out finds nothing left to close.
    expect(sockets.end('mira')).toBe(0)
    expect(closed).toHaveLength(2)
  })

  it('close when it expires, unless the socket closed before', () => {
    const sockets = new SignedInSockets()
    const closed: string[] = []
    const now = Date.now()
    sockets.add('mira', now + 60_000, () => closed.push('offen'), now)
    const forget = sockets.add('mira', now + 60_000, () => closed.push('schon zu'), now)
    forget()
    vi.advanceTimersByTime(59_999)
    expect(closed).toEqual([])
    vi.advanceTimersByTime(1)
    expect(closed).toEqual(['offen'])
    expect(sockets.end('mira')).toBe(0)
  })
})
