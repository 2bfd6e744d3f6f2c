/**
 * The „Einverstanden?“ round through the relay (`shared/board/entries/zustimmung.ts`), by the dot
 * vote's rules (`votesApi.ts`): a person answers with a link that may write and the browser's
 * writer secret, and the relay writes the answer into the document under that browser's author id
 * (so nobody answers for another, and a link to look answers not at all); only the facilitator
 * closes, and then the relay writes the outcome, keeps the round per Haus and marks the proposal
 * as a Beschluss where the Häuser agreed, in one change. Unlike a ballot, an answer is not secret:
 * it is in the document as soon as it is given.
 */
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { RoundAnswer, RoundClose } from '../../shared/api.ts'
import { authorId } from '../../shared/author.ts'
import { Beschluesse, beschluesseEntry, maxBeschluesse, readBeschluesse } from '../../shared/board/entries/beschluesse.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { readRound, writeAnswer, writeClosed, type Round } from '../../shared/board/entries/zustimmung.ts'
import { keepRound, maxKeptRounds, roundRecordHasRoom } from '../../shared/board/entries/zustimmungen.ts'
import { keptRound, markedByRound, roundBeschluss } from '../../shared/board/zustimmungTally.ts'
import type { Logger } from '../base/logger.ts'
import type { AddressWindow } from '../limits/addressLimits.ts'
import type { Room } from '../room/Room.ts'
import type { BoardDirectory, BoardLinks, Networks } from '../storage/Storage.ts'
import { linkActor, type AuditTrail } from '../audit/auditTrail.ts'
import { jsonBody } from './jsonBody.ts'
import { jsonOnly } from './jsonOnly.ts'
import { perBoard } from './perBoard.ts'
import { limitBody, malformed, roomRequests } from './roomRequests.ts'

export interface ZustimmungApiOptions {
  storage: BoardDirectory & BoardLinks & Networks
  logger: Logger
  /** The board's live room, if anyone is on it. */
  room(boardId: string): Room | undefined
  audit?: AuditTrail
  /** Answers per client address and minute (`roundAnswersPerMinute`): each one the relay writes into the board. */
  answers: AddressWindow
  addressOf(c: Context): string
}

/**
 * A room behind one address (a venue's or an office's network) answers once each, a few times over
 * when they change their minds; each answer the relay writes into the board's document, so a
 * client sending them by the thousand would grow the board's log.
 */
export const roundAnswersPerMinute = 240

/** An answer is a few hundred bytes. */
const maxAnswerBodyBytes = 4 * 1024

export function zustimmungApi({ storage, logger, room, audit, answers, addressOf }: ZustimmungApiOptions) {
  const api = new Hono()
  const { liveBoard, hasWriter } = roomRequests(storage, room)
  const asParticipant = liveBoard('participant')
  const asFacilitator = liveBoard('facilitator')
  const serial = perBoard()
  const limit = limitBody(maxAnswerBodyBytes, 'an answer is smaller than that')
  const openRound = (live: Room, roundId: string): Round => {
    const round = readRound(live.doc)
    if (!round || round.id !== roundId || round.state !== 'open') throw new HTTPException(409, { message: 'this round is not open' })
    return round
  }

  api.put('/:id/zustimmung/answer', jsonOnly(), limit, asParticipant, hasWriter, jsonBody(RoundAnswer, malformed), async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const { roundId, ...answer } = c.req.valid('json')
    const taken = await answers.take(addressOf(c))
    if (!taken.allowed) {
      c.header('Retry-After', String(taken.retryAfterSeconds))
      throw new HTTPException(429, { message: 'too many answers from this address; please wait a minute' })
    }
    // The author id the relay gives this browser's shapes (`shared/author.ts`): one answer per browser, only its own.
    const author = authorId(c.get('writer'), boardId)
    await serial(boardId, async () => {
      openRound(live, roundId)
      let written = false
      await live.applyOwnChange((doc) => {
        written = writeAnswer(doc, roundId, author, answer)
      })
      if (!written) throw new HTTPException(409, { message: 'this round takes no more answers (closed, or as many people or Häuser as it counts)' })
    })
    logger.debug('round answer stored', { board: boardId })
    return c.body(null, 204)
  })

  api.post('/:id/zustimmung/close', jsonOnly(), limit, asFacilitator, jsonBody(RoundClose, malformed), async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const { roundId, day } = c.req.valid('json')
    const outcome = await serial(boardId, async () => {
      const round = openRound(live, roundId)
      if (!roundRecordHasRoom(live.doc)) throw new HTTPException(409, { message: `this board keeps ${maxKeptRounds} rounds already` })
      const kept = keptRound(round, day)
      const terms = roundBeschluss(round, kept.haeuser, day)
      let full = false
      await live.applyOwnChange((doc) => {
        // The marks as they are when the change is made: a facilitator may mark another meanwhile.
        const before = readBeschluesse(facilitationMap(doc).get(beschluesseEntry.key))
        const marks = markedByRound(before, round.note, terms)
        if (!marks) {
          full = true
          return
        }
        doc.transact(() => {
          writeClosed(doc, roundId, kept.outcome)
          keepRound(doc, kept)
          // Parsed: the relay's own facilitation writes are not judged as a client's (`ownChange.ts`), and marks that did not read would read as none at all. One that does not is refused whole (422).
          if (marks !== before) beschluesseEntry.set(doc, Beschluesse.parse(marks))
        })
      })
      if (full) throw new HTTPException(409, { message: `this board marks ${maxBeschluesse} Beschlüsse already: unmark one before closing the round` })
      return kept.outcome
    })
    await audit?.record('round-closed', boardId, linkActor(boardId, 'facilitator'))
    logger.info('round closed', { board: boardId, outcome })
    return c.body(null, 204)
  })

  return api
}
