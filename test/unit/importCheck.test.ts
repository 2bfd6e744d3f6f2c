/**
 * An imported board's document is judged as the facilitator's whole update onto an empty board
 * (`server/boardArchive/importCheck.ts`); what only the relay writes into a vote is read with the
 * vote's schema instead, so a board with a revealed vote moves, and a forged result does not.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeDocument } from '../../server/boardArchive/importCheck.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { comments, maxCommentText, type Comment } from '../../shared/board/comments.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { startVote, writeParticipation, writeResults } from '../../shared/board/entries/vote.ts'
import { revealAndKeep, voteRecordEntry } from '../../shared/board/entries/voteRecord.ts'
import { putNote } from '../helpers/records.ts'
import { recordWriter, writersEntry } from '../../shared/board/entries/writers.ts'

function board(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de'))
  putNote(doc, 'idee', 'Eine Idee')
  change(doc)
  return Y.encodeStateAsUpdate(doc)
}

const vote = { id: 'abstimmung', dotsPerPerson: 3, scope: { kind: 'board' as const }, startedAt: 1 }

describe('judging an imported document', () => {
  it('takes a board with notes, an open vote and a revealed one', () => {
    expect(judgeDocument(board(() => {}))).toBeNull()
    expect(judgeDocument(board((doc) => (startVote(doc, vote), writeParticipation(doc, vote.id, { voters: 2, dots: 5 }))))).toBeNull()
    expect(judgeDocument(board((doc) => (startVote(doc, vote), writeResults(doc, vote.id, { 'shape:idee': 5 }, { voters: 2, dots: 5 }, ['shape:idee']))))).toBeNull()
  })

  it('takes a board whose record keeps two votes, and refuses a kept vote that does not read', () => {
    const twoVotes = (doc: Y.Doc) => {
      startVote(doc, vote)
      revealAndKeep(doc, vote.id, { 'shape:idee': 5 }, { voters: 2, dots: 5 })
      startVote(doc, { ...vote, id: 'zweite', question: 'Und dann?' })
      revealAndKeep(doc, 'zweite', { 'shape:idee': 1 }, { voters: 1, dots: 1 })
    }
    expect(judgeDocument(board(twoVotes))).toBeNull()
    const unreadable = board((doc) => {
      twoVotes(doc)
      voteRecordEntry.map(doc)!.set('zweite', { id: 'zweite', results: { 'shape:idee': -1 } })
    })
    expect(judgeDocument(unreadable)).toBe('facilitation/voteRecord: invalid value')
  })

  it('refuses a forged vote result, a vote field nobody writes and bytes that are no update', () => {
    const forged = board((doc) => {
      startVote(doc, vote)
      ;(facilitationMap(doc).get(facilitationKeys.vote) as Y.Map<unknown>).set('results', { 'shape:idee': -3 })
    })
    expect(judgeDocument(forged)).toBe('facilitation/vote: invalid value')
    const stray = board((doc) => {
      startVote(doc, vote)
      ;(facilitationMap(doc).get(facilitationKeys.vote) as Y.Map<unknown>).set('ballots', { anna: 3 })
    })
    expect(judgeDocument(stray)).toBe('facilitation/vote/ballots: invalid value')
    expect(judgeDocument(new Uint8Array([1, 2, 3]))).toBe('the update does not decode')
  })

  it('takes a board with its record of who wrote, as the relay wrote it, and refuses one no relay would have written', () => {
    const anna = 'AAAAAAAAAAAAAAAAAAAAAA'
    expect(judgeDocument(board((doc) => recordWriter(doc, anna, 'Anna Krüger (Jobcenter)')))).toBeNull()
    const tooLong = board((doc) => {
      const map = new Y.Map<unknown>()
      facilitationMap(doc).set(writersEntry.key, map)
      map.set(anna, 'x'.repeat(81))
    })
    expect(judgeDocument(tooLong)).toBe('facilitation/writers: invalid value')
  })

  it('takes a commented board as it was, and refuses a comment no relay would have taken', () => {
    const place = { kind: 'place', pageId: 'page:page', x: 10, y: 20 } as const
    const start: Comment = { author: 'a'.repeat(43), name: 'Anna', text: 'Wer lädt ein?', at: 1, target: place, resolved: true }
    const reply: Comment = { author: 'b'.repeat(43), name: 'Bert', text: 'Ich.', at: 2, replyTo: 'c1', editedAt: 3 }
    // Other people's comments, a resolved thread and an edited reply: what any board holds after a session.
    expect(judgeDocument(board((doc) => (comments(doc).set('c1', start), comments(doc).set('r1', reply))))).toBeNull()
    expect(judgeDocument(board((doc) => comments(doc).set('r1', reply)))).toBe('comments/r1: a reply answers a thread that is there')
    expect(judgeDocument(board((doc) => (comments(doc).set('c1', start), comments(doc).set('r1', { ...reply, resolved: true }))))).toBe(
      'comments/r1: a thread is resolved on its first comment',
    )
    expect(judgeDocument(board((doc) => comments(doc).set('c1', { ...start, text: 'x'.repeat(maxCommentText + 1) })))).toBe('comments/c1: not a comment')
  })
})
