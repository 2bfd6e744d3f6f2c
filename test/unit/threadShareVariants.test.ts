/** A hostile reviewer's variants of "the document thread is shared fairly, per address" (issue 58). */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { DocumentWorkers } from '../../server/documents/documentWorkers.ts'
import { ThreadShare } from '../../server/documents/threadShare.ts'
import { createLogger } from '../../server/base/logger.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { noteAt, putRecords } from '../helpers/records.ts'

const state = () => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de'))
  putRecords(doc, [noteAt(0, 0, 'Zettel', 'shape:z' as TLShapeId)])
  return Y.encodeStateAsUpdate(doc)
}

describe('thread share: variants', () => {
  it('a heavy address waiting is not starved: its debt drains while it waits, and at equal debt the earlier job goes first', () => {
    const share = new ThreadShare({ share: 0.5, burstMs: 10_000 })
    share.charge('heavy', 60_000, 0)
    // 100 s later it owes 10 s: it may start again, whoever else arrived since with no debt.
    expect(share.waitMs('heavy', 100_000)).toBe(0)
    expect(share.debt('heavy', 120_000)).toBe(0)
    // Nothing kept for an address whose debt drained.
    expect(share.size).toBe(0)
  })

  describe('addresses of one IPv6 /64', () => {
    const pool = new DocumentWorkers({ threads: 1, timeoutMs: 30_000, maxPerAddress: 2, threadShare: { share: 0.5, burstMs: 0 } }, createLogger('silent'))
    afterAll(() => pool.close())

    // One subscriber holds 2^64 addresses; every per-address limit (jobs at once, thread time)
    // counts each of them apart, so a fresh one per job never owes anything and goes first.
    it('one /64 asking from a fresh address per job is one payer: a quiet board’s one job goes before its next (found broken by a hostile review)', { timeout: 60_000 }, async () => {
      const done: string[] = []
      const job = (address: string, name: string) => pool.run({ kind: 'judge-state', state: state() }, address, [name]).then(() => done.push(name))
      const busy = [1, 2, 3, 4].map((n) => job(`2001:db8::${n}`, `busy-${n}`))
      // The quiet board's report, asked after the busy subscriber's first four.
      const quiet = job('198.51.100.7', 'quiet')
      await Promise.all([...busy, quiet])
      // Served as one address, the quiet job would be second: the /64 had the thread already.
      expect(done.indexOf('quiet')).toBeLessThanOrEqual(1)
    })
  })

  // `close` says jobs "still running or waiting are answered 503": a running one was not.
  it('a job running when the pool closes is answered at once (found unanswered by a hostile review)', { timeout: 5_000 }, async () => {
    const pool = new DocumentWorkers({ threads: 1, timeoutMs: 10_000 }, createLogger('silent'))
    const running = pool.run({ kind: 'judge-state', state: state() }, 'address', ['board']).then(
      () => 'answered',
      (error: { status?: number }) => error.status ?? 'failed',
    )
    await pool.close()
    // Answered by close itself, long before the job's own 10 s limit (the test's timeout).
    expect(await running).toBe(503)
  })
})
