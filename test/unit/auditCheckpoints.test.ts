/** Signed checkpoints of the audit chain (`server/base/auditCheckpoints.ts`), as `audit verify --checkpoints` holds the chain against them. */
import { describe, expect, it } from 'vitest'
import { nextLink, type ChainedRow } from '../../server/base/auditChain.ts'
import { checkpointOf, holdAgainstCheckpoints, readCheckpoints } from '../../server/base/auditCheckpoints.ts'
import { auditKey } from '../../server/base/auditKey.ts'

const key = auditKey('ein-geheimer-schluessel-fuer-das-protokoll')
const chain = (n: number): ChainedRow[] => {
  const rows: ChainedRow[] = []
  for (let i = 0; i < n; i++) {
    const entry = { at: `2026-11-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`, action: 'board-exported', board: null, actor: 'admin' }
    rows.push({ ...entry, ...nextLink(rows.at(-1) ?? null, entry, key) })
  }
  return rows
}

describe('signed checkpoints of the audit chain', () => {
  const rows = chain(6)
  const lines = rows.map((row) => JSON.stringify({ level: 'info', msg: 'audit', type: 'audit', ...checkpointOf(row, key) })).join('\n')

  it('reads them from a log with other lines between, and the chain holds against them', () => {
    const points = readCheckpoints(`${lines}\n{"level":"info","msg":"listening"}\nnot json\n`)
    expect(points).toHaveLength(6)
    expect(holdAgainstCheckpoints(rows, points, key)).toEqual({ held: true, checked: 6, latest: 6 })
  })

  it('shows rows cut off the end, a row rewritten in place, and a forged or foreign checkpoint', () => {
    const points = readCheckpoints(lines)
    expect(holdAgainstCheckpoints(rows.slice(0, 4), points, key)).toMatchObject({ held: false, seq: 5, reason: expect.stringContaining('cut off its end') })
    const other = chain(6).map((r, i) => (i === 2 ? { ...r, hash: 'f'.repeat(64) } : r))
    expect(holdAgainstCheckpoints(other, points, key)).toMatchObject({ held: false, seq: 3, reason: expect.stringContaining('rewritten') })
    const forged = [{ ...points[5]!, seq: 9 }]
    expect(holdAgainstCheckpoints(rows, forged, key)).toMatchObject({ held: false, reason: expect.stringContaining('no valid signature') })
    const foreign = auditKey('ein-anderer-schluessel-fuer-das-protokoll')
    expect(holdAgainstCheckpoints(rows, [checkpointOf(rows[5]!, foreign)], key)).toMatchObject({ held: false, reason: expect.stringContaining('another key') })
  })

  it('accepts a checkpoint of a row retention has dropped from the front', () => {
    expect(holdAgainstCheckpoints(rows.slice(3), readCheckpoints(lines).slice(0, 2), key)).toMatchObject({ held: true })
  })
})
