import { atom } from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { ConnectionState } from '../../../client/board/connectionState.ts'
import { createFacilitationModel } from '../../../client/board/facilitation/facilitationModel.ts'
import { facilitationKeys, facilitationMap } from '../../../shared/board/facilitation.ts'
import { startVote } from '../../../shared/board/entries/vote.ts'

/** Handlers on the facilitation map and on awareness: what a board left open would keep alive. */
function listeners(doc: Y.Doc, awareness: Awareness) {
  const map = facilitationMap(doc)
  return { map: map._eH.l.length, deep: map._dEH.l.length, awareness: awareness._observers.get('change')?.size ?? 0 }
}

afterEach(() => vi.unstubAllGlobals())

describe('facilitation model', () => {
  it('ends every observer it started when it is disposed, while the doc lives on', () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 404 }))
    vi.stubGlobal('fetch', fetch)
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    const state = atom<ConnectionState>('connection', 'connecting')
    const before = listeners(doc, awareness)

    const model = createFacilitationModel({ boardId: 'b', token: 't', role: 'facilitator', doc, awareness, state })
    // Every part, as the components reach them.
    const { timer } = model.tools
    const exports = model.value(facilitationKeys.exports)
    const { vote, ownBallot, votingUi } = model
    expect(ownBallot.ballot.get().voteId).toBeNull()
    votingUi.placing.set(false)
    expect(listeners(doc, awareness)).not.toEqual(before)

    model.dispose()
    expect(listeners(doc, awareness)).toEqual(before)
    expect(doc.isDestroyed).toBe(false)

    // Nothing reacts any more: no atom follows the doc, no clock measured, no ballot fetched.
    facilitationMap(doc).set(facilitationKeys.timer, { durationMs: 60_000, startedAt: null, remainingAtPauseMs: null, setAt: 1 })
    facilitationMap(doc).set(facilitationKeys.exports, { observers: true })
    startVote(doc, { id: 'v1', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1 })
    state.set('connected')
    expect(timer.get()).toBeUndefined()
    expect(exports.get()).toBeUndefined()
    expect(vote.get()).toBeUndefined()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('builds a part asked for after its board closed already ended', () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    const before = listeners(doc, awareness)
    const model = createFacilitationModel({ boardId: 'b', token: 't', role: 'participant', doc, awareness, state: atom<ConnectionState>('c', 'connecting') })
    model.dispose()
    // A component that renders once more during the teardown must not start anything that stays.
    void model.tools.peers.get()
    void model.vote.get()
    void model.value(facilitationKeys.scaffold).get()
    expect(listeners(doc, awareness)).toEqual(before)
  })
})
