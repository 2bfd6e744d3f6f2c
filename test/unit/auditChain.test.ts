/** The audit trail's hash chain (`server/base/auditChain.ts`) as `admin audit verify` judges it. */
import { describe, expect, it } from 'vitest'
import { boardKey, genesisHash, hashedBoard, nextLink, publiclyHashed, rowHash, sweepBoard, verifyChain, type ChainedRow } from '../../server/base/auditChain.ts'
import { auditKey, type AuditKey } from '../../server/base/auditKey.ts'

const chain = (entries: Array<{ action: string; board?: string | null; actor?: string; at?: string }>, key: AuditKey | null = null, rows: ChainedRow[] = []): ChainedRow[] => {
  for (const e of entries) {
    const entry = { at: e.at ?? `2026-11-0${rows.length + 1}T00:00:00.000Z`, action: e.action, board: e.board ?? null, actor: e.actor ?? 'admin' }
    rows.push({ ...entry, ...nextLink(rows.at(-1) ?? null, entry, key) })
  }
  return rows
}
/** The row as a deleted board or retention leaves it: its body gone, its place, time and hashes kept. */
const stub = (row: ChainedRow, action: 'erased' | 'dropped', board: string | null = boardKey(row.board)): ChainedRow => ({ ...row, action, board, actor: '' })

describe('the audit chain', () => {
  it('passes an untouched chain from the genesis hash, and an empty one', () => {
    const rows = chain([{ action: 'board-created' }, { action: 'link-replaced' }])
    expect(rows[0]!.prevHash).toBe(genesisHash)
    expect(verifyChain(rows)).toEqual({ intact: true, rows: 2, lastHash: rows[1]!.hash, keyedFrom: null })
    expect(verifyChain([])).toEqual({ intact: true, rows: 0, lastHash: null, keyedFrom: null })
  })

  it('names the first row whose body, time or place changed, or that does not follow the row before it', () => {
    const rows = chain([{ action: 'board-created' }, { action: 'link-replaced' }, { action: 'board-exported' }])
    const edited = rows.map((r, i) => (i === 1 ? { ...r, actor: 'oidc:0000000000000000' } : r))
    expect(verifyChain(edited)).toMatchObject({ intact: false, broken: { seq: 2, reason: expect.stringContaining('changed') } })
    const moved = rows.map((r, i) => (i === 2 ? { ...r, at: '2020-01-01T00:00:00.000Z' } : r))
    expect(verifyChain(moved)).toMatchObject({ intact: false, broken: { seq: 3 } })
    expect(verifyChain([rows[0]!, rows[2]!])).toMatchObject({ intact: false, broken: { seq: 3, reason: expect.stringContaining('does not follow row 1') } })
    expect(verifyChain(rows.slice(1))).toMatchObject({ intact: false, broken: { seq: 2, reason: expect.stringContaining('before it were deleted') } })
    // Recomputed for its new body, the edited row still breaks the link to the next.
    const body = chain([{ action: 'board-created' }, { action: 'link-replaced', actor: 'oidc:0000000000000000', at: rows[1]!.at }])[1]!
    expect(verifyChain([rows[0]!, body, rows[2]!])).toMatchObject({ intact: false, broken: { seq: 3 } })
    expect(verifyChain(rows, [{ at: '2026-11-05T00:00:00.000Z', action: 'board-created' }])).toMatchObject({ intact: false, broken: { seq: null } })
  })

  it("accepts a deleted board's stubs only before its deletion row, and retention's only before a sweep", () => {
    const board = 'b'.repeat(22)
    const rows = chain([{ action: 'board-created', board }, { action: 'link-replaced', board }, { action: 'board-deleted', board: hashedBoard(board) }])
    const erased = [stub(rows[0]!, 'erased', hashedBoard(board)), stub(rows[1]!, 'erased', hashedBoard(board)), rows[2]!]
    expect(verifyChain(erased)).toMatchObject({ intact: true, rows: 3 })
    // A row made to look erased with no deletion after it.
    const other = chain([{ action: 'board-created', board }, { action: 'vote-revealed' }])
    expect(verifyChain([stub(other[0]!, 'erased', hashedBoard(board)), other[1]!])).toMatchObject({ intact: false, broken: { seq: 1, reason: expect.stringContaining('no deletion') } })
    expect(verifyChain([stub(other[0]!, 'dropped'), other[1]!])).toMatchObject({ intact: false, broken: { seq: 1, reason: expect.stringContaining('no retention sweep') } })

    // The sweep's checkpoint at the front: the rows before it are gone, its hash is where the rest starts.
    const swept = chain([{ action: 'board-created' }, { action: 'vote-revealed' }, { action: 'link-replaced' }, { action: 'audit-rows-dropped', board: sweepBoard('2026-11-03T00:00:00.000Z'), actor: 'retention' }])
    expect(verifyChain([stub(swept[1]!, 'dropped'), swept[2]!, swept[3]!])).toMatchObject({ intact: true, rows: 3 })
    // A stub's time is in its hash: moving it past the sweep shows.
    const later = { ...stub(swept[1]!, 'dropped'), at: '2027-01-01T00:00:00.000Z' }
    expect(rowHash(later.seq, later.at, later.prevHash, later.bodyHash, later.board!)).not.toBe(later.hash)
    expect(verifyChain([later, swept[2]!, swept[3]!])).toMatchObject({ intact: false, broken: { seq: 2 } })
  })

  it("refuses a row blanked into a stub for a board it was not about, or before a sweep that did not reach it", () => {
    const rows = chain([{ action: 'board-created', board: 'B1' }, { action: 'admin:export-board', board: 'B2' }, { action: 'board-deleted', board: hashedBoard('B1') }])
    const forged = rows.map((r, i) => (i === 1 ? { ...r, action: 'erased', board: hashedBoard('B1'), actor: '' } : r))
    expect(verifyChain(forged)).toMatchObject({ intact: false, broken: { seq: 2 } })

    // A sweep drops rows before its cutoff only: a later row made a `dropped` stub shows.
    const swept = chain([
      { action: 'vote-revealed', at: '2026-01-01T00:00:00.000Z' },
      { action: 'board-exported', at: '2026-06-01T00:00:00.000Z' },
      { action: 'audit-rows-dropped', board: sweepBoard('2026-02-01T00:00:00.000Z'), actor: 'retention', at: '2026-07-01T00:00:00.000Z' },
    ])
    const honest = [stub(swept[0]!, 'dropped'), swept[1]!, swept[2]!]
    expect(verifyChain(honest)).toMatchObject({ intact: true, rows: 3 })
    const blanked = [honest[0]!, stub(swept[1]!, 'dropped'), swept[2]!]
    expect(verifyChain(blanked)).toMatchObject({ intact: false, broken: { seq: 2, reason: expect.stringContaining('no retention sweep') } })

    // An erased row whose deletion row a sweep dropped since (the two written on clocks apart) still passes; another board's does not.
    const apart = chain([
      { action: 'board-created', board: 'B1', at: '2026-02-02T00:00:00.000Z' },
      { action: 'board-deleted', board: hashedBoard('B1'), at: '2026-01-31T00:00:00.000Z' },
      { action: 'audit-rows-dropped', board: sweepBoard('2026-02-01T00:00:00.000Z'), actor: 'retention', at: '2026-07-01T00:00:00.000Z' },
    ])
    expect(verifyChain([stub(apart[0]!, 'erased'), stub(apart[1]!, 'dropped'), apart[2]!])).toMatchObject({ intact: true })
    expect(verifyChain([stub(apart[0]!, 'erased', hashedBoard('B2')), stub(apart[1]!, 'dropped'), apart[2]!])).toMatchObject({ intact: false, broken: { seq: 1 } })
  })

  it("refuses a chain cut at its front to a deleted board's row when no retention sweep dropped the rows before it", () => {
    // A database writer deletes the oldest rows up to a row of a board deleted since: its stub may start a swept chain.
    const keyFor = auditKey('ein-geheimer-schluessel-fuer-das-protokoll')
    const rows = chain([{ action: 'admin:export-board', board: 'B2' }, { action: 'board-created', board: 'B1' }, { action: 'board-deleted', board: hashedBoard('B1') }, { action: 'audit-key-in-use', actor: 'server' }], keyFor)
    const cut = [stub(rows[1]!, 'erased', hashedBoard('B1')), rows[2]!, rows[3]!]
    expect(verifyChain(cut, [], keyFor)).toMatchObject({ intact: false, broken: { seq: 2, reason: expect.stringContaining('before it were deleted') } })
    // After a sweep, the front may start at such a stub (retention dropped what came before it).
    const swept = chain([{ action: 'audit-rows-dropped', board: sweepBoard('2026-11-01T12:00:00.000Z'), actor: 'retention' }], keyFor, [...rows])
    expect(verifyChain([stub(rows[1]!, 'erased', hashedBoard('B1')), ...swept.slice(2)], [], keyFor)).toMatchObject({ intact: true })
  })

  it("holds the chain's front to the one the last sweep's row names: cut back further to a deleted board's stub, it shows", () => {
    const keyFor = auditKey('ein-geheimer-schluessel-fuer-das-protokoll')
    const rows = chain(
      [
        { action: 'vote-revealed', at: '2026-01-01T00:00:00.000Z' },
        { action: 'board-created', board: 'B1', at: '2026-06-01T00:00:00.000Z' },
        { action: 'board-exported', at: '2026-06-02T00:00:00.000Z' },
      ],
      keyFor,
    )
    // The sweep dropped row 1 and kept it as the front (its checkpoint); its own row names that front, under the key.
    chain([{ action: 'audit-rows-dropped', board: sweepBoard('2026-02-01T00:00:00.000Z', rows[0]!), actor: 'retention', at: '2026-06-03T00:00:00.000Z' }], keyFor, rows)
    chain([{ action: 'board-deleted', board: hashedBoard('B1'), at: '2026-06-04T00:00:00.000Z' }], keyFor, rows)
    const swept = [stub(rows[0]!, 'dropped'), stub(rows[1]!, 'erased', hashedBoard('B1')), ...rows.slice(2)]
    expect(verifyChain(swept, [], keyFor)).toMatchObject({ intact: true, rows: 5 })
    // A database writer deletes row 1 too: the front is a stub followed by a sweep, but not the front that sweep left.
    expect(verifyChain(swept.slice(1), [], keyFor)).toMatchObject({
      intact: false,
      broken: { seq: 2, reason: expect.stringContaining('the last retention sweep (row 4) left the chain starting at row 1') },
    })
  })

  it('tells where rows outside the chain come from: a relay with AUDIT_KEY does not chain them', () => {
    const keyFor = auditKey('ein-geheimer-schluessel-fuer-das-protokoll')
    const rows = chain([{ action: 'audit-key-in-use', actor: 'server' }], keyFor)
    const stray = [{ at: '2026-11-05T00:00:00.000Z', action: 'board-deleted' }]
    expect(verifyChain(rows, stray, keyFor)).toMatchObject({ intact: false, broken: { seq: null, reason: expect.stringContaining('a relay with AUDIT_KEY leaves them outside the chain') } })
    expect(verifyChain(chain([{ action: 'board-created' }]), stray)).toMatchObject({ intact: false, broken: { seq: null, reason: expect.stringContaining("a relay's start without AUDIT_KEY chains those") } })
  })

  describe('keyed with AUDIT_KEY', () => {
    const key = auditKey('ein-geheimer-schluessel-fuer-das-protokoll')
    const rows = [{ action: 'board-created', board: 'B1' }, { action: 'link-replaced', board: 'B1' }, { action: 'board-exported', board: 'B1' }, { action: 'vote-revealed' }]

    it('passes a keyed chain after an unkeyed prefix, and says where the key begins', () => {
      const mixed = chain(rows.slice(2), key, chain(rows.slice(0, 2)))
      expect(verifyChain(mixed, [], key)).toEqual({ intact: true, rows: 4, lastHash: mixed[3]!.hash, keyedFrom: 3 })
      // Without the key the keyed rows cannot be told from edited ones.
      expect(verifyChain(mixed)).toMatchObject({ intact: false, broken: { seq: 3, reason: expect.stringContaining('AUDIT_KEY') } })
    })

    it("refuses an edited row whose chain was recomputed by the public formula (the review's attack)", () => {
      const keyed = chain(rows, key)
      // The database's writer changes row 2's actor and recomputes every hash from there, unkeyed.
      const rewritten = chain(
        rows.slice(1).map((r, i) => ({ ...r, at: keyed[i + 1]!.at, actor: i === 0 ? 'oidc:0000000000000000' : 'admin' })),
        null,
        keyed.slice(0, 1),
      )
      expect(verifyChain(rewritten, [], key)).toMatchObject({ intact: false, broken: { seq: 2, reason: expect.stringContaining('recomputed without AUDIT_KEY') } })
      // The whole chain recomputed unkeyed: no row under the key, which a keyed relay's chain always has.
      const all = chain(rows.map((r, i) => ({ ...r, at: keyed[i]!.at })))
      expect(verifyChain(all)).toMatchObject({ intact: true })
      expect(verifyChain(all, [], key)).toMatchObject({ intact: false, broken: { seq: 4, reason: expect.stringContaining('no row is keyed') } })
      // Under another key it is not this chain either.
      expect(verifyChain(keyed, [], auditKey('ein-anderer-schluessel-fuer-das-protokoll'))).toMatchObject({ intact: false, broken: { seq: 1 } })
    })

    it("keeps a deleted board's stubs checkable under the key", () => {
      const keyed = chain([...rows.slice(0, 2), { action: 'board-deleted', board: hashedBoard('B1') }], key)
      const erased = [stub(keyed[0]!, 'erased', hashedBoard('B1')), stub(keyed[1]!, 'erased', hashedBoard('B1')), keyed[2]!]
      expect(verifyChain(erased, [], key)).toMatchObject({ intact: true, keyedFrom: 1 })
    })
  })
})

// What an admin command without the key can tell of the chain's last row (`server/admin/auditKeyGuard.ts`).
describe('a row hashed by the public formula, told without the key', () => {
  it('tells unkeyed rows from keyed ones', () => {
    const key = auditKey('k'.repeat(40))
    const rows = chain([{ action: 'board-created', board: 'b1' }, { action: 'admin:list' }])
    chain([{ action: 'audit-key-in-use', actor: 'server' }], key, rows)
    expect(rows.map(publiclyHashed)).toEqual([true, true, false])
  })
})
