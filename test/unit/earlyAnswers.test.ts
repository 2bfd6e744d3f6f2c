/**
 * A big board's joiners are sent the board while its room opens (`earlyAnswers.ts`): from the
 * worker's restore (`boardLoadJobs.ts`), only a board the room's opening leaves as it is (the current
 * format, nothing its policies change: `openingChanges.ts`), and the room, once open,
 * brings each of them to the board as it then is (what its policies changed on opening).
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { decodeMessage, encodeSyncStep1 } from '../../shared/protocol.ts'
import { getMetaMap, upgradeFormat } from '../../shared/board/records.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room } from '../../server/room/Room.ts'
import { EarlyAnswers } from '../../server/room/earlyAnswers.ts'
import { SyncBudget } from '../../server/judge/syncBudget.ts'
import { roomPolicies } from '../../server/room/roomPolicies.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { asksHoldingNothing, boardLoadHere, quietRoomOptions } from '../helpers/boardLoadHere.ts'
import { startVote, writeResults } from '../../shared/board/entries/vote.ts'
import { readVotes } from '../../shared/board/entries/voteRecord.ts'

/** A Zettel of 300,000 characters: past what the relay restores on its own thread. */
const bigZettel = () => noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId)

const notesIn = (doc: Y.Doc) => recordsIn(doc).filter((r) => r.typeName === 'shape').map((r) => r.id).sort()

/** A client's doc from what it was sent. */
function held(...messages: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const frame of messages) {
    const message = decodeMessage(frame)
    if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(doc, message.update)
  }
  return doc
}

describe('a joiner sent the board while its room opens', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  /** A board of the template and the big Zettel, stored; `format`: changes to its meta before (`formatVersion` dropped: an older format). */
  async function bigBoard(id: string, older = false, more?: (doc: Y.Doc) => void): Promise<void> {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, [bigZettel()])
    if (older) getMetaMap(doc).delete('formatVersion')
    more?.(doc)
    await storage.createBoard({ id, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
    doc.destroy()
  }

  it('is sent what the room changed on opening, and its request is not answered again', async () => {
    const boardId = 'e'.repeat(22)
    await bigBoard(boardId)
    let early: Uint8Array | null = null
    // A policy that writes on opening, as an old vote brought into the record does (`voteKeeping.ts`).
    const writesOnOpening: typeof roomPolicies = (room, settings) => {
      const wired = roomPolicies(room, settings)
      const opening = { loaded: () => room.applyOwnChange((doc) => putRecords(doc, [noteAt(300, 0, 'Eröffnet', 'shape:eroeffnet' as TLShapeId)])) }
      return { ...wired, hooks: [...wired.hooks, opening] }
    }
    const options = { ...quietRoomOptions, restoreInWorker: boardLoadHere, readable: (answer: Uint8Array) => (early = answer) }
    const errors: string[] = []
    const logger = createLogger('error', (line) => errors.push(JSON.parse(line).msg))
    const room = await Room.load(boardId, storage, options, logger, undefined, undefined, writesOnOpening)
    try {
      expect(early).not.toBeNull()
      // A policy whose opening change `openingChanges.ts` does not know of is told in the log.
      expect(errors).toEqual(['the board changed as its room opened, after joiners were sent it: openingChanges.ts misses a policy'])
      // The board as the worker restored it: before the room's own change.
      expect(notesIn(held(early!))).toEqual(['shape:gross'])
      const joiner = new RecordingConnection(1, 'observer', 'observer')
      room.addConnection(joiner, early!)
      await room.idle()
      const joined = held(early!, ...joiner.sent)
      expect(notesIn(joined)).toEqual(['shape:eroeffnet', 'shape:gross'])
      expect(Y.encodeStateVector(joined)).toEqual(Y.encodeStateVector(room.doc))
      expect(joiner.sent.filter((frame) => decodeMessage(frame).type === 'sync-step-2')).toHaveLength(0)

      // A joiner that asks in the room is sent the same board whole.
      const later = new RecordingConnection(2, 'observer', 'observer')
      room.addConnection(later)
      room.receive(later, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
      await room.idle()
      expect(Y.encodeStateVector(held(...later.sent))).toEqual(Y.encodeStateVector(room.doc))
    } finally {
      room.destroy()
    }
  })

  it('is never sent a board the room upgrades on opening: clients only meet the current format', async () => {
    const boardId = 'f'.repeat(22)
    await bigBoard(boardId, true)
    let early: Uint8Array | null = null
    const options = { ...quietRoomOptions, restoreInWorker: boardLoadHere, readable: (answer: Uint8Array) => (early = answer) }
    const room = await Room.load(boardId, storage, options, createLogger('silent'))
    try {
      expect(early).toBeNull()
      // It was upgraded on opening: what a joiner is sent is the upgraded board.
      const joiner = new RecordingConnection(1, 'observer', 'observer')
      room.addConnection(joiner)
      room.receive(joiner, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
      await room.idle()
      expect(upgradeFormat(held(...joiner.sent))).toBe(false)
    } finally {
      room.destroy()
    }
  })

  it('is never sent a board the room’s policies change on opening: an old vote the room brings into the record (`openingChanges.ts`)', async () => {
    const boardId = 'v'.repeat(22)
    // A board as a relay before the record of votes left it: one vote, revealed into `facilitation/vote` alone.
    await bigBoard(boardId, false, (doc) => {
      startVote(doc, { id: 'old', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1, question: 'Was zuerst?' })
      writeResults(doc, 'old', { 'shape:gross': 2 }, { voters: 1, dots: 2 })
    })
    let early: Uint8Array | null = null
    const options = { ...quietRoomOptions, restoreInWorker: boardLoadHere, readable: (answer: Uint8Array) => (early = answer) }
    const room = await Room.load(boardId, storage, options, createLogger('silent'))
    try {
      await room.idle()
      // The room did change it on opening, and nobody was sent it before.
      expect(readVotes(room.doc).map((v) => v.id)).toEqual(['old'])
      expect(early).toBeNull()
    } finally {
      room.destroy()
    }
  })

  it('a board its room opens as it is goes ahead (the same board without the old vote)', async () => {
    const boardId = 'g'.repeat(22)
    await bigBoard(boardId)
    let early: Uint8Array | null = null
    const options = { ...quietRoomOptions, restoreInWorker: boardLoadHere, readable: (answer: Uint8Array) => (early = answer) }
    const room = await Room.load(boardId, storage, options, createLogger('silent'))
    try {
      await room.idle()
      expect(early).not.toBeNull()
      expect(Y.encodeStateVector(held(early!))).toEqual(Y.encodeStateVector(room.doc))
    } finally {
      room.destroy()
    }
  })
})

describe('which joiners are answered before the room opens', () => {
  const boardId = 'b'.repeat(22)
  const answer = Uint8Array.of(0, 1, 2, 0, 0)

  it('a joiner asking first, holding nothing: once the board is readable, once, and the room is told', () => {
    const early = new EarlyAnswers({})
    const joiner = new RecordingConnection(1, 'observer', 'observer')
    const asker = early.asker(boardId, joiner)
    early.waiting(boardId, joiner, true)
    expect(asker.answer(asksHoldingNothing)).toBe(false)
    let retried = 0
    const unwatch = asker.watch(() => retried++)
    early.readable(boardId, answer)
    expect(retried).toBe(1)
    unwatch()
    expect(asker.answer(asksHoldingNothing)).toBe(true)
    expect(joiner.sent).toEqual([answer])
    expect(early.sentTo(joiner)).toBe(answer)
    expect(asker.answer(asksHoldingNothing)).toBe(false)
    // Once the room is open, it answers.
    early.done(boardId)
    expect(early.asker(boardId, new RecordingConnection(2)).answer(asksHoldingNothing)).toBe(false)
  })

  it('a joiner whose door opens after the board became readable: answered then, not before', () => {
    const early = new EarlyAnswers({})
    const first = new RecordingConnection(1, 'observer', 'observer')
    early.waiting(boardId, first, true)
    early.readable(boardId, answer)
    // Its address's count is still on its way (Redis): its request waits.
    const late = new RecordingConnection(2, 'observer', 'observer')
    const asker = early.asker(boardId, late)
    let retried = 0
    asker.watch(() => retried++)
    expect(asker.answer(asksHoldingNothing)).toBe(false)
    expect(late.sent).toEqual([])
    early.waiting(boardId, late, true)
    expect(retried).toBe(1)
    expect(asker.answer(asksHoldingNothing)).toBe(true)
  })

  it('not a joiner holding part of a board, nor one that sends something else, nor one its door has not taken in, nor one over its sync budget, nor more than the board seats', () => {
    const budget = new SyncBudget(answer.byteLength * 2)
    const early = new EarlyAnswers({ syncBudget: budget, maxConnectionsPerBoard: 3 })
    early.readable(boardId, answer)
    const reconnect = new RecordingConnection(1, 'observer', 'observer', null, '192.0.2.1')
    early.waiting(boardId, reconnect, true)
    expect(early.asker(boardId, reconnect).answer(encodeSyncStep1(Y.encodeStateVector(new Map([[7, 3]]))))).toBe(false)
    expect(early.asker(boardId, reconnect).answer(Uint8Array.of(1, 0))).toBe(false)
    expect(reconnect.sent).toEqual([])
    early.waiting(boardId, reconnect, false)
    const fromOneAddress = [2, 3, 4].map((id) => new RecordingConnection(id, 'observer', 'observer', null, '192.0.2.2'))
    for (const joiner of fromOneAddress.slice(0, 2)) early.waiting(boardId, joiner, true)
    // The third's door has not taken it in (its address's count still on its way).
    expect(fromOneAddress.map((joiner) => early.asker(boardId, joiner).answer(asksHoldingNothing))).toEqual([true, true, false])
    // Taken in, but its address spent its sync budget.
    early.waiting(boardId, fromOneAddress[2]!, true)
    expect(early.asker(boardId, fromOneAddress[2]!).answer(asksHoldingNothing)).toBe(false)
    // A fourth waiting joiner on a board of three seats: the door will refuse one of them.
    const fourth = new RecordingConnection(5, 'observer', 'observer', null, '192.0.2.3')
    early.waiting(boardId, fourth, true)
    expect(early.asker(boardId, fourth).answer(asksHoldingNothing)).toBe(false)
    expect(fourth.sent).toEqual([])
  })
})
