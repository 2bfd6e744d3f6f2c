import { describe, expect, it } from 'vitest'
import {
  attemptsBeforeOffline,
  connectionState,
  initialFacts,
  nextFacts,
  refusalFor,
  type ConnectionEvent,
  type ConnectionFacts,
} from '../../client/board/connectionState.ts'
import { closeAction, nextBackOff, providerShouldReconnect } from '../../client/board/reconnectPolicy.ts'
import { CloseCode } from '../../shared/protocol.ts'

const facts = (over: Partial<ConnectionFacts>): ConnectionFacts => ({
  online: true,
  socket: 'connected',
  synced: true,
  failedAttempts: 0,
  everSynced: true,
  refusal: null,
  ...over,
})

/** The state after these events, starting from a live, synced connection. */
const after = (...events: ConnectionEvent[]) => connectionState(events.reduce(nextFacts, facts({})))

describe('connection indicator state', () => {
  it('is connected only once synced', () => {
    expect(connectionState(facts({}))).toBe('connected')
    expect(connectionState(facts({ synced: false, everSynced: false, socket: 'connecting' }))).toBe('connecting')
    expect(connectionState(initialFacts(true))).toBe('connecting')
    expect(connectionState(initialFacts(false))).toBe('offline')
  })

  it('says reconnecting after a drop, offline after repeated failures or when the browser is offline', () => {
    expect(connectionState(facts({ socket: 'disconnected', synced: false, failedAttempts: 1 }))).toBe('reconnecting')
    expect(connectionState(facts({ socket: 'connecting', synced: false, failedAttempts: attemptsBeforeOffline }))).toBe('offline')
    expect(connectionState(facts({ online: false }))).toBe('offline')
  })

  it('says gone when the server closed the board for good', () => {
    expect(connectionState(facts({ refusal: 'gone', online: false }))).toBe('gone')
  })

  it('goes from connected to reconnecting on a plain drop, and back', () => {
    const dropped: ConnectionEvent[] = [
      { type: 'closed', code: 1006 },
      { type: 'sync', synced: false },
      { type: 'status', status: 'disconnected' },
      { type: 'attempts', failed: 1 },
    ]
    expect(after(...dropped)).toBe('reconnecting')
    // A refused upgrade (HTTP 401) also looks like 1006: after a few, offline, as before.
    expect(after(...dropped, { type: 'status', status: 'connecting' }, { type: 'closed', code: 1006 }, { type: 'attempts', failed: attemptsBeforeOffline })).toBe('offline')
    expect(after(...dropped, { type: 'status', status: 'connected' }, { type: 'sync', synced: true }, { type: 'attempts', failed: 0 })).toBe('connected')
  })
})

describe('refusals by close code', () => {
  it('maps the relay codes', () => {
    expect(refusalFor(CloseCode.unauthorized)).toBe('unauthorized')
    expect(refusalFor(CloseCode.boardGone)).toBe('gone')
    expect(refusalFor(CloseCode.rateLimited)).toBe('rate-limited')
    expect(refusalFor(CloseCode.tooManyConnections)).toBe('too-many-connections')
    expect(refusalFor(CloseCode.boardFull)).toBe('board-full')
    expect(refusalFor(1006)).toBeNull()
    expect(refusalFor(CloseCode.slowConsumer)).toBeNull()
  })

  it('4401: link invalid or replaced, for good, whatever the provider or network do next', () => {
    const state = after(
      { type: 'closed', code: CloseCode.unauthorized },
      { type: 'status', status: 'disconnected' },
      { type: 'status', status: 'connecting' },
      { type: 'status', status: 'connected' },
      { type: 'sync', synced: true },
      { type: 'network', online: false },
    )
    expect(state).toBe('unauthorized')
  })

  it('4404: the board is gone, for good', () => {
    expect(after({ type: 'closed', code: CloseCode.boardGone }, { type: 'sync', synced: true }, { type: 'network', online: true })).toBe('gone')
  })

  it('an HTTP check that finds the link refused ends it the same way', () => {
    expect(after({ type: 'closed', code: 1006 }, { type: 'refused', refusal: 'unauthorized' }, { type: 'sync', synced: true })).toBe('unauthorized')
    expect(after({ type: 'refused', refusal: 'gone' })).toBe('gone')
  })

  it('4420 and 4429: a notice while waiting to retry, cleared by the next successful sync', () => {
    const limited: ConnectionEvent[] = [{ type: 'closed', code: CloseCode.rateLimited }, { type: 'status', status: 'disconnected' }]
    expect(after(...limited)).toBe('rate-limited')
    expect(after(...limited, { type: 'status', status: 'connecting' })).toBe('rate-limited')
    expect(after(...limited, { type: 'status', status: 'connected' }, { type: 'sync', synced: true })).toBe('connected')
    // Synced again, then a later drop is a plain reconnect.
    expect(after(...limited, { type: 'status', status: 'connected' }, { type: 'sync', synced: true }, { type: 'closed', code: 1001 })).toBe('reconnecting')

    const full: ConnectionEvent[] = [{ type: 'closed', code: CloseCode.tooManyConnections }, { type: 'attempts', failed: 5 }]
    // Even after many attempts it says why, rather than "offline".
    expect(after(...full)).toBe('too-many-connections')
    expect(after(...full, { type: 'network', online: false })).toBe('offline')
  })
})

describe('reconnecting after a close', () => {
  it('stops for 4401 and 4404, backs off for 4420 and 4429, retries quickly otherwise', () => {
    expect(closeAction(CloseCode.unauthorized)).toBe('stop')
    expect(closeAction(CloseCode.boardGone)).toBe('stop')
    expect(closeAction(CloseCode.boardFull)).toBe('stop')
    expect(closeAction(CloseCode.rateLimited)).toBe('back-off')
    expect(closeAction(CloseCode.tooManyConnections)).toBe('back-off')
    expect(closeAction(4499)).toBe('back-off')
    for (const code of [1000, 1001, 1006, 1011, CloseCode.slowConsumer]) expect(closeAction(code)).toBe('retry')
    // The provider's own quick retries only for 'retry'; our timer handles the back-off.
    expect(providerShouldReconnect({ code: 1006 })).toBe(true)
    expect(providerShouldReconnect({ code: CloseCode.rateLimited })).toBe(false)
    expect(providerShouldReconnect({ code: CloseCode.unauthorized })).toBe(false)
  })

  it('waits longer after each refusal in a row, up to a minute, and starts over after a quiet while', () => {
    const middle = () => 0.5
    let backOff = nextBackOff(null, 0, middle)
    expect(backOff).toEqual({ attempt: 0, at: 0, delayMs: 2_000 })
    const delays = [backOff.delayMs]
    for (let i = 1; i < 8; i++) {
      backOff = nextBackOff(backOff, i * 1_000, middle)
      delays.push(backOff.delayMs)
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000])
    expect(nextBackOff(backOff, backOff.at + 10 * 60_000, middle).attempt).toBe(0)
    // Spread so that everyone thrown out at once does not come back at once.
    expect(nextBackOff(null, 0, () => 0).delayMs).toBe(1_500)
    expect(nextBackOff(null, 0, () => 1).delayMs).toBe(2_500)
  })
})
