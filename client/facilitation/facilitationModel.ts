/**
 * The facilitation state of one open board: the tools' view (timer, step, agenda, roles, peers,
 * the relay's clock), single `facilitation` keys as atoms, the vote with this browser's ballot,
 * and the voting panel's local switches. Made with the open board and disposed with it.
 *
 * Each part is built when first asked for, as before: the tools publish our role in awareness and
 * measure the relay's clock, the ballot is fetched from the relay; a board that never shows them
 * need not. A part asked for after the board closed is ended at once.
 */
import type { Atom } from 'tldraw'
import type { Vote } from '../../shared/results/voting.ts'
import { Disposers } from '../sync/disposers.ts'
import { createFacilitation, type Facilitation, type FacilitationParts } from './facilitationState.ts'
import { createFacilitationValues } from './facilitationValue.ts'
import { createOwnBallotStore, createVoteAtom, createVotingUi, type OwnBallotStore, type VotingUi } from './votingState.ts'

export interface FacilitationModel {
  readonly tools: Facilitation
  /** One key of the `facilitation` map, re-read when it changes. */
  value(key: string): Atom<unknown>
  readonly vote: Atom<Vote | undefined>
  readonly ownBallot: OwnBallotStore
  readonly votingUi: VotingUi
  dispose(): void
}

export interface FacilitationBoard extends FacilitationParts {
  boardId: string
  token: string
}

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined
  return () => (built ??= { value: build() }).value
}

export function createFacilitationModel(board: FacilitationBoard): FacilitationModel {
  const disposers = new Disposers()
  const tools = once(() => createFacilitation(board, disposers))
  const values = once(() => createFacilitationValues(board.doc, disposers))
  const vote = once(() => createVoteAtom(board.doc, disposers))
  const ownBallot = once(() => createOwnBallotStore(board, vote(), disposers))
  const votingUi = once(createVotingUi)
  return {
    get tools() {
      return tools()
    },
    value: (key) => values()(key),
    get vote() {
      return vote()
    },
    get ownBallot() {
      return ownBallot()
    },
    get votingUi() {
      return votingUi()
    },
    dispose: () => disposers.dispose(),
  }
}
