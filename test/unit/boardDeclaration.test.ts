/**
 * The board declaration as the relay applies it: each rule tried by a client of each role
 * against a real Room on a Planspiel board. A refused update changes nothing and closes its
 * sender with 4403; an allowed one is applied.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { protectionKey } from '../../shared/board/entries/protection.ts'
import { getRecordsMap, readRecord, recordEntry } from '../../shared/board/records.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { privateMetaKey } from '../../shared/board/entries/private.ts'
import { writeScaffoldState } from '../../shared/board/entries/scaffold.ts'
import { startVote } from '../../shared/board/entries/vote.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { toRichText } from '@tldraw/tlschema'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024, maxRefusalsPerMinute: 1000 }

describe('the board declaration, enforced by the relay', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let boards = 0
  let room: Room
  afterEach(() => room?.destroy())
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  /** A fresh Planspiel board in its room, with one note by Anna. */
  async function board() {
    const boardId = `b${++boards}`.padEnd(22, 'x')
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, templateDocument({ template: 'planspiel', locale: 'de' }))
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    const annasNote = { ...noteAt(3000, 3000, 'von Anna'), meta: { [authorMetaKey]: 'anna' } } as TLShape
    const anna = client('participant', 'anna')
    await anna.write((doc) => putRecords(doc, [annasNote]))
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
      /** Resolves once the relay has taken or refused it. */
      async write(change: (doc: Y.Doc) => void) {
        const before = Y.encodeStateVector(doc)
        change(doc)
        room.receive(connection, encodeUpdate(Y.encodeStateAsUpdate(doc, before)))
        await room.idle()
      },
    }
  }

  /** Tries a change as a client of `role`; returns whether the relay took it, and checks "nothing" otherwise. */
  async function attempt(role: Role, change: (doc: Y.Doc) => void, author: string | null = `${role}-browser`): Promise<boolean> {
    const { connection, write } = client(role, author)
    const before = Y.encodeStateAsUpdate(room.doc)
    await write(change)
    if (connection.closedWith === null) return true
    expect(connection.closedWith).toBe(CloseCode.notAllowed)
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before)
    return false
  }

  const move = (id: string, x: number) => (doc: Y.Doc) => (getRecordsMap(doc).get(id) as Y.Map<unknown>).set('x', x)
  const remove = (...ids: string[]) => (doc: Y.Doc) => doc.transact(() => ids.forEach((id) => getRecordsMap(doc).delete(id)))
  const setFacilitation = (key: string, value: unknown) => (doc: Y.Doc) => facilitationMap(doc).set(key, value)

  it('notes: participants create (signed by themselves) and change any', async () => {
    const { annasNote } = await board()
    expect(await attempt('participant', (doc) => putRecords(doc, [{ ...noteAt(0, 0, 'meins'), meta: { author: 'ben' } }]), 'ben')).toBe(true)
    expect(await attempt('participant', (doc) => putRecords(doc, [noteAt(0, 0, 'ohne Autor')]))).toBe(true)
    expect(await attempt('participant', (doc) => putRecords(doc, [{ ...noteAt(0, 0, 'gefälscht'), meta: { author: 'anna' } }]), 'ben')).toBe(false)
    expect(await attempt('participant', move(annasNote.id, 40))).toBe(true)
    expect(readRecord(room.doc, annasNote.id)?.x).toBe(40)
    // The author stays who it was.
    const retag = (doc: Y.Doc) => ((getRecordsMap(doc).get(annasNote.id) as Y.Map<Y.Map<unknown>>).get('meta')!).set(authorMetaKey, 'ben')
    expect(await attempt('participant', retag, 'ben')).toBe(false)
  })

  it('private writing: while a round is open no participant note enters the board, no private note ever does, and only the reveal ends it', async () => {
    const { annasNote } = await board()
    const round = { id: 'r1', startedAt: 1 }
    const privateNote = { ...noteAt(0, 0, 'verdeckt'), meta: { [privateMetaKey]: 'r1' } }
    expect(await attempt('participant', setFacilitation(facilitationKeys.private, round))).toBe(false)
    expect(await attempt('facilitator', (doc) => putRecords(doc, [privateNote]))).toBe(false)
    expect(await attempt('facilitator', setFacilitation(facilitationKeys.private, round))).toBe(true)
    expect(await attempt('participant', (doc) => putRecords(doc, [noteAt(0, 0, 'offen')]))).toBe(false)
    expect(await attempt('participant', (doc) => putRecords(doc, [privateNote]))).toBe(false)
    // Text, and moving notes already on the board, go on.
    const textProps = { color: 'black', size: 'm', w: 100, font: 'draw', textAlign: 'start', autoSize: true, scale: 1, richText: toRichText('Pause') }
    expect(await attempt('participant', (doc) => putRecords(doc, [{ ...noteAt(0, 0, ''), type: 'text', props: textProps }]))).toBe(true)
    expect(await attempt('participant', move(annasNote.id, 70))).toBe(true)
    expect(await attempt('facilitator', (doc) => putRecords(doc, [noteAt(0, 0, 'von der Moderation')]))).toBe(true)
    expect(await attempt('facilitator', (doc) => facilitationMap(doc).delete(facilitationKeys.private))).toBe(false)
    expect(await attempt('facilitator', setFacilitation(facilitationKeys.private, { id: 'r2', startedAt: 2 }))).toBe(false)
  })

  it('notes: participants delete their own, others’ only once the facilitator lifts the protection', async () => {
    const { annasNote } = await board()
    expect(await attempt('participant', remove(annasNote.id), 'ben')).toBe(false)
    expect(await attempt('participant', remove(annasNote.id), null)).toBe(false)
    expect(await attempt('participant', setFacilitation(protectionKey, { othersNotes: false }))).toBe(false)
    expect(await attempt('facilitator', setFacilitation(protectionKey, { othersNotes: false }))).toBe(true)
    expect(await attempt('participant', remove(annasNote.id), 'ben')).toBe(true)
    expect(readRecord(room.doc, annasNote.id)).toBeUndefined()
  })

  it('notes: under protection others’ text stays theirs (moving goes on); once lifted, anyone edits it', async () => {
    const { annasNote } = await board()
    const retext = (text: string) => (doc: Y.Doc) => ((getRecordsMap(doc).get(annasNote.id) as Y.Map<Y.Map<unknown>>).get('props')!).set('richText', toRichText(text))
    expect(await attempt('participant', retext('von Ben überschrieben'), 'ben')).toBe(false)
    expect(await attempt('participant', retext('ohne Autor überschrieben'), null)).toBe(false)
    expect(await attempt('participant', move(annasNote.id, 90), 'ben')).toBe(true)
    expect(await attempt('participant', retext('von Anna ergänzt'), 'anna')).toBe(true)
    expect(await attempt('facilitator', retext('von der Moderation gekürzt'))).toBe(true)
    expect(await attempt('facilitator', setFacilitation(protectionKey, { othersNotes: false }))).toBe(true)
    expect(await attempt('participant', retext('gemeinsam'), 'ben')).toBe(true)
  })

  it('notes: an author deletes their own note', async () => {
    const { annasNote } = await board()
    expect(await attempt('participant', remove(annasNote.id), 'anna')).toBe(true)
  })

  it('scaffold, cards included: the facilitator only, everyone who edits once unlocked', async () => {
    const { header, caseCard, scaffold } = await board()
    expect(await attempt('participant', move(header.id, 5))).toBe(false)
    expect(await attempt('participant', move(caseCard.id, 5))).toBe(false)
    expect(await attempt('participant', remove(caseCard.id))).toBe(false)
    // All scaffold in one transaction: nothing of it goes.
    expect(scaffold.length).toBeGreaterThan(40)
    expect(await attempt('participant', remove(...scaffold.map((s) => s.id)))).toBe(false)
    // A participant's note dressed up as scaffold.
    const fake = { ...noteAt(0, 0, 'Kopfzeile'), meta: header.meta }
    expect(await attempt('participant', (doc) => putRecords(doc, [fake]))).toBe(false)
    expect(await attempt('facilitator', move(header.id, 5))).toBe(true)
    expect(await attempt('participant', (doc) => writeScaffoldState(doc, { unlocked: true }))).toBe(false)
    expect(await attempt('facilitator', (doc) => writeScaffoldState(doc, { unlocked: true }))).toBe(true)
    expect(await attempt('participant', move(caseCard.id, 6))).toBe(true)
    // The template's own words are not someone's protected Zettel.
    const relabel = (doc: Y.Doc) => ((getRecordsMap(doc).get(caseCard.id) as Y.Map<Y.Map<unknown>>).get('props')!).set('richText', toRichText('Fall B'))
    expect(await attempt('participant', relabel)).toBe(true)
    expect(await attempt('observer', move(caseCard.id, 7))).toBe(true) // dropped silently, as before
    expect(readRecord(room.doc, caseCard.id)?.x).toBe(6)
  })

  it("facilitation: the timer, step, own agenda, roles, lock and vote are the facilitator's; ballots and results no client's", async () => {
    const { annasNote } = await board()
    const timer = { durationMs: 60_000, startedAt: null, remainingAtPauseMs: null, setAt: 1 }
    for (const [key, value] of [
      [facilitationKeys.timer, timer],
      [facilitationKeys.step, { instance: 'x', key: 'step:1', setAt: 1 }],
      [facilitationKeys.agenda, { items: [{ id: 'a1', text: 'Begrüßung', minutes: 10 }] }],
      [facilitationKeys.roles, { 'user:a': { kind: 'client' } }],
    ] as const) {
      expect(await attempt('participant', setFacilitation(key, value))).toBe(false)
      expect(await attempt('facilitator', setFacilitation(key, value))).toBe(true)
    }
    const newVote = (doc: Y.Doc) => startVote(doc, { id: 'v1', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1 })
    expect(await attempt('participant', newVote)).toBe(false)
    expect(await attempt('facilitator', newVote)).toBe(true)
    const inVote = (field: string, value: unknown) => (doc: Y.Doc) => (facilitationMap(doc).get(facilitationKeys.vote) as Y.Map<unknown>).set(field, value)
    // Ballots are secret: no client writes one into the board, nor the counts the relay reveals.
    for (const role of ['participant', 'facilitator'] as const) {
      expect(await attempt(role, inVote('ballots', { [annasNote.id]: 2 }))).toBe(false)
      expect(await attempt(role, inVote('results', { [annasNote.id]: 9 }))).toBe(false)
      expect(await attempt(role, inVote('participation', { voters: 9, dots: 9 }))).toBe(false)
      expect(await attempt(role, inVote('notes', [annasNote.id]))).toBe(false)
      expect(await attempt(role, inVote('state', 'revealed'))).toBe(false)
    }
    expect(await attempt('participant', inVote('state', 'closed'))).toBe(false)
    expect(await attempt('facilitator', inVote('state', 'closed'))).toBe(true)
    // Hiding a result from everyone's screen is the facilitator's, and only a yes or no.
    expect(await attempt('participant', inVote('hidden', true))).toBe(false)
    expect(await attempt('facilitator', inVote('hidden', 'ja'))).toBe(false)
    expect(await attempt('facilitator', inVote('hidden', true))).toBe(true)
    expect(await attempt('facilitator', setFacilitation(facilitationKeys.timer, { durationMs: 'lang' }))).toBe(false)
    const longAgenda = { items: Array.from({ length: 31 }, (_, i) => ({ id: `a${i}`, text: `Punkt ${i}` })) }
    expect(await attempt('facilitator', setFacilitation(facilitationKeys.agenda, longAgenda))).toBe(false)
    expect(await attempt('facilitator', setFacilitation(facilitationKeys.agenda, { items: [{ id: 'a1', text: '   ' }] }))).toBe(false)
    expect(await attempt('facilitator', setFacilitation('anything', 1))).toBe(false)
  })

  it('records: format 2 only, valid for their type, of a board type; pages deleted by the facilitator only', async () => {
    await board()
    const note = noteAt(0, 0, 'x')
    expect(await attempt('participant', (doc) => getRecordsMap(doc).set(note.id, note))).toBe(false)
    expect(await attempt('participant', (doc) => getRecordsMap(doc).set(note.id, recordEntry({ ...note, x: 'links' })))).toBe(false)
    expect(await attempt('participant', (doc) => getRecordsMap(doc).set('shape:other', recordEntry(note)))).toBe(false)
    const camera = { id: 'camera:x', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    expect(await attempt('participant', (doc) => getRecordsMap(doc).set(camera.id, recordEntry(camera)))).toBe(false)
    expect(await attempt('participant', (doc) => doc.getMap('meta').set('owner', 'me'))).toBe(false)
    expect(await attempt('participant', remove('page:page'))).toBe(false)
    // A page goes with what is on it, or not at all.
    expect(await attempt('facilitator', remove('page:page'))).toBe(false)
    const onPage = recordsIn(room.doc).filter((r) => r.parentId === 'page:page').map((r) => r.id)
    expect(await attempt('facilitator', remove('page:page', ...onPage))).toBe(true)
  })

  it('judges a key set thousands of times in one update like once', async () => {
    const { annasNote } = await board()
    const many = (doc: Y.Doc) =>
      doc.transact(() => {
        const entry = getRecordsMap(doc).get(annasNote.id) as Y.Map<unknown>
        for (let x = 0; x < 5000; x++) entry.set('x', x)
      })
    expect(await attempt('participant', many)).toBe(true)
    expect(readRecord(room.doc, annasNote.id)?.x).toBe(4999)
  })

  it('holds what it refused out of storage too: a restart shows the same board', async () => {
    const { header } = await board()
    expect(await attempt('participant', move(header.id, 12345))).toBe(false)
    const boardId = room.boardId
    room.destroy()
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    expect(readRecord(room.doc, header.id)?.x).toBe(header.x)
  })
})
