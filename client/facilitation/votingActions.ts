/** What this page does to the vote: its own dots, and (for the facilitator) the vote's course. */
import { useMemo } from 'react'
import { uniqueId, useValue, type Editor, type TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { canEdit } from '../../shared/access.ts'
import {
  addDot,
  castBallot,
  ownBallot,
  pruneBallot,
  readVote,
  removeDot,
  startVote,
  tally,
  voteCsv,
  voteCsvFileName,
  type Vote,
  type VoteScope,
} from '../../shared/facilitation/voting.ts'
import { useBoardSession } from '../board/boardContext.ts'
import { locale } from '../locale.ts'
import { saveBlob } from '../saveFile.ts'
import { noteText, notesInScopeNow } from './votingScope.ts'
import { voteAtom, voterKeyFor, votingUi } from './votingState.ts'
import { t } from '../locale.ts'

export interface VotingView {
  doc: Y.Doc
  vote: Vote | undefined
  /** This browser's key for the current vote (undefined without a vote). */
  voterKey: string | undefined
  /** May this page vote at all (observers may not). */
  mayVote: boolean
  isFacilitator: boolean
}

export function useVoting(): VotingView {
  const session = useBoardSession()
  const doc = session.connection.doc
  const vote = useValue('dot vote', () => voteAtom(doc).get(), [doc])
  const voteId = vote?.id
  const voterKey = useMemo(() => (voteId ? voterKeyFor(session.boardId, voteId) : undefined), [session.boardId, voteId])
  return { doc, vote, voterKey, mayVote: canEdit(session.role), isFacilitator: session.role === 'facilitator' }
}

/** My ballot, less dots on notes someone has deleted since (I get those back). */
export const myLiveBallot = (editor: Editor, vote: Vote | undefined, voterKey: string | undefined) =>
  pruneBallot(ownBallot(vote, voterKey), (id) => editor.getShape(id as TLShapeId) !== undefined)

/** One more of my dots on the note; false (and a hint) when all are used or voting has ended. */
export function placeDot(editor: Editor, doc: Y.Doc, voterKey: string, shapeId: string): boolean {
  // The doc as it is now, not as the last render saw it: quick clicks must count each.
  const vote = readVote(doc)
  if (!vote || vote.state !== 'open') return false
  const next = addDot(myLiveBallot(editor, vote, voterKey), shapeId, vote.dotsPerPerson)
  if (!next) {
    votingUi(doc).notice.set({ text: t.voteNoDotsLeft, at: Date.now() })
    return false
  }
  return castBallot(doc, vote.id, voterKey, next)
}

export function takeDot(editor: Editor, doc: Y.Doc, voterKey: string, shapeId: string): boolean {
  const vote = readVote(doc)
  if (!vote || vote.state !== 'open') return false
  return castBallot(doc, vote.id, voterKey, removeDot(myLiveBallot(editor, vote, voterKey), shapeId))
}

/** Starts a vote now (replacing any earlier one); a fresh id means fresh voter keys. */
export const openVote = (doc: Y.Doc, dotsPerPerson: number, scope: VoteScope) =>
  startVote(doc, { id: uniqueId(), dotsPerPerson, scope, startedAt: Date.now() })

/** The ranked result with every note in scope (those without dots last), as the list shows it. */
export function rankedResult(editor: Editor, vote: Vote) {
  const texts = new Map<string, string | undefined>()
  const textOf = (id: string) => {
    if (!texts.has(id)) texts.set(id, noteText(editor, id))
    return texts.get(id)
  }
  const entries = tally(vote.ballots.values(), {
    include: notesInScopeNow(editor, vote.scope).map((n) => n.id),
    order: (a, b) => (textOf(a) ?? '').localeCompare(textOf(b) ?? '', locale),
  })
  return { entries, textOf }
}

/** Downloads the ranked tally as CSV (dots-less notes included, so the list is complete). */
export function downloadVoteCsv(editor: Editor, vote: Vote) {
  const { entries, textOf } = rankedResult(editor, vote)
  const csv = voteCsv(vote, entries, textOf, locale)
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), voteCsvFileName(vote, locale))
}
