/** What this page does to the vote: its own dots, and (for the facilitator) the vote's course. */
import { uniqueId, useValue, type Editor, type TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { canEdit } from '../../shared/access.ts'
import { addDot, pruneBallot, removeDot, tally, voteCsv, voteCsvFileName, votedNotes, voteWords, type Ballot } from '../../shared/results/voting.ts'
import { consentOf } from '../board/boardConsent.ts'
import { withExportHolds } from '../board/heldBack.ts'
import { readVote, startVote, type Vote, type VoteScope } from '../../shared/board/entries/vote.ts'
import { revealVote } from '../api.ts'
import { ballotsAnswered } from '../board/ballotsInFlight.ts'
import { plural } from '../i18n.ts'
import type { OpenBoard } from '../board/openBoard.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { locale } from '../locale.ts'
import { saveBlob } from '../saveFile.ts'
import { noteText, notesInScopeNow } from './votingScope.ts'
import type { OwnBallotStore, VotingUi } from '../board/facilitation/votingState.ts'
import { t } from '../locale.ts'

export interface VotingView {
  session: OpenBoard
  doc: Y.Doc
  vote: Vote | undefined
  /** This browser's own ballot (secret until the reveal: it lives on the relay). */
  ballots: OwnBallotStore
  /** Whether clicks place dots, and the panel's last hint. */
  ui: VotingUi
  /** May this page vote at all (observers may not). */
  mayVote: boolean
  isFacilitator: boolean
}

export function useVoting(): VotingView {
  const session = useOpenBoard()
  const doc = session.connection.doc
  const { facilitation } = session
  const vote = useValue('dot vote', () => facilitation.vote.get(), [facilitation])
  const ballots = facilitation.ownBallot
  return { session, doc, vote, ballots, ui: facilitation.votingUi, mayVote: canEdit(session.role), isFacilitator: session.role === 'facilitator' }
}

/** „1 Punkt“, „3 Punkte“: by the language's plural rules. */
export const dotsText = (count: number) => plural(locale, count, { one: t.voteDotsOne, other: t.voteDots })

/** „Noch 2 Punkte“, „Alle Punkte vergeben“: what I have left to place. */
export const dotsLeftText = (left: number) => (left === 0 ? t.voteDotsNone : plural(locale, left, { one: t.voteDotsLeftOne, other: t.voteDotsLeft }))

/** My ballot for `vote`, less dots on notes someone has deleted since (I get those back). */
export function myLiveBallot(editor: Editor, ballots: OwnBallotStore, vote: Vote | undefined): Ballot {
  const mine = ballots.ballot.get()
  if (!vote || mine.voteId !== vote.id) return {}
  return pruneBallot(mine.dots, (id) => editor.getShape(id as TLShapeId) !== undefined)
}

/** One more of my dots on the note; false (and a hint) when all are used or voting has ended. */
export function placeDot(editor: Editor, view: Pick<VotingView, 'doc' | 'ballots' | 'ui'>, shapeId: string): boolean {
  // The vote as it is now, not as the last render saw it: quick clicks must count each.
  const vote = readVote(view.doc)
  if (!vote || vote.state !== 'open') return false
  const next = addDot(myLiveBallot(editor, view.ballots, vote), shapeId, vote.dotsPerPerson)
  if (!next) {
    view.ui.notice.set({ text: t.voteNoDotsLeft, at: Date.now() })
    return false
  }
  // This one counts: what the panel said about an earlier one no longer holds.
  view.ui.notice.set(undefined)
  void sendBallot(view, vote.id, next)
  return true
}

export function takeDot(editor: Editor, view: Pick<VotingView, 'doc' | 'ballots' | 'ui'>, shapeId: string): boolean {
  const vote = readVote(view.doc)
  if (!vote || vote.state !== 'open') return false
  view.ui.notice.set(undefined)
  void sendBallot(view, vote.id, removeDot(myLiveBallot(editor, view.ballots, vote), shapeId))
  return true
}

async function sendBallot(view: Pick<VotingView, 'ballots' | 'ui'>, voteId: string, next: Ballot) {
  if (!(await view.ballots.change(voteId, next))) {
    view.ui.notice.set({ text: t.voteBallotRefused, at: Date.now() })
  }
}

/** The facilitator's reveal: the relay counts the secret ballots and writes the result. */
export async function reveal(view: Pick<VotingView, 'session' | 'ui'>, voteId: string): Promise<void> {
  try {
    await ballotsAnswered(view.session.boardId)
    await revealVote(view.session.boardId, view.session.token, voteId)
  } catch (error) {
    console.warn('netzwerkstatt: vote not revealed', error)
    view.ui.notice.set({ text: t.voteRevealFailed, at: Date.now() })
  }
}

/** Starts a vote now (replacing any earlier one on the screens; its result stays in the record); a fresh id means fresh voter keys. */
export const openVote = (doc: Y.Doc, dotsPerPerson: number, scope: VoteScope, question = '') =>
  startVote(doc, { id: uniqueId(), dotsPerPerson, scope, startedAt: Date.now(), question })

/** The notes a revealed vote is about that are still on the board (none written after the reveal). */
export const votedNotesNow = (editor: Editor, vote: Vote) =>
  [...votedNotes(vote, () => notesInScopeNow(editor, vote.scope).map((n) => n.id))].filter((id) => editor.getShape(id as TLShapeId))

/** The ranked result with every note it was about (those without dots last), as the list shows it. */
export function rankedResult(editor: Editor, vote: Vote) {
  const texts = new Map<string, string | undefined>()
  const textOf = (id: string) => {
    if (!texts.has(id)) texts.set(id, noteText(editor, id))
    return texts.get(id)
  }
  const entries = tally([vote.results ?? {}], {
    include: votedNotesNow(editor, vote),
    order: (a, b) => (textOf(a) ?? '').localeCompare(textOf(b) ?? '', locale),
  })
  return { entries, textOf }
}

/** Downloads the ranked tally as CSV (dots-less notes included, so the list is complete). */
export function downloadVoteCsv(editor: Editor, vote: Vote) {
  const { entries, textOf } = rankedResult(editor, vote)
  // A file leaves the board: what a template holds back (a Fallkonferenz's case) stays out, as in every export.
  withExportHolds(({ heldBackNotes }) => {
    const held = heldBackNotes(editor.store.allRecords(), consentOf(editor.store))
    const csv = voteCsv(vote, entries, (id) => (held(id) ? voteWords.withheld[locale] : textOf(id)), locale)
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), voteCsvFileName(vote, locale))
  }, reportError)
}
