/**
 * What the audit trail's hash chain costs per row: N rows appended through `AuditTrail.record`
 * into the relay's own SQLite storage (an immediate transaction, the previous row's hash read, a
 * SHA-256, the insert), against N plain inserts of the same fields into a table without the chain
 * (the trail before it was chained), with the same pragmas, in the same run.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuditTrail } from '../server/audit/auditTrail.ts'
import { createLogger } from '../server/base/logger.ts'
import { SqliteStorage } from '../server/storage/SqliteStorage.ts'
import { median, round } from './stats.ts'

export interface AuditAppendFigures {
  rows: number
  rounds: number
  plainMsPerRow: number
  chainedMsPerRow: number
  ratio: number
}

export async function runAuditAppend(rows = 2000, rounds = 3): Promise<AuditAppendFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'nws-bench-audit-'))
  const storage = new SqliteStorage(join(dir, 'chained'))
  const trail = new AuditTrail(storage, createLogger('error', () => {}))
  const plain = new Database(join(dir, 'plain.sqlite'))
  plain.pragma('journal_mode = WAL')
  plain.pragma('synchronous = NORMAL')
  plain.exec('CREATE TABLE audit (at TEXT NOT NULL, action TEXT NOT NULL, board_id TEXT, actor TEXT NOT NULL)')
  const insert = plain.prepare('INSERT INTO audit (at, action, board_id, actor) VALUES (?, ?, ?, ?)')
  const board = (i: number) => `bench-board-${String(i % 50).padStart(10, '0')}`.slice(0, 22)
  const samples = { plain: [] as number[], chained: [] as number[] }
  try {
    for (let round = 0; round < rounds; round++) {
      let start = performance.now()
      for (let i = 0; i < rows; i++) insert.run(new Date().toISOString(), 'board-exported', board(i), 'link:participant:0123456789abcdef')
      samples.plain.push((performance.now() - start) / rows)
      start = performance.now()
      for (let i = 0; i < rows; i++) await trail.record('board-exported', board(i), 'link:participant:0123456789abcdef')
      samples.chained.push((performance.now() - start) / rows)
    }
  } finally {
    plain.close()
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const plainMsPerRow = round(median(samples.plain))
  const chainedMsPerRow = round(median(samples.chained))
  return { rows, rounds, plainMsPerRow, chainedMsPerRow, ratio: round(chainedMsPerRow / plainMsPerRow) }
}
