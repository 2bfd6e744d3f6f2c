/**
 * The audit log's contract (`server/storage/AuditLog.ts`): rows appended, listed, dropped when
 * old, and what a board's deletion leaves of them.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { AuditTrail, auditRows, hashedBoard, linkActor, sweepAudit } from '../../../server/audit.ts'
import { createLogger } from '../../../server/logger.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function auditLogContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const openAnother = () => contract.openAnother()

  it('appends audit rows, lists them oldest first by board and date, and drops those past their time', async () => {
    const other = 'c'.repeat(22)
    const rows = [
      { at: '2026-01-01T00:00:00.000Z', action: 'link-replaced', board: board.id, actor: 'link:facilitator:0123456789abcdef' },
      { at: '2026-06-01T00:00:00.000Z', action: 'sign-in-failed:password', board: null, actor: 'unknown' },
      { at: '2026-11-01T00:00:00.000Z', action: 'vote-revealed', board: other, actor: 'author:abc' },
    ]
    for (const row of [rows[2]!, rows[0]!, rows[1]!]) await storage.appendAudit(row)
    expect(await storage.listAudit()).toEqual(rows)
    expect(await (await openAnother()).listAudit({ boards: [board.id] })).toEqual([rows[0]])
    expect(await storage.listAudit({ since: '2026-06-01T00:00:00.000Z' })).toEqual(rows.slice(1))
    expect(await storage.listAudit({ boards: [other, board.id], since: '2026-02-01' })).toEqual([rows[2]])
    expect(await sweepAudit(storage, 200, Date.parse('2026-12-01T00:00:00.000Z'))).toBe(1)
    expect(await storage.listAudit()).toEqual(rows.slice(1))
    expect(await sweepAudit(storage, 0, Date.parse('2030-01-01T00:00:00.000Z'))).toBe(0)
  })

  it("deleting a board drops its audit rows; its deletion row keeps only the id's hash", async () => {
    const trail = new AuditTrail(storage, createLogger('silent'))
    await trail.record('link-replaced', board.id, linkActor(board.id, 'facilitator'))
    await trail.record('sign-in-failed:password', null, 'unknown')
    await storage.deleteBoard(board.id)
    await trail.boardDeleted(board.id, linkActor(board.id, 'facilitator'))
    const all = await storage.listAudit()
    expect(all.map((r) => [r.action, r.board])).toEqual([
      ['sign-in-failed:password', null],
      ['board-deleted', hashedBoard(board.id)],
    ])
    expect(JSON.stringify(all)).not.toContain(board.id)
    // Whoever knows the id finds who deleted it.
    expect((await auditRows(storage, { board: board.id })).map((r) => r.action)).toEqual(['board-deleted'])
  })
}
