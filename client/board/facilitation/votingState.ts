/**
 * This browser's own ballot for the current vote (the vote itself is one of the declared entries'
 * atoms, `facilitationValue.ts`), and the voting panel's local switches. Parts of the open
 * board's facilitation model (`facilitationModel.ts`), ended with it.
 */
import { atom, react, type Atom } from '@tldraw/state'
import type { Ballot } from '../../../shared/results/voting.ts'
import type { Vote } from '../../../shared/board/entries/vote.ts'
import { ApiError, fetchOwnBallot, sendOwnBallot } from '../../api.ts'
import type { Role } from '../../../shared/access.ts'
import type { Disposers } from '../../sync/disposers.ts'
import { writerSecret } from '../../writerSecret.ts'
import { newestBallotSender } from '../ballotsInFlight.ts'

/** This browser's own ballot of the current vote: kept by the relay, mirrored here. */
export interface OwnBallot {
  voteId: string | null
  dots: Ballot
}

export interface OwnBallotStore {
  ballot: Atom<OwnBallot>
  /** Shows `next` at once and sends it; false (and the relay's ballot shown again) if refused. */
  change(voteId: string, next: Ballot): Promise<boolean>
}

interface BallotSession {
  boardId: string
  token: string
  /** A read-only link holds no ballot: the relay refuses to look one up (403). */
  role?: Role
  beamer?: boolean
}

/**
 * Loads this browser's ballot whenever a vote starts (or the page opens during one), and sends
 * every change. Sends go one after another, each with the newest ballot, so that quick clicks
 * reach the relay in order and as one final state.
 */
export function createOwnBallotStore(session: BallotSession, voteAtom: Atom<Vote | undefined>, disposers: Disposers): OwnBallotStore {
  const writer = writerSecret()
  const ballot = atom<OwnBallot>('my ballot', { voteId: null, dots: {} })
  // Counts local changes, so that an answer older than a click does not undo it.
  let changes = 0
  const load = (voteId: string) => {
    const asked = changes
    return fetchOwnBallot(session.boardId, session.token, writer).then(
      (stored) => {
        if (stored.voteId === voteId && ballot.get().voteId === voteId && changes === asked) ballot.set({ voteId, dots: stored.dots })
      },
      (error: unknown) => console.warn('netzwerkstatt: own ballot not loaded', error),
    )
  }
  const stop = react('load my ballot', () => {
    const vote = voteAtom.get()
    const voteId = vote?.state === 'open' ? vote.id : null
    if (voteId === ballot.__unsafe__getWithoutCapture().voteId) return
    ballot.set({ voteId, dots: {} })
    if (voteId && session.role !== 'observer' && !session.beamer) void load(voteId)
  })
  disposers.add(stop)

  // The reveal waits for these sends (`ballotsInFlight.ts`).
  const send = newestBallotSender<OwnBallot>(
    session.boardId,
    (next) => sendOwnBallot(session.boardId, session.token, writer, { voteId: next.voteId!, dots: next.dots }),
    {
      refused: (error) => !(error instanceof ApiError) && console.warn('netzwerkstatt: ballot not sent', error),
      afterRefusal: () => {
        const voteId = ballot.get().voteId
        if (voteId) return load(voteId)
      },
    },
  )
  const store: OwnBallotStore = {
    ballot,
    change(voteId, next) {
      if (ballot.get().voteId !== voteId) return Promise.resolve(false)
      changes++
      ballot.set({ voteId, dots: next })
      return send({ voteId, dots: next })
    },
  }
  return store
}

/**
 * Whether taps and clicks on notes place dots (on while a vote is open; off lets one edit notes
 * again), and the last hint the canvas wants the panel to say: why a dot did not count, until the
 * next dot placed or taken back. Local to this page.
 */
export interface VotingUi {
  placing: Atom<boolean>
  notice: Atom<{ text: string; at: number } | undefined>
}

export function createVotingUi(): VotingUi {
  return { placing: atom('placing dots', true), notice: atom('voting notice', undefined) }
}
