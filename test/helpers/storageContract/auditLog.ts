/**
 * The audit log's contract (`server/storage/AuditLog.ts`): rows appended, listed, dropped when
 * old, what a board's deletion leaves of them, and the hash chain that shows a row edited,
 * deleted or inserted past the relay (`server/base/auditChain.ts`).
 * Run against every backend by `test/integration/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import { AuditTrail, auditRows, hashedBoard, linkActor, markKeyInUse, sweepAudit } from '../../../server/audit/auditTrail.ts'
import { verifyChain, type ChainVerdict } from '../../../server/base/auditChain.ts'
import { auditKey } from '../../../server/base/auditKey.ts'
import { createLogger } from '../../../server/base/logger.ts'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, type StorageContract } from './stores.ts'

export function auditLogContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const openAnother = () => contract.openAnother()
  const verify = async (from: Storage = storage): Promise<ChainVerdict> => {
    const { rows, unchained } = await from.auditChain()
    return verifyChain(rows, unchained)
  }
  const brokenAt = async (from?: Storage) => {
    const verdict = await verify(from)
    return verdict.intact ? null : verdict.broken.seq
  }

  it('appends audit rows, lists them oldest first by board and date, and drops those past their time with the chain intact', async () => {
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
    // The sweep says so in a row of its own, naming its cutoff and the front it left (the first row's stub, kept).
    expect(await storage.listAudit()).toEqual([
      ...rows.slice(1),
      { at: expect.any(String), action: 'audit-rows-dropped', board: expect.stringMatching(/^before:2026-05-15T00:00:00.000Z front:1:[0-9a-f]{64}$/), actor: 'retention' },
    ])
    expect(await verify()).toEqual({ intact: true, rows: 4, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/), keyedFrom: null })
    expect(await sweepAudit(storage, 0, Date.parse('2030-01-01T00:00:00.000Z'))).toBe(0)
    // Everything past its time: the chain's front goes, but for its checkpoint.
    expect(await sweepAudit(storage, 1, Date.parse('2099-01-01T00:00:00.000Z'))).toBe(3)
    expect((await storage.listAudit()).map((r) => r.action)).toEqual(['audit-rows-dropped'])
    expect(await verify()).toMatchObject({ intact: true, rows: 2 })
    // The rows before the checkpoint went, and the checkpoint says nothing of them.
    expect(JSON.stringify(await storage.auditChain())).not.toContain('author:abc')
  })

  it("deleting a board drops its audit rows; its deletion row keeps only the id's hash; the chain stays intact", async () => {
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
    expect(JSON.stringify(await storage.auditChain())).not.toContain(board.id)
    // Whoever knows the id finds who deleted it.
    expect((await auditRows(storage, { board: board.id })).map((r) => r.action)).toEqual(['board-deleted'])
    expect(await verify()).toMatchObject({ intact: true, rows: 3 })
  })

  it('shows a row edited, deleted from the middle or inserted past the relay, naming the first broken row', async () => {
    const trail = new AuditTrail(storage, createLogger('silent'))
    for (const action of ['link-replaced', 'vote-revealed', 'board-exported', 'board-released'] as const) await trail.record(action, board.id, linkActor(board.id, 'facilitator'))
    expect(await verify()).toMatchObject({ intact: true, rows: 4 })

    await contract.store.exec(`UPDATE audit SET actor = 'admin' WHERE chain_seq = 2`)
    expect(await brokenAt(await openAnother())).toBe(2)
    await contract.store.exec(`UPDATE audit SET actor = '${linkActor(board.id, 'facilitator')}' WHERE chain_seq = 2`)
    expect(await brokenAt()).toBe(null)

    await contract.store.exec(`UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE chain_seq = 3`)
    expect(await brokenAt()).toBe(3)
    await contract.store.exec(`DELETE FROM audit WHERE chain_seq = 3`)
    expect(await verify()).toMatchObject({ intact: false, broken: { seq: 4, reason: expect.stringContaining('does not follow row 2') } })

    // A row slipped in with a place of its own but no hash that fits, or with none at all.
    await contract.store.exec(`INSERT INTO audit (at, action, board_id, actor, chain_seq, prev_hash, body_hash, hash) SELECT at, 'board-created', board_id, actor, 3, hash, body_hash, hash FROM audit WHERE chain_seq = 2`)
    expect(await brokenAt()).toBe(3)
    await contract.store.exec(`DELETE FROM audit WHERE chain_seq = 3; DELETE FROM audit WHERE chain_seq = 4`)
    expect(await brokenAt()).toBe(null)
    await contract.store.exec(`INSERT INTO audit (at, action, board_id, actor) VALUES ('2026-11-01T00:00:00.000Z', 'board-created', NULL, 'local')`)
    expect(await verify()).toMatchObject({ intact: false, broken: { seq: null, reason: expect.stringContaining('outside the chain') } })
  })

  it('shows a row blanked into a stub its deletion or sweep does not account for', async () => {
    const other = 'c'.repeat(22)
    await storage.appendAudit({ at: '2026-01-01T00:00:00.000Z', action: 'board-created', board: board.id, actor: 'local' })
    await storage.appendAudit({ at: '2026-01-02T00:00:00.000Z', action: 'admin:export-board', board: other, actor: 'admin' })
    await storage.appendAudit({ at: '2026-01-03T00:00:00.000Z', action: 'board-deleted', board: hashedBoard(board.id), actor: 'admin' })
    await storage.appendAudit({ at: '2026-06-01T00:00:00.000Z', action: 'vote-revealed', board: null, actor: 'author:abc' })
    // Someone with the database makes the export look like a row of the deleted board.
    await contract.store.exec(`UPDATE audit SET action = 'erased', actor = '', board_id = '${hashedBoard(board.id)}' WHERE chain_seq = 2`)
    expect(await brokenAt()).toBe(2)
    await contract.store.exec(`UPDATE audit SET action = 'admin:export-board', actor = 'admin', board_id = '${other}' WHERE chain_seq = 2`)
    // A sweep up to 2026-02-01 drops the first three; the row after its cutoff cannot pass as dropped.
    expect(await sweepAudit(storage, 120, Date.parse('2026-06-01T00:00:00.000Z'))).toBe(3)
    expect(await verify()).toMatchObject({ intact: true, rows: 3 })
    await contract.store.exec(`UPDATE audit SET action = 'dropped', actor = '', board_id = 'none' WHERE chain_seq = 4`)
    expect(await verify()).toMatchObject({ intact: false, broken: { seq: 4, reason: expect.stringContaining('no retention sweep') } })
  })

  it('chains rows from before the chain at the next start, and says so', async () => {
    await contract.store.exec(
      `INSERT INTO audit (at, action, board_id, actor) VALUES ('2026-01-02T00:00:00.000Z', 'vote-revealed', NULL, 'author:b'), ('2026-01-01T00:00:00.000Z', 'link-replaced', NULL, 'admin')`,
    )
    const reopened = await contract.reopen()
    expect((await reopened.listAudit()).map((r) => r.action)).toEqual(['link-replaced', 'vote-revealed', 'audit-rows-chained'])
    expect(await verify(reopened)).toMatchObject({ intact: true, rows: 3 })
  })

  it('leaves a retention sweep or stub slipped in without a place outside the chain at the next start', async () => {
    // The database's writer inserts a sweep reaching into the future: chained by the next start, it would let any row become a `dropped` stub.
    await storage.appendAudit({ at: '2026-01-01T00:00:00.000Z', action: 'admin:export-board', board: null, actor: 'admin' })
    await contract.store.exec(`INSERT INTO audit (at, action, board_id, actor) VALUES ('2026-01-02T00:00:00.000Z', 'audit-rows-dropped', 'before:2999-01-01T00:00:00.000Z', 'retention')`)
    const reopened = await contract.reopen()
    await contract.store.exec(`UPDATE audit SET action = 'dropped', actor = '', board_id = 'none' WHERE chain_seq = 1`)
    expect(await verify(reopened)).toMatchObject({ intact: false })
  })

  it('with AUDIT_KEY, leaves a row slipped in without a place outside the chain at the next start, and notes it under the key', async () => {
    const key = auditKey('ein-geheimer-schluessel-fuer-das-protokoll')
    let keyed = await contract.reopen(key)
    await keyed.appendAudit({ at: '2026-01-01T00:00:00.000Z', action: 'board-created', board: board.id, actor: 'local' })
    // Whoever writes the database (but has not the key) forges who deleted the board; a start used to chain it under the key.
    await contract.store.exec(`INSERT INTO audit (at, action, board_id, actor) VALUES ('2026-01-02T00:00:00.000Z', 'board-deleted', '${hashedBoard(board.id)}', 'admin')`)
    keyed = await contract.reopen(key)
    const { rows, unchained } = await keyed.auditChain()
    expect(rows.map((r) => r.action)).toEqual(['board-created', 'audit-rows-unplaced'])
    expect(rows[1]!.board).toMatch(/^unplaced:1:\d+$/)
    expect(verifyChain(rows, unchained, key)).toMatchObject({ intact: false, broken: { seq: null, reason: expect.stringContaining('1 row(s) outside the chain (board-deleted first)') } })
    // `audit` lists what the chain holds: the forged row is not among it.
    expect((await auditRows(keyed, { board: board.id })).map((r) => r.action)).toEqual(['board-created'])
    // The next start notes the same rows no second time.
    keyed = await contract.reopen(key)
    expect((await keyed.auditChain()).rows).toHaveLength(2)
    // Looked at and deleted by the operator, they leave the chain intact, with the note of them in it.
    await contract.store.exec('DELETE FROM audit WHERE chain_seq IS NULL')
    const after = await keyed.auditChain()
    expect(verifyChain(after.rows, after.unchained, key)).toMatchObject({ intact: true, rows: 2, keyedFrom: 1 })
  })

  it('with AUDIT_KEY, chains no row it did not write, even on an empty chain: a trail from before the chain is chained by a start without the key first', async () => {
    const key = auditKey('ein-geheimer-schluessel-fuer-das-protokoll')
    await contract.store.exec(`INSERT INTO audit (at, action, board_id, actor) VALUES ('2026-01-01T00:00:00.000Z', 'link-replaced', NULL, 'admin')`)
    // A writer who emptied the chain first would otherwise get its rows placed under the key.
    let reopened = await contract.reopen(key)
    expect((await reopened.auditChain()).rows.map((r) => r.action)).toEqual(['audit-rows-unplaced'])
    await contract.store.exec('DELETE FROM audit WHERE chain_seq IS NOT NULL')
    // The operator's way for rows from before the chain: one start without the key chains them, as the chain's unkeyed front.
    reopened = await contract.reopen()
    reopened = await contract.reopen(key)
    await markKeyInUse(reopened, new AuditTrail(reopened, createLogger('silent')), key)
    const { rows, unchained } = await reopened.auditChain()
    expect(rows.map((r) => r.action)).toEqual(['link-replaced', 'audit-rows-chained', 'audit-key-in-use'])
    expect(verifyChain(rows, unchained, key)).toMatchObject({ intact: true, rows: 3, keyedFrom: 3 })
  })

  it("records in the sweep's row the front it left: a front cut back further, to a deleted board's stub, shows", async () => {
    const other = 'c'.repeat(22)
    await storage.appendAudit({ at: '2026-01-01T00:00:00.000Z', action: 'admin:export-board', board: other, actor: 'admin' })
    await storage.appendAudit({ at: '2026-06-01T00:00:00.000Z', action: 'board-created', board: board.id, actor: 'local' })
    await storage.appendAudit({ at: '2026-06-02T00:00:00.000Z', action: 'vote-revealed', board: null, actor: 'author:abc' })
    expect(await sweepAudit(storage, 120, Date.parse('2026-06-01T00:00:00.000Z'))).toBe(1)
    await storage.deleteBoard(board.id)
    await storage.appendAudit({ at: '2026-06-03T00:00:00.000Z', action: 'board-deleted', board: hashedBoard(board.id), actor: 'admin' })
    expect(await verify()).toMatchObject({ intact: true, rows: 5 })
    // Whoever writes the database cuts the front back to the deleted board's stub: a stub before a sweep, as a sweep leaves it.
    await contract.store.exec('DELETE FROM audit WHERE chain_seq < 2')
    expect(await verify()).toMatchObject({ intact: false, broken: { seq: 2, reason: expect.stringContaining('the last retention sweep (row 4) left the chain starting at row 1') } })
  })

  it('never forks the chain when two relay processes append at once', async () => {
    const another = await openAnother()
    const appends = (from: Storage, name: string) =>
      Array.from({ length: 20 }, (_, i) => from.appendAudit({ at: new Date().toISOString(), action: 'board-exported', board: null, actor: `${name}:${i}` }))
    await Promise.all([...appends(storage, 'a'), ...appends(another, 'b')])
    expect(await verify()).toMatchObject({ intact: true, rows: 40 })
  })
}
