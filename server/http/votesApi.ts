/**
 * Secret ballots. A ballot never enters the shared document: the relay keeps it in storage under
 * a voter id derived from the browser's writer secret, the board and the vote, and writes only
 * the number of voters and dots into the document until the facilitator reveals; then the counts
 * per note (kept in the board's record of votes as well, `voteRecord.ts`), and the ballots are
 * deleted. A browser reads back only its own ballot.
 *
 * A vote lives in the board's live room: ballots and the reveal need someone on the board.
 */
import { Hono } from 'hono'
import { createHash } from 'node:crypto'
import { OwnBallot, RevealRequest } from '../../shared/api.ts'
import { countBallots, validBallot, type Ballot } from '../../shared/results/voting.ts'
import { readVote, writeParticipation, type Participation, type Vote } from '../../shared/board/entries/vote.ts'
import { maxKeptVotes, recordHasRoom, revealAndKeep } from '../../shared/board/entries/voteRecord.ts'
import { scopeNoteIds } from '../../shared/results/voteNotes.ts'
// A vote's scope may be any template's (`knownTemplates.ts`).
import '../../shared/templates/catalogue.ts'
import { readRecords } from '../../shared/board/records.ts'
import type { Logger } from '../base/logger.ts'
import type { Room } from '../room/Room.ts'
import type { Ballots, BoardDirectory, BoardLinks, Networks } from '../storage/Storage.ts'
import { bearerToken, hashToken } from '../links/access.ts'
import { BallotCaps, peoplePerLink } from './ballotCap.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonBody } from './jsonBody.ts'
import { jsonOnly } from './jsonOnly.ts'
import { limitBody, malformed, roomRequests } from './roomRequests.ts'
import { perBoard } from './perBoard.ts'
import { linkActor, type AuditTrail } from '../audit/auditTrail.ts'

export interface VotesApiOptions {
  storage: Ballots & BoardDirectory & BoardLinks & Networks
  logger: Logger
  /** The board's live room, if anyone is on it. */
  room(boardId: string): Room | undefined
  /** Where reveals are recorded. */
  audit?: AuditTrail
}

/** A ballot is a few hundred bytes; anything bigger is not one. */
const maxBallotBodyBytes = 16 * 1024

/** Not the author id: a ballot must not be linkable to the notes someone wrote, nor to their other votes. */
const voterId = (writer: string, boardId: string, voteId: string) =>
  createHash('sha256').update(`netzwerkstatt-voter:${boardId}:${voteId}:${writer}`).digest('base64url')

export function votesApi({ storage, logger, room, audit }: VotesApiOptions) {
  const api = new Hono()

  const { liveBoard, writerOf, hasWriter } = roomRequests(storage, room)
  const asParticipant = liveBoard('participant')
  const asFacilitator = liveBoard('facilitator')
  const openVote = (live: Room, voteId: string) => {
    const vote = readVote(live.doc)
    if (!vote || vote.id !== voteId || vote.state !== 'open') throw new HTTPException(409, { message: 'this vote is not open' })
    return vote
  }
  const serial = perBoard()
  /**
   * RULE countedBallotsFit: only ballots that fit the vote as it is are counted (a ballot stored
   * for a vote of the same id with more dots counts not at all, as `validBallot` takes no ballot
   * over the limit): the counts stay ones the record of votes can keep.
   */
  const storedBallots = async (boardId: string, vote: Vote): Promise<Ballot[]> =>
    (await storage.ballots(boardId, vote.id)).flatMap((json) => {
      try {
        const ballot = validBallot(JSON.parse(json), vote.dotsPerPerson)
        return ballot ? [ballot] : []
      } catch {
        return []
      }
    })
  const limit = limitBody(maxBallotBodyBytes, 'a ballot is smaller than that')
  const caps = new BallotCaps()
  /** Participation with the people seen during the vote, where this process knows them. */
  const withPresent = (participation: Participation, boardId: string, voteId: string): Participation => {
    const present = caps.present(boardId, voteId)
    return present === undefined ? participation : { ...participation, present }
  }

  api.get('/:id/vote/ballot', asParticipant, async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const writer = writerOf(c)
    const vote = readVote(live.doc)
    if (!vote) return c.json({ voteId: null, dots: {} })
    const stored = await storage.ballot(boardId, vote.id, voterId(writer, boardId, vote.id))
    c.header('Cache-Control', 'no-store')
    return c.json({ voteId: vote.id, dots: stored ? (JSON.parse(stored) as Ballot) : {} })
  })

  api.put('/:id/vote/ballot', jsonOnly(), limit, asParticipant, hasWriter, jsonBody(OwnBallot, malformed), async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const writer = c.get('writer')
    const { voteId, dots } = c.req.valid('json')
    const vote = openVote(live, voteId)
    const ballot = validBallot(dots, vote.dotsPerPerson)
    if (!ballot) throw new HTTPException(400, { message: `at most ${vote.dotsPerPerson} dots` })
    const empty = Object.keys(ballot).length === 0
    const link = hashToken(bearerToken(c.req.header('authorization'))!)
    await serial(boardId, async () => {
      // Checked again in turn: a reveal before us closed the vote.
      const current = openVote(live, voteId)
      const voter = voterId(writer, boardId, voteId)
      caps.observe(boardId, voteId, peoplePerLink(live.connections))
      if (empty) caps.withdraw(boardId, voteId, link, voter)
      else if (!caps.admit(boardId, voteId, link, voter, (await storage.ballot(boardId, voteId, voter)) !== undefined)) {
        throw new HTTPException(403, { message: 'this link has cast more ballots in this vote than there are people on the board with it' })
      }
      await storage.putBallot(boardId, voteId, voter, empty ? null : JSON.stringify(ballot))
      const { participation } = countBallots(await storedBallots(boardId, current))
      await live.applyOwnChange((doc) => writeParticipation(doc, voteId, withPresent(participation, boardId, voteId)))
    })
    // No ids, no dots: who voted what stays out of the log as well.
    logger.debug('ballot stored', { board: boardId })
    return c.body(null, 204)
  })

  api.post('/:id/vote/reveal', jsonOnly(), limit, asFacilitator, jsonBody(RevealRequest, malformed), async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const { voteId } = c.req.valid('json')
    const { participation } = await serial(boardId, async () => {
      const vote = openVote(live, voteId)
      // The record of votes is bounded: a result it cannot keep is not revealed (the facilitator deletes an older one first).
      if (!recordHasRoom(live.doc)) throw new HTTPException(409, { message: `this board keeps ${maxKeptVotes} votes already` })
      const counted = countBallots(await storedBallots(boardId, vote))
      const participation = withPresent(counted.participation, boardId, voteId)
      await live.applyOwnChange((doc) => {
        const notes = scopeNoteIds(vote.scope, readRecords(doc).records)
        // On a board too full for the list, clients take the notes in scope now, as for older votes.
        // The results twice: in the vote and in the record of votes.
        const room = live.hasRoomFor(Buffer.byteLength(JSON.stringify({ notes, results: counted.results, kept: counted.results, participation })) + 2048)
        revealAndKeep(doc, voteId, counted.results, participation, room ? notes : undefined)
      })
      await storage.deleteBallots(boardId)
      caps.forget(boardId)
      return { participation }
    })
    await audit?.record('vote-revealed', boardId, linkActor(boardId, 'facilitator'))
    logger.info('vote revealed', { board: boardId, voters: participation.voters })
    return c.body(null, 204)
  })

  return api
}
