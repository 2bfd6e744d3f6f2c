/**
 * The facilitation state of one open board: every declared `facilitation` entry as an atom (the
 * vote among them), the tools' view (peers, the relay's clock, the facilitator's writes), this
 * browser's ballot, and the voting panel's local switches. Made with the open board and disposed
 * with it.
 *
 * Each part is built when first asked for, as before: the tools publish our role in awareness and
 * measure the relay's clock, the ballot is fetched from the relay; a board that never shows them
 * need not. A part asked for after the board closed is ended at once.
 */
import type { Atom } from '@tldraw/state'
import type { Vote } from '../../../shared/board/entries/vote.ts'
import { Disposers } from '../../sync/disposers.ts'
import { createFacilitation, type Facilitation, type FacilitationParts } from './facilitationState.ts'
import { createFacilitationValues, type EntryAtoms } from './facilitationValue.ts'
import { createOwnBallotStore, createVotingUi, type OwnBallotStore, type VotingUi } from './votingState.ts'

export interface FacilitationModel {
  readonly tools: Facilitation
  /** Every declared entry of the `facilitation` map, read, re-read when it changes. */
  readonly entries: EntryAtoms
  /** One key of the `facilitation` map as stored, re-read when it changes. */
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
  const values = once(() => createFacilitationValues(board.doc, disposers))
  const tools = once(() => createFacilitation(board, values().entries, disposers))
  const ownBallot = once(() => createOwnBallotStore(board, values().entries.vote, disposers))
  const votingUi = once(createVotingUi)
  return {
    get tools() {
      return tools()
    },
    get entries() {
      return values().entries
    },
    value: (key) => values().value(key),
    get vote() {
      return values().entries.vote
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
