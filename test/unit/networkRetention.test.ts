/**
 * The retention sweep with its clock moved (`sweepRetention`'s `now`), on a real SQLite file: a
 * network goes whole, leaving tombstones, audit rows and log lines; a network one of whose boards
 * is open in this process is kept whole, whatever its dates say.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { issueTokens } from '../../server/links/access.ts'
import { AuditTrail, hashedBoard, retentionActor } from '../../server/audit/auditTrail.ts'
import { createLogger } from '../../server/base/logger.ts'
import { retentionSchedule, sweepRetention } from '../../server/ops/retention.ts'
import type { Room } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import * as Y from 'yjs'
import { runDocumentJob } from '../../server/documents/documentJobs.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { readBoardForNetwork } from '../../server/http/networkBoardReads.ts'
import { putRecords } from '../helpers/records.ts'
import { build } from './templates/helpers.ts'

const dayMs = 24 * 60 * 60_000
const created = '2026-01-01T00:00:00.000Z'

describe('the retention sweep over networks', () => {
  let dir: string
  let storage: SqliteStorage
  const lines: Array<Record<string, unknown>> = []
  const logger = createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>))
  beforeEach(async () => {
    dir = makeDataDir()
    storage = new SqliteStorage(dir)
    lines.length = 0
    await storage.createNetwork({ id: 'n'.repeat(22), name: 'Frühe Hilfen', targetGroup: '', createdAt: created }, 'h'.repeat(64))
    for (const [i, id] of ['a', 'b'].entries()) {
      await storage.createBoard({ id: id.repeat(22), title: `Board ${id}`, createdAt: created }, issueTokens().hashes)
      await storage.addNetworkBoard({ networkId: 'n'.repeat(22), boardId: id.repeat(22), phase: 'vorStart', internal: false, addedAt: `2026-01-0${2 + i}T00:00:00.000Z`, sealedToken: Uint8Array.of(1) }, 60)
    }
    await storage.createBoard({ id: 'c'.repeat(22), title: 'Allein', createdAt: created }, issueTokens().hashes)
  })
  afterEach(async () => {
    await storage.close()
    removeDataDir(dir)
  })
  const sweep = (now: number, open: string[] = [], shownTitle?: (boardId: string, typed: string) => Promise<string>) =>
    sweepRetention({
      shownTitle,
      storage,
      rooms: { get: (id: string) => (open.includes(id) ? ({} as Room) : undefined) },
      logger,
      days: 365,
      counter: { deleted: 0 },
      now,
      audit: new AuditTrail(storage, logger),
    })

  it('a year and a day after the last use the network goes whole, never silently', async () => {
    await storage.touchNetwork('n'.repeat(22), '2026-03-01T00:00:00.000Z')
    // Before the network's last use has aged a year only the lone board goes.
    expect(await sweep(Date.parse('2027-01-02T00:00:00.000Z'))).toBe(1)
    expect(await storage.getBoard('a'.repeat(22))).toBeDefined()
    expect((await retentionSchedule(storage, 365)).map((s) => [s.boardId, s.deleteAfter])).toEqual([
      ['a'.repeat(22), '2027-03-01T00:00:00.000Z'],
      ['b'.repeat(22), '2027-03-01T00:00:00.000Z'],
    ])

    const now = Date.parse('2027-03-01T00:00:00.000Z') + dayMs
    expect(await sweep(now)).toBe(2)
    expect(await storage.getBoard('a'.repeat(22))).toBeUndefined()
    expect(await storage.networkTombstones('n'.repeat(22))).toEqual([
      { title: 'Board a', phase: 'vorStart', deletedAt: new Date(now).toISOString() },
      { title: 'Board b', phase: 'vorStart', deletedAt: new Date(now).toISOString() },
    ])
    const audit = await storage.listAudit({})
    for (const id of ['a', 'b', 'c']) expect(audit).toContainEqual(expect.objectContaining({ action: 'board-deleted', board: hashedBoard(id.repeat(22)), actor: retentionActor }))
    expect(lines.filter((l) => l.msg === 'board deleted (retention)').map((l) => [l.board, l.network ?? null])).toEqual([
      ['c'.repeat(22), null],
      ['a'.repeat(22), 'n'.repeat(22)],
      ['b'.repeat(22), 'n'.repeat(22)],
    ])
  })

  it('keeps the whole network while one of its boards is open in this process', async () => {
    expect(await sweep(Date.parse('2028-01-01T00:00:00.000Z'), ['b'.repeat(22)])).toBe(1)
    for (const id of ['a', 'b']) expect(await storage.getBoard(id.repeat(22))).toBeDefined()
    expect(await storage.getBoard('c'.repeat(22))).toBeUndefined()
    expect(await storage.networkTombstones('n'.repeat(22))).toEqual([])
  })

  it('a case board’s tombstone names it as the network’s list did, never by its typed title', async () => {
    const caseBoard = 'd'.repeat(22)
    await storage.createBoard({ id: caseBoard, title: 'Fallkonferenz Sabine Krüger', createdAt: created }, issueTokens().hashes)
    await storage.addNetworkBoard({ networkId: 'n'.repeat(22), boardId: caseBoard, phase: 'vorStart', internal: true, addedAt: '2026-01-05T00:00:00.000Z', sealedToken: Uint8Array.of(1) }, 60)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, build('fallkonferenz', { date: '2026-11-25' }).shapes)
    await storage.appendUpdate(caseBoard, Y.encodeStateAsUpdate(doc))
    doc.destroy()
    const documents = { run: (job: Parameters<typeof runDocumentJob>[0]) => runDocumentJob(job) }
    const shownTitle = async (boardId: string, typed: string) => (await readBoardForNetwork((id) => storage.loadDocument(id), documents, boardId, 'retention', typed)).title
    expect(await sweep(Date.parse('2028-01-01T00:00:00.000Z'), [], shownTitle)).toBe(4)
    expect((await storage.networkTombstones('n'.repeat(22))).map((t) => t.title)).toEqual(['Board a', 'Board b', 'Board mit Fallkonferenz'])
  })

  it('keeps each board of the network as its archive before it goes; a failed archive keeps the board for the next sweep, one that no sweep could make does not', async () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, build('protokoll', { date: '2026-11-25', topics: 6 }).shapes)
    const large = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    await storage.appendUpdate('b'.repeat(22), large)
    let failOnce = true
    const archiving = Object.create(storage) as SqliteStorage
    archiving.putRetentionArchive = async (entry, archive) => {
      if (failOnce) {
        failOnce = false
        throw new Error('connection reset')
      }
      return storage.putRetentionArchive(entry, archive)
    }
    const now = Date.parse('2028-01-01T00:00:00.000Z')
    const archived = (at: number, maxBoardBytes: number) =>
      sweepRetention({ storage, rooms: { get: () => undefined }, logger, days: 365, counter: { deleted: 0 }, now: at, archives: { storage: archiving, days: 90, maxBoardBytes } })
    // Board a's archive fails: a stays; b (within MAX_BOARD_BYTES) is archived and goes; the lone board goes unarchived.
    expect(await archived(now, large.byteLength)).toBe(2)
    expect(await storage.getBoard('a'.repeat(22))).toBeDefined()
    expect(lines.some((l) => l.msg === 'retention: archiving a board before its deletion failed; it is kept for now' && l.board === 'a'.repeat(22))).toBe(true)
    const kept = await storage.retentionArchive('n'.repeat(22), 'b'.repeat(22), new Date(now).toISOString())
    expect(kept?.entry).toMatchObject({ title: 'Board b', phase: 'vorStart', keepUntil: new Date(now + 90 * dayMs).toISOString() })
    expect(await storage.retentionArchives('n'.repeat(22), new Date(now).toISOString())).toHaveLength(1)
    // An hour on, a is archived and goes too.
    expect(await archived(now + 3_600_000, large.byteLength)).toBe(1)
    expect((await storage.retentionArchives('n'.repeat(22), new Date(now).toISOString())).map((a) => a.boardId)).toEqual(['b'.repeat(22), 'a'.repeat(22)])

    // A board over MAX_BOARD_BYTES, which nobody can open, goes without an archive rather than never.
    const heavy = 'e'.repeat(22)
    await storage.createBoard({ id: heavy, title: 'Groß', createdAt: created }, issueTokens().hashes)
    await storage.addNetworkBoard({ networkId: 'n'.repeat(22), boardId: heavy, phase: 'vorStart', internal: false, addedAt: '2026-01-06T00:00:00.000Z', sealedToken: Uint8Array.of(1) }, 60)
    await storage.appendUpdate(heavy, large)
    expect(await archived(now + 7_200_000, large.byteLength - 1)).toBe(1)
    expect(await storage.getBoard(heavy)).toBeUndefined()
    expect(await storage.retentionArchive('n'.repeat(22), heavy, new Date(now).toISOString())).toBeUndefined()
    expect(lines.some((l) => String(l.msg).includes('deleted without archive') && l.board === heavy)).toBe(true)

    // A board whose facilitator renewed her link on it: the network no longer held it, and keeps no archive of it.
    const renewed = 'f'.repeat(22)
    await storage.createBoard({ id: renewed, title: 'Neuer Link', createdAt: created }, issueTokens().hashes)
    await storage.addNetworkBoard({ networkId: 'n'.repeat(22), boardId: renewed, phase: 'vorStart', internal: false, addedAt: '2026-01-06T00:00:00.000Z', sealedToken: Uint8Array.of(1) }, 60)
    await storage.replaceTokenHash(renewed, 'facilitator', issueTokens().hashes.facilitator)
    expect(await archived(now + 10_800_000, large.byteLength)).toBe(1)
    expect(await storage.getBoard(renewed)).toBeUndefined()
    expect(await storage.retentionArchive('n'.repeat(22), renewed, new Date(now).toISOString())).toBeUndefined()
    expect(lines.some((l) => l.msg === 'retention: the network no longer held the board; deleted without archive' && l.board === renewed)).toBe(true)

    // A board that held a case in one of its versions, though not now: its Sozialdaten go with it, never into an archive.
    const caseBoard = 'g'.repeat(22)
    await storage.createBoard({ id: caseBoard, title: 'Fallkonferenz', createdAt: created }, issueTokens().hashes)
    await storage.addNetworkBoard({ networkId: 'n'.repeat(22), boardId: caseBoard, phase: 'vorStart', internal: true, addedAt: '2026-01-06T00:00:00.000Z', sealedToken: Uint8Array.of(1) }, 60)
    const withCase = new Y.Doc()
    Y.applyUpdate(withCase, boardDocument('de'))
    putRecords(withCase, build('fallkonferenz', { date: '2026-11-25' }).shapes)
    await storage.putVersion(caseBoard, { id: 'v1', createdAt: created, name: null }, Y.encodeStateAsUpdate(withCase))
    withCase.destroy()
    expect(await archived(now + 14_400_000, large.byteLength)).toBe(1)
    expect(await storage.getBoard(caseBoard)).toBeUndefined()
    expect(await storage.retentionArchive('n'.repeat(22), caseBoard, new Date(now).toISOString())).toBeUndefined()
    expect(lines.some((l) => l.msg === 'retention: a board holding a case is deleted without archive' && l.board === caseBoard)).toBe(true)
  })
})
