/**
 * The document jobs that judge a state off the relay's thread (`server/documents/documentJobs.ts`): a new
 * board's first state (a version copied into a board of its own) is judged in a worker thread
 * of the pool, which answers the refusal or the settings kept beside the board.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { exportsEntry } from '../../shared/board/entries/exports.ts'
import { runDocumentJob } from '../../server/documents/documentJobs.ts'
import { DocumentWorkers } from '../../server/documents/documentWorkers.ts'
import { createLogger } from '../../server/base/logger.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { noteAt, putRecords } from '../helpers/records.ts'

/** A blank board with `change` made on it, as one state. */
function boardWith(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de'))
  change(doc)
  return Y.encodeStateAsUpdate(doc)
}

const honest = () => boardWith((doc) => putRecords(doc, [noteAt(0, 0, 'Zettel', 'shape:z' as TLShapeId)]))
const opened = () => boardWith((doc) => exportsEntry.set(doc, { observers: true }))
// A note whose parent is nowhere: no tab could place it.
const orphaned = () => boardWith((doc) => putRecords(doc, [{ ...noteAt(0, 0, 'verwaist', 'shape:orphan' as TLShapeId), parentId: 'shape:nowhere' as TLShapeId }]))

describe("the 'judge-state' job", () => {
  it('lets an honest state in, with the export setting it holds, and names the rule a broken one breaks', async () => {
    expect(await runDocumentJob({ kind: 'judge-state', state: honest() })).toEqual({ kind: 'judged', verdict: { refusal: null, observersMayExport: false } })
    expect(await runDocumentJob({ kind: 'judge-state', state: opened() })).toEqual({ kind: 'judged', verdict: { refusal: null, observersMayExport: true } })
    const refused = await runDocumentJob({ kind: 'judge-state', state: orphaned() })
    expect(refused).toMatchObject({ kind: 'judged', verdict: { refusal: expect.stringMatching(/^tldraw\/shape:orphan: /) } })
    expect(await runDocumentJob({ kind: 'judge-state', state: Uint8Array.of(1, 2, 3) })).toMatchObject({ kind: 'judged', verdict: { refusal: expect.any(String) } })
  })

  describe('in the pool', () => {
    const pool = new DocumentWorkers({ threads: 1, timeoutMs: 30_000, maxPerAddress: 1 }, createLogger('silent'))
    afterAll(() => pool.close())

    it('runs in a worker thread, within the limits per address', { timeout: 60_000 }, async () => {
      const state = honest()
      const bytes = state.byteLength
      const judged = pool.run({ kind: 'judge-state', state }, 'address', ['board'])
      // Copied to the worker, not moved: the relay stores these bytes once they are judged.
      expect(state.byteLength).toBe(bytes)
      await expect(pool.run({ kind: 'judge-state', state: honest() }, 'address', ['other'])).rejects.toMatchObject({ status: 429 })
      expect(await judged).toEqual({ kind: 'judged', verdict: { refusal: null, observersMayExport: false } })
      expect(await pool.run({ kind: 'judge-state', state: orphaned() }, 'address', ['board'])).toMatchObject({ verdict: { refusal: expect.stringMatching(/^tldraw\//) } })
    })
  })

  describe('shared between addresses', () => {
    // No burst: an address that just had a job waits its turn behind one that had none.
    const pool = new DocumentWorkers({ threads: 1, timeoutMs: 30_000, maxPerAddress: 2, threadShare: { share: 0.5, burstMs: 0 } }, createLogger('silent'))
    afterAll(() => pool.close())

    it('gives the thread to another address before the next job of one that just used it', { timeout: 60_000 }, async () => {
      const done: string[] = []
      const job = (address: string, name: string) => pool.run({ kind: 'judge-state', state: honest() }, address, [name]).then(() => done.push(name))
      // Asked in this order, one after another: a queue served in turn would run busy-2 second.
      await Promise.all([job('busy', 'busy-1'), job('busy', 'busy-2'), job('quiet', 'quiet-1')])
      expect(done).toEqual(['busy-1', 'quiet-1', 'busy-2'])
    })
  })
})

