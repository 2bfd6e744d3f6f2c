/**
 * Private writing (`shared/board/entries/private.ts`): while a round is open, each browser
 * keeps its notes here instead of in the board, under its author id; the board shows only how
 * many people wrote how many notes. At the reveal the relay writes every note into the board,
 * signed with its author and, in a template cell, in a free slot of its own, ends the round and
 * forgets the stored copies. A browser reads back only its own notes.
 */
import { Hono } from 'hono'
import type { StoredRecord } from '../../shared/board/records.ts'
import { getMetaMap, getRecordsMap, readEntry, readRecords, writeRecord } from '../../shared/board/records.ts'
import { creationWrites, judgeWrites, type WriteContext } from '../../shared/board/declaration.ts'
import { authorId } from '../../shared/author.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import {
  OwnPrivateNotes,
  PrivateRevealRequest,
  type PrivateRevealOutcome,
  readPrivateRound,
  revealedRecord,
  type PrivateRound,
} from '../../shared/board/entries/private.ts'
import { cellPlacement } from '../../shared/results/cellPlacement.ts'
// The relay places in every template's cells (`knownTemplates.ts`).
import '../../shared/templates/catalogue.ts'
import type { Logger } from '../base/logger.ts'
import { validateRecord } from '../judge/recordValidation.ts'
import { knownSchema } from '../judge/judgeUpdate.ts'
import type { Room } from '../room/Room.ts'
import type { BoardDirectory, BoardLinks, Networks, PrivateNotes } from '../storage/Storage.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonBody } from './jsonBody.ts'
import { jsonOnly } from './jsonOnly.ts'
import { limitBody, malformed, roomRequests } from './roomRequests.ts'
import { perBoard } from './perBoard.ts'
import { linkActor, type AuditTrail } from '../audit/auditTrail.ts'
import { notesThatFit, revealBytes, type Writer } from '../judge/privateReveal.ts'
import { OwnChangeRefused } from '../judge/ownChange.ts'

export interface PrivateApiOptions {
  storage: PrivateNotes & BoardDirectory & BoardLinks & Networks
  logger: Logger
  /** The board's live room, if anyone is on it. */
  room(boardId: string): Room | undefined
  /** Where reveals are recorded. */
  audit?: AuditTrail
  /** What one round may keep (`PrivateBudget`); unlimited unless set. */
  budget?: Partial<PrivateBudget>
}

/**
 * What one round of private writing may keep on the relay: writers (MAX_PRIVATE_WRITERS_PER_ROUND,
 * each a browser's author id, which anyone can make up) and bytes per writer
 * (MAX_PRIVATE_BYTES_PER_WRITER). All of them together must also fit the board, in the bytes the
 * reveal writes there (`privateReveal.ts`; checked again, exactly, at the reveal: `Room.applyOwnChange`).
 */
export interface PrivateBudget {
  maxWriters: number
  maxBytesPerWriter: number
}

/** What a round keeps per writer, counted once from storage and then with each PUT: no PUT reads every row. */
interface Tally {
  roundId: string
  /** `bytes`: what the writer's notes add to the board at the reveal. */
  writers: Map<string, { notes: number; bytes: number }>
}

const totalsOf = (tally: Tally) => {
  let notes = 0
  let bytes = 0
  for (const kept of tally.writers.values()) {
    notes += kept.notes
    bytes += kept.bytes
  }
  return { writers: tally.writers.size, notes, bytes }
}

/** Fifty notes with long texts; anything bigger is not a round of notes. */
const maxBodyBytes = 512 * 1024

type Note = Record<string, unknown>

/** A complete, valid tldraw note of this board, or a 400. */
function checkNote(note: Note): Note {
  if (note.typeName !== 'shape' || note.type !== 'note' || typeof note.id !== 'string' || !note.id.startsWith('shape:') || note.id.length > 100) {
    throw new HTTPException(400, { message: 'only notes are written privately' })
  }
  try {
    validateRecord(note as unknown as StoredRecord)
  } catch {
    throw new HTTPException(400, { message: 'not a valid note' })
  }
  return note
}

const parseNotes = (json: string): Note[] => {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? (value as Note[]) : []
  } catch {
    return []
  }
}

export function privateApi({ storage, logger, room, audit, budget = {} }: PrivateApiOptions) {
  const api = new Hono()
  const { liveBoard, writerOf, hasWriter } = roomRequests(storage, room)
  const asParticipant = liveBoard('participant')
  const asFacilitator = liveBoard('facilitator')
  const serial = perBoard()
  const { maxWriters = Infinity, maxBytesPerWriter = Infinity } = budget
  // Per room: a room loaded afresh (here or after another process held the board) counts from storage again.
  const tallies = new WeakMap<Room, Tally>()
  const tallyOf = async (live: Room, boardId: string, roundId: string): Promise<Tally> => {
    const kept = tallies.get(live)
    if (kept?.roundId === roundId) return kept
    const tally: Tally = { roundId, writers: new Map() }
    for (const row of await storage.privateNotes(boardId, roundId)) {
      const notes = parseNotes(row.notes)
      tally.writers.set(row.author, { notes: notes.length, bytes: revealBytes(notes, row.author) })
    }
    tallies.set(live, tally)
    return tally
  }
  const limit = limitBody(maxBodyBytes, 'that is more than a round of notes')

  const openRound = (live: Room, roundId?: string): PrivateRound => {
    const round = readPrivateRound(facilitationMap(live.doc).get(facilitationKeys.private))
    if (!round || (roundId !== undefined && round.id !== roundId)) throw new HTTPException(409, { message: 'this round of private writing is not open' })
    return round
  }

  api.get('/:id/private', asParticipant, async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const author = authorId(writerOf(c), boardId)
    const round = readPrivateRound(facilitationMap(live.doc).get(facilitationKeys.private))
    c.header('Cache-Control', 'no-store')
    if (!round) return c.json({ roundId: null, notes: [] })
    const own = await storage.ownPrivateNotes(boardId, round.id, author)
    return c.json({ roundId: round.id, notes: own ? parseNotes(own) : [] })
  })

  api.put('/:id/private', jsonOnly(), limit, asParticipant, hasWriter, jsonBody(OwnPrivateNotes, malformed), async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const author = authorId(c.get('writer'), boardId)
    const { roundId, notes } = c.req.valid('json')
    const round = openRound(live, roundId)
    const checked = notes.map(checkNote)
    if (new Set(checked.map((n) => n.id)).size !== checked.length) throw new HTTPException(400, { message: 'a note twice' })
    const json = checked.length > 0 ? JSON.stringify(checked) : null
    const bytes = json === null ? 0 : Buffer.byteLength(json)
    if (bytes > maxBytesPerWriter) {
      throw new HTTPException(413, { message: `Deine Zettel dieser Runde sind zu lang (höchstens ${maxBytesPerWriter} Bytes, MAX_PRIVATE_BYTES_PER_WRITER). / ` +
          `Your notes of this round are too long (at most ${maxBytesPerWriter} bytes, MAX_PRIVATE_BYTES_PER_WRITER).` })
    }
    await serial(boardId, async () => {
      // Checked again in turn: a reveal before us closed the round.
      openRound(live, roundId)
      const tally = await tallyOf(live, boardId, round.id)
      const before = tally.writers.get(author)
      if (json !== null && !before && tally.writers.size >= maxWriters) {
        throw new HTTPException(429, { message: `In dieser Runde schreiben schon ${maxWriters} Personen verdeckt (MAX_PRIVATE_WRITERS_PER_ROUND). / ` +
            `This round has ${maxWriters} people writing privately already (MAX_PRIVATE_WRITERS_PER_ROUND).` })
      }
      // All notes of the round go into the board at the reveal: the board must have room for them.
      const weight = revealBytes(checked, author)
      if (json !== null && weight > (before?.bytes ?? 0) && !live.hasRoomFor(totalsOf(tally).bytes - (before?.bytes ?? 0) + weight)) {
        throw new HTTPException(507, { message: 'Das Board ist voll: für diese Zettel ist beim Aufdecken kein Platz mehr (MAX_BOARD_BYTES). / ' +
            'The board is full: there is no room left for these notes at the reveal (MAX_BOARD_BYTES).' })
      }
      await storage.putPrivateNotes(boardId, round.id, author, json)
      if (json === null) tally.writers.delete(author)
      else tally.writers.set(author, { notes: checked.length, bytes: weight })
      const { writers, notes: count } = totalsOf(tally)
      await live.applyOwnChange((doc) => facilitationMap(doc).set(facilitationKeys.private, { ...round, writers, notes: count }))
    })
    // No texts, no ids: what someone wrote privately stays out of the log as well.
    logger.debug('private notes stored', { board: boardId })
    return c.body(null, 204)
  })

  api.post('/:id/private/reveal', jsonOnly(), limit, asFacilitator, jsonBody(PrivateRevealRequest, malformed), async (c) => {
    const boardId = c.get('board').id
    const live = c.get('room')
    const { roundId } = c.req.valid('json')
    const { rows, outcome } = await serial(boardId, async () => {
      const round = openRound(live, roundId)
      const rows = await storage.privateNotes(boardId, round.id)
      const writers: Writer[] = rows.map((row) => ({ author: row.author, notes: parseNotes(row.notes) }))
      // The board filled up during the round: what fits is revealed, the rest stays private in the round.
      const { taken, waiting } = live.hasRoomFor(writers.reduce((sum, w) => sum + revealBytes(w.notes, w.author), 0))
        ? { taken: writers, waiting: [] }
        : notesThatFit(writers, (bytes) => live.hasRoomFor(bytes))
      if (taken.length === 0 && waiting.length > 0) throw new OwnChangeRefused('board-full', 'no private note of the round fits')
      const still = waiting.length === 0 ? null : { ...round, writers: waiting.length, notes: waiting.reduce((sum, w) => sum + w.notes.length, 0) }
      const outcome = await reveal(live, taken, still)
      tallies.delete(live)
      if (!still) await storage.deletePrivateNotes(boardId)
      else for (const writer of writers) {
        const left = waiting.find((w) => w.author === writer.author)
        await storage.putPrivateNotes(boardId, round.id, writer.author, left ? JSON.stringify(left.notes) : null)
      }
      return { rows, outcome: { ...outcome, waiting: still?.notes ?? 0 } }
    })
    await audit?.record('private-revealed', boardId, linkActor(boardId, 'facilitator'))
    logger.info('private notes revealed', { board: boardId, writers: rows.length, notes: outcome.revealed, leftOut: outcome.leftOut, waiting: outcome.waiting })
    return c.json(outcome satisfies PrivateRevealOutcome)
  })

  return api
}

/**
 * Writes everyone's private notes into the board, signed by their authors. Each is judged by the
 * board declaration as its author's own new note (the round already over); one they could not
 * have written (stored by an older relay, say) is left out and counted.
 *
 * A note put into a template cell takes a free slot there (`cellPlacement`): its writer's browser
 * chose the slot nearest the pointer without seeing the others' notes, so several chose the same.
 * With `still`, notes were left for lack of room: the round stays open with what is left.
 */
async function reveal(live: Room, writers: readonly Writer[], still: PrivateRound | null): Promise<Omit<PrivateRevealOutcome, 'waiting'>> {
  const outcome = { revealed: 0, leftOut: 0 }
  await live.applyOwnChange((doc) => {
    const records = getRecordsMap(doc)
    const facilitation = facilitationMap(doc)
    // A note whose page was deleted meanwhile goes to a page that is still there (on a board
    // no browser has written a page into yet, it keeps its own).
    const pages = [...records.keys()].filter((id) => id.startsWith('page:'))
    const slots = cellPlacement(readRecords(doc).records)
    // The note being judged: the board after its reveal holds it too.
    let revealing: Record<string, unknown> | undefined
    for (const row of writers) {
      const asAuthor: WriteContext = {
        role: 'participant',
        author: row.author,
        recordBefore: (id) => readEntry(records.get(id)),
        recordAfter: (id) => (id === revealing?.id ? revealing : readEntry(records.get(id))),
        // A reveal deletes nothing: no reference can dangle.
        referencesAfter: () => [],
        meta: (key) => getMetaMap(doc).get(key),
        knownSchema,
        facilitation: (key) => (key === facilitationKeys.private ? undefined : facilitation.get(key)),
        validateRecord,
      }
      for (const note of row.notes) {
        if (typeof note.id === 'string' && records.has(note.id)) continue
        const parent = typeof note.parentId === 'string' && records.has(note.parentId) ? note.parentId : (pages[0] ?? note.parentId)
        const record = slots.place(revealedRecord({ ...note, parentId: parent }, row.author))
        revealing = record
        if (record.type !== 'note' || judgeWrites(creationWrites(record), asAuthor) !== null) {
          outcome.leftOut++
          continue
        }
        writeRecord(records, record as unknown as StoredRecord)
        slots.lay(record)
        outcome.revealed++
      }
    }
    if (still) facilitation.set(facilitationKeys.private, still)
    else facilitation.delete(facilitationKeys.private)
  })
  return outcome
}
