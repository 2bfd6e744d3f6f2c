/**
 * This browser's dots in the open vote, for the list: secret until the reveal, so kept on the
 * relay (`PUT /api/boards/:id/vote/ballot`) and fetched from there, as the canvas keeps them
 * (`board/facilitation/votingState.ts`, which needs tldraw's atoms). A dot given and one taken
 * back are the same thing to the relay: the whole ballot, sent again.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { addDot, pruneBallot, removeDot, type Ballot } from '../../shared/results/voting.ts'
import type { Vote } from '../../shared/board/entries/vote.ts'
import { fetchOwnBallot, sendOwnBallot } from '../ownCalls.ts'
import type { Role } from '../../shared/access.ts'
import { plural, type Locale } from '../i18n.ts'
import { locale, t, type FirstLoadMessages } from '../firstLoadLocale.ts'
import { newestBallotSender } from '../board/ballotsInFlight.ts'

/** „Sie haben noch 2 Punkte.“, and none in words. */
export const dotsLeftWords = (left: number, lang: Locale = locale, words: FirstLoadMessages = t) =>
  plural(lang, left, { zero: words.contributeDotsLeftNone, one: words.contributeDotsLeftOne, other: words.contributeDotsLeftOther })

interface BallotBoard {
  boardId: string
  token: string
  writer: string
  /** A read-only link holds no ballot: the relay refuses to look one up (403). */
  role?: Role
}

export interface OwnBallot {
  /** My dots now, less those on Zettel deleted since (they are mine again). */
  dots: Ballot
  give(noteId: string): void
  takeBack(noteId: string): void
}

/**
 * `exists` says whether a Zettel is still on the board. Sends go one after another, each with
 * the newest ballot: quick taps reach the relay in order and end as one state. A refused send
 * shows the relay's ballot again, and says so.
 */
export function useOwnBallot(board: BallotBoard, vote: Vote | undefined, exists: (noteId: string) => boolean, announce: (text: string) => void): OwnBallot {
  const [dots, setDots] = useState<Ballot>({})
  // The ballot as changed last, not as the last render saw it: quick taps must count each.
  const current = useRef<Ballot>({})
  const changes = useRef(0)
  const voteId = vote?.id

  const load = (id: string, asked: number, cancelled: () => boolean = () => false) =>
    fetchOwnBallot(board.boardId, board.token, board.writer).then(
      (own) => {
        // An answer older than a tap must not undo it.
        if (cancelled() || own.voteId !== id || changes.current !== asked) return
        current.current = own.dots
        setDots(own.dots)
      },
      () => {},
    )

  useEffect(() => {
    current.current = {}
    setDots({})
    if (!voteId || board.role === 'observer') return
    let cancelled = false
    void load(voteId, changes.current, () => cancelled)
    return () => {
      cancelled = true
    }
  }, [board.boardId, board.token, board.writer, voteId])

  // Sends of the ballot as it is now; a refused one says so and shows the relay's ballot again.
  // The latest words and reader: the sender outlives the render that made it.
  const onRefusal = useRef({ announce, load })
  onRefusal.current = { announce, load }
  const send = useMemo(
    () =>
      newestBallotSender<{ voteId: string; dots: Ballot }>(board.boardId, (next) => sendOwnBallot(board.boardId, board.token, board.writer, next), {
        afterRefusal: (last) => {
          onRefusal.current.announce(t.voteBallotRefused)
          return onRefusal.current.load(last.voteId, changes.current)
        },
      }),
    [board.boardId, board.token, board.writer],
  )

  const change = (next: Ballot) => {
    if (!vote) return
    changes.current++
    current.current = next
    setDots(next)
    void send({ voteId: vote.id, dots: { ...next } })
  }

  const live = () => pruneBallot(current.current, exists)
  return {
    dots: pruneBallot(dots, exists),
    give(noteId) {
      if (!vote) return
      const next = addDot(live(), noteId, vote.dotsPerPerson)
      if (!next) return announce(t.voteNoDotsLeft)
      change(next)
    },
    takeBack(noteId) {
      if (!vote || !(live()[noteId] > 0)) return
      change(removeDot(live(), noteId))
    },
  }
}
