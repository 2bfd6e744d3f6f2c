/**
 * Whoever is connected stays on everyone's people list, however long their tab stays quiet (a
 * tab in the background renews its awareness once a minute at best, y-protocols forgets a state
 * after 30 s); they leave it when the relay says they left. Our own state is still renewed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import { keepPeersUntilTheyLeave } from '../../shared/awarenessLifetime.ts'

afterEach(() => void vi.useRealTimers())

describe('awareness lifetime', () => {
  it('keeps a quiet peer until the relay says they left, and still renews our own state', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const quiet = new Awareness(new Y.Doc())
    quiet.setLocalState({ name: 'Moderation' })
    const ours = new Awareness(new Y.Doc())
    keepPeersUntilTheyLeave(ours)
    applyAwarenessUpdate(ours, encodeAwarenessUpdate(quiet, [quiet.clientID]), 'relay')

    // (y-protocols reads the clock it found at import, so the last renewals are moved back instead.)
    ours.meta.get(quiet.clientID)!.lastUpdated -= 5 * 60_000
    const ownClock = ours.meta.get(ours.clientID)!.clock
    ours.meta.get(ours.clientID)!.lastUpdated -= 20_000
    vi.advanceTimersByTime(10_000)
    expect(ours.getStates().get(quiet.clientID)).toEqual({ name: 'Moderation' })
    expect(ours.meta.get(ours.clientID)!.clock).toBeGreaterThan(ownClock)

    removeAwarenessStates(ours, [quiet.clientID], 'relay')
    expect(ours.getStates().has(quiet.clientID)).toBe(false)
    quiet.destroy()
    ours.destroy()
  })
})
