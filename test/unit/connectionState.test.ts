import { describe, expect, it } from 'vitest'
import { attemptsBeforeOffline, connectionState, type ConnectionFacts } from '../../client/board/connectionState.ts'

const facts = (over: Partial<ConnectionFacts>): ConnectionFacts => ({
  online: true,
  socket: 'connected',
  synced: true,
  failedAttempts: 0,
  everSynced: true,
  closed: false,
  ...over,
})

describe('connection indicator state', () => {
  it('is connected only once synced', () => {
    expect(connectionState(facts({}))).toBe('connected')
    expect(connectionState(facts({ synced: false, everSynced: false, socket: 'connecting' }))).toBe('connecting')
  })

  it('says reconnecting after a drop, offline after repeated failures or when the browser is offline', () => {
    expect(connectionState(facts({ socket: 'disconnected', synced: false, failedAttempts: 1 }))).toBe('reconnecting')
    expect(connectionState(facts({ socket: 'connecting', synced: false, failedAttempts: attemptsBeforeOffline }))).toBe('offline')
    expect(connectionState(facts({ online: false }))).toBe('offline')
  })

  it('says gone when the server closed the board for good', () => {
    expect(connectionState(facts({ closed: true, online: false }))).toBe('gone')
  })
})
