/**
 * The board declaration as the relay applies it: each rule tried by a client of each role
 * against a real Room on a Planspiel board. A refused update changes nothing and closes its
 * sender with 4403; an allowed one is applied.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey, protectionKey } from '../../shared/boardDeclaration.ts'
import { getRecordsMap, readRecord, recordEntry } from '../../shared/boardRecords.ts'
import { facilitationKeys, facilitationMap } from '../../shared/facilitation/doc.ts'
import { privateMetaKey } from '../../shared/facilitation/privateWriting.ts'
import { writeScaffoldState } from '../../shared/facilitation/scaffoldLock.ts'
import { startVote } from '../../shared/facilitation/voting.ts'
import { scaffoldMeta } from '../../shared/templates/instance.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/access.ts'
import { createLogger } from '../../server/logger.ts'
import { Room, type RoomOptions } from '../../server/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/templateBoard.ts'
import { toRichText } from '@tldraw/tlschema'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000 }

describe('the board declaration, enforced by the relay', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let boards = 0
  let room: Room
  afterEach(() => room?.destroy())
  afterAll(() => {
    storage.close()
    removeDataDir(dir)
  })

  /** A fresh Planspiel board in its room, with one note by Anna. */
  function board() {
    const boardId = `b${++boards}`.padEnd(22, 'x')
    storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, templateDocument({ template: 'planspiel', locale: 'de' }))
    room = new Room(boardId, storage, roomOptions, createLogger('silent'))
    const annasNote = { ...noteAt(3000, 3000, 'von Anna'), meta: { [authorMetaKey]: 'anna' } } as TLShape
    const anna = client('participant', 'anna')
    anna.write((doc) => putRecords(doc, [annasNote]))
    expect(anna.connection.closedWith).toBeNull()
    const scaffold = recordsIn(room.doc).filter((r) => r.typeName === 'shape' && scaffoldMeta(r))
    const header = scaffold.find((s) => scaffoldMeta(s)!.kind === 'header')!
    const caseCard = scaffold.find((s) => scaffoldMeta(s)!.kind === 'card')!
    return { annasNote, scaffold, header, caseCard }
  }

  let connections = 0
  /** A client of `role` holding the board as it is now; `write` sends what a change produces. */
  function client(role: Role, author: string | null = null) {
    const connection = new RecordingConnection(++connections, role, role, author)
    room.addConnection(connection)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc))
    return {
      connection,
      doc,
      write(change: (doc: Y.Doc) => void) {
        const before = Y.encodeStateVector(doc)
        change(doc)
        room.receive(connection, encodeUpdate(Y.encodeStateAsUpdate(doc, before)))
      },
    }
  }

  /** Tries a change as a client of `role`; returns whether the relay took it, and checks "nothing" otherwise. */
  function attempt(role: Role, change: (doc: Y.Doc) => void, author: string | null = `${role}-browser`): boolean {
    const { connection, write } = client(role, author)
    const before = Y.encodeStateAsUpdate(room.doc)
    write(change)
    if (connection.closedWith === null) return true
    expect(connection.closedWith).toBe(CloseCode.notAllowed)
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before)
    return false
  }

  const move = (id: string, x: number) => (doc: Y.Doc) => (getRecordsMap(doc).get(id) as Y.Map<unknown>).set('x', x)
  const remove = (...ids: string[]) => (doc: Y.Doc) => doc.transact(() => ids.forEach((id) => getRecordsMap(doc).delete(id)))
  const setFacilitation = (key: string, value: unknown) => (doc: Y.Doc) => facilitationMap(doc).set(key, value)

  it('notes: participants create (signed by themselves) and change any', () => {
    const { annasNote } = board()
    expect(attempt('participant', (doc) => putRecords(doc, [{ ...noteAt(0, 0, 'meins'), meta: { author: 'ben' } }]), 'ben')).toBe(true)
    expect(attempt('participant', (doc) => putRecords(doc, [noteAt(0, 0, 'ohne Autor')]))).toBe(true)
    expect(attempt('participant', (doc) => putRecords(doc, [{ ...noteAt(0, 0, 'gefälscht'), meta: { author: 'anna' } }]), 'ben')).toBe(false)
    expect(attempt('participant', move(annasNote.id, 40))).toBe(true)
    expect(readRecord(room.doc, annasNote.id)?.x).toBe(40)
    // The author stays who it was.
    const retag = (doc: Y.Doc) => ((getRecordsMap(doc).get(annasNote.id) as Y.Map<Y.Map<unknown>>).get('meta')!).set(authorMetaKey, 'ben')
    expect(attempt('participant', retag, 'ben')).toBe(false)
  })

  it('private writing: while a round is open no participant note enters the board, no private note ever does, and only the reveal ends it', () => {
    const { annasNote } = board()
    const round = { id: 'r1', startedAt: 1 }
    const privateNote = { ...noteAt(0, 0, 'verdeckt'), meta: { [privateMetaKey]: 'r1' } }
    expect(attempt('participant', setFacilitation(facilitationKeys.private, round))).toBe(false)
    expect(attempt('facilitator', (doc) => putRecords(doc, [privateNote]))).toBe(false)
    expect(attempt('facilitator', setFacilitation(facilitationKeys.private, round))).toBe(true)
    expect(attempt('participant', (doc) => putRecords(doc, [noteAt(0, 0, 'offen')]))).toBe(false)
    expect(attempt('participant', (doc) => putRecords(doc, [privateNote]))).toBe(false)
    // Text, and moving notes already on the board, go on.
    const textProps = { color: 'black', size: 'm', w: 100, font: 'draw', textAlign: 'start', autoSize: true, scale: 1, richText: toRichText('Pause') }
    expect(attempt('participant', (doc) => putRecords(doc, [{ ...noteAt(0, 0, ''), type: 'text', props: textProps }]))).toBe(true)
    expect(attempt('participant', move(annasNote.id, 70))).toBe(true)
    expect(attempt('facilitator', (doc) => putRecords(doc, [noteAt(0, 0, 'von der Moderation')]))).toBe(true)
    expect(attempt('facilitator', (doc) => facilitationMap(doc).delete(facilitationKeys.private))).toBe(false)
    expect(attempt('facilitator', setFacilitation(facilitationKeys.private, { id: 'r2', startedAt: 2 }))).toBe(false)
  })

  it('notes: participants delete their own, others’ only once the facilitator lifts the protection', () => {
    const { annasNote } = board()
    expect(attempt('participant', remove(annasNote.id), 'ben')).toBe(false)
    expect(attempt('participant', remove(annasNote.id), null)).toBe(false)
    expect(attempt('participant', setFacilitation(protectionKey, { othersNotes: false }))).toBe(false)
    expect(attempt('facilitator', setFacilitation(protectionKey, { othersNotes: false }))).toBe(true)
    expect(attempt('participant', remove(annasNote.id), 'ben')).toBe(true)
    expect(readRecord(room.doc, annasNote.id)).toBeUndefined()
  })

  it('notes: an author deletes their own note', () => {
    const { annasNote } = board()
    expect(attempt('participant', remove(annasNote.id), 'anna')).toBe(true)
  })

  it('scaffold, cards included: the facilitator only, everyone who edits once unlocked', () => {
    const { header, caseCard, scaffold } = board()
    expect(attempt('participant', move(header.id, 5))).toBe(false)
    expect(attempt('participant', move(caseCard.id, 5))).toBe(false)
    expect(attempt('participant', remove(caseCard.id))).toBe(false)
    // All scaffold in one transaction: nothing of it goes.
    expect(scaffold.length).toBeGreaterThan(40)
    expect(attempt('participant', remove(...scaffold.map((s) => s.id)))).toBe(false)
    // A participant's note dressed up as scaffold.
    const fake = { ...noteAt(0, 0, 'Kopfzeile'), meta: header.meta }
    expect(attempt('participant', (doc) => putRecords(doc, [fake]))).toBe(false)
    expect(attempt('facilitator', move(header.id, 5))).toBe(true)
    expect(attempt('participant', (doc) => writeScaffoldState(doc, { unlocked: true }))).toBe(false)
    expect(attempt('facilitator', (doc) => writeScaffoldState(doc, { unlocked: true }))).toBe(true)
    expect(attempt('participant', move(caseCard.id, 6))).toBe(true)
    expect(attempt('observer', move(caseCard.id, 7))).toBe(true) // dropped silently, as before
    expect(readRecord(room.doc, caseCard.id)?.x).toBe(6)
  })

  it("facilitation: the timer, step, own agenda, roles, lock and vote are the facilitator's; ballots and results no client's", () => {
    const { annasNote } = board()
    const timer = { durationMs: 60_000, startedAt: null, remainingAtPauseMs: null, setAt: 1 }
    for (const [key, value] of [
      [facilitationKeys.timer, timer],
      [facilitationKeys.step, { instance: 'x', key: 'step:1', setAt: 1 }],
      [facilitationKeys.agenda, { items: [{ id: 'a1', text: 'Begrüßung', minutes: 10 }] }],
      [facilitationKeys.roles, { 'user:a': { kind: 'client' } }],
    ] as const) {
      expect(attempt('participant', setFacilitation(key, value))).toBe(false)
      expect(attempt('facilitator', setFacilitation(key, value))).toBe(true)
    }
    const newVote = (doc: Y.Doc) => startVote(doc, { id: 'v1', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1 })
    expect(attempt('participant', newVote)).toBe(false)
    expect(attempt('facilitator', newVote)).toBe(true)
    const inVote = (field: string, value: unknown) => (doc: Y.Doc) => (facilitationMap(doc).get(facilitationKeys.vote) as Y.Map<unknown>).set(field, value)
    // Ballots are secret: no client writes one into the board, nor the counts the relay reveals.
    for (const role of ['participant', 'facilitator'] as const) {
      expect(attempt(role, inVote('ballots', { [annasNote.id]: 2 }))).toBe(false)
      expect(attempt(role, inVote('results', { [annasNote.id]: 9 }))).toBe(false)
      expect(attempt(role, inVote('participation', { voters: 9, dots: 9 }))).toBe(false)
      expect(attempt(role, inVote('state', 'revealed'))).toBe(false)
    }
    expect(attempt('participant', inVote('state', 'closed'))).toBe(false)
    expect(attempt('facilitator', inVote('state', 'closed'))).toBe(true)
    expect(attempt('facilitator', setFacilitation(facilitationKeys.timer, { durationMs: 'lang' }))).toBe(false)
    const longAgenda = { items: Array.from({ length: 31 }, (_, i) => ({ id: `a${i}`, text: `Punkt ${i}` })) }
    expect(attempt('facilitator', setFacilitation(facilitationKeys.agenda, longAgenda))).toBe(false)
    expect(attempt('facilitator', setFacilitation(facilitationKeys.agenda, { items: [{ id: 'a1', text: '   ' }] }))).toBe(false)
    expect(attempt('facilitator', setFacilitation('anything', 1))).toBe(false)
  })

  it('records: format 2 only, valid for their type, of a board type; pages deleted by the facilitator only', () => {
    board()
    const note = noteAt(0, 0, 'x')
    expect(attempt('participant', (doc) => getRecordsMap(doc).set(note.id, note))).toBe(false)
    expect(attempt('participant', (doc) => getRecordsMap(doc).set(note.id, recordEntry({ ...note, x: 'links' })))).toBe(false)
    expect(attempt('participant', (doc) => getRecordsMap(doc).set('shape:other', recordEntry(note)))).toBe(false)
    const camera = { id: 'camera:x', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    expect(attempt('participant', (doc) => getRecordsMap(doc).set(camera.id, recordEntry(camera)))).toBe(false)
    expect(attempt('participant', (doc) => doc.getMap('meta').set('owner', 'me'))).toBe(false)
    expect(attempt('participant', remove('page:page'))).toBe(false)
    expect(attempt('facilitator', remove('page:page'))).toBe(true)
  })

  it('judges a key set thousands of times in one update like once', () => {
    const { annasNote } = board()
    const many = (doc: Y.Doc) =>
      doc.transact(() => {
        const entry = getRecordsMap(doc).get(annasNote.id) as Y.Map<unknown>
        for (let x = 0; x < 5000; x++) entry.set('x', x)
      })
    expect(attempt('participant', many)).toBe(true)
    expect(readRecord(room.doc, annasNote.id)?.x).toBe(4999)
  })

  it('holds what it refused out of storage too: a restart shows the same board', () => {
    const { header } = board()
    expect(attempt('participant', move(header.id, 12345))).toBe(false)
    const boardId = room.boardId
    room.destroy()
    room = new Room(boardId, storage, roomOptions, createLogger('silent'))
    expect(readRecord(room.doc, header.id)?.x).toBe(header.x)
  })
})
