/**
 * The thread a room's big board loads and compactions run in (`boardLoadJobs.ts`,
 * `boardLoadWorker.ts`): warmed before a compaction enters the board's write queue, so the
 * board's writes never wait for it to start; it answers the board as storage holds it.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { DocumentJobFailed, DocumentWorkers } from '../../server/documents/documentWorkers.ts'
import { createLogger } from '../../server/base/logger.ts'
import type { StoredDocument } from '../../server/storage/Storage.ts'
import { readRecord } from '../../shared/board/records.ts'
import { noteAt, putRecords } from '../helpers/records.ts'

/** A board stored as a snapshot of one Zettel and an update adding a second. */
function storedBoard(): { stored: StoredDocument; doc: Y.Doc } {
  const doc = new Y.Doc()
  putRecords(doc, [noteAt(0, 0, 'Anfang', 'shape:a' as TLShapeId)])
  const snapshot = Y.encodeStateAsUpdate(doc)
  const before = Y.encodeStateVector(doc)
  putRecords(doc, [noteAt(200, 0, 'Übergänge', 'shape:b' as TLShapeId)])
  return { stored: { snapshot, updates: [Y.encodeStateAsUpdate(doc, before)], lastSeq: 2 }, doc }
}

describe('the board-load thread', () => {
  const pool = new DocumentWorkers({ threads: 1, timeoutMs: 30_000, maxPerAddress: Infinity, entry: 'boardLoadWorker' }, createLogger('silent'))
  afterAll(() => pool.close())

  it('is warmed once, then answers a board’s state and slices as storage holds them; nothing else', { timeout: 60_000 }, async () => {
    await Promise.all([pool.warm(), pool.warm()])
    await pool.warm()
    const { stored, doc } = storedBoard()
    const state = await pool.run({ kind: 'board-state', stored }, 'relay', ['board'])
    expect(state.kind).toBe('file')
    const copy = new Y.Doc()
    Y.applyUpdate(copy, (state as { body: Uint8Array }).body)
    expect(readRecord(copy, 'shape:b')).toEqual(readRecord(doc, 'shape:b'))
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc))

    const sliced = await pool.run({ kind: 'slices', stored: storedBoard().stored }, 'relay', ['board'])
    expect(sliced).toMatchObject({ kind: 'slices', skipped: 0 })
    // Not a document thread: a wiring mistake is a failed job, not a document.
    await expect(pool.run({ kind: 'judge-state', state: Y.encodeStateAsUpdate(doc) }, 'relay', ['board'])).rejects.toBeInstanceOf(DocumentJobFailed)
  })

  it('lets a warm-up go when the pool closes before a thread listens', { timeout: 60_000 }, async () => {
    const closing = new DocumentWorkers({ threads: 1, timeoutMs: 30_000, entry: 'boardLoadWorker' }, createLogger('silent'))
    const warmed = closing.warm()
    await closing.close()
    await expect(warmed).resolves.toBeUndefined()
  })
})
