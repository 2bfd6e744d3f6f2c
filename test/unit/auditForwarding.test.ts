/**
 * AUDIT_STDOUT for the rows a relay's audit trail did not write (`server/audit/auditForwarding.ts`):
 * besides the admin command line's, the storage's own rows of the chain's keeping. A row slipped
 * into the database is noted when the storage opens, before forwarding starts: the start sends it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { SqliteStorage, databasePath } from '../../server/storage/SqliteStorage.ts'
import { auditKey } from '../../server/base/auditKey.ts'
import { forwardAdminRows } from '../../server/audit/auditForwarding.ts'
import type { ChainedRow } from '../../server/base/auditChain.ts'
import { createLogger } from '../../server/base/logger.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'

const key = auditKey('a key of this test, long enough for HKDF')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDataDir(dir)
})

async function forwardedAfterOpening(openedAt: string | undefined) {
  const dir = makeDataDir()
  dirs.push(dir)
  await new SqliteStorage(dir, { auditKey: key }).close()
  const file = new Database(databasePath(dir))
  file.prepare('INSERT INTO audit (at, action, board_id, actor) VALUES (?, ?, ?, ?)').run(new Date().toISOString(), 'board-deleted', 'sha256:x', 'admin')
  file.close()
  const storage = new SqliteStorage(dir, { auditKey: key })
  const sent: ChainedRow[] = []
  const forwarding = await forwardAdminRows({ storage, line: (row) => void sent.push(row), written: new Set(), logger: createLogger('silent'), openedAt, everyMs: 60_000 })
  await forwarding.round()
  forwarding.stop()
  await storage.close()
  return sent.map((row) => row.action)
}

describe('forwarding the rows the storage writes itself', () => {
  it('sends the note of a row slipped in without a place, written as the storage opened', async () => {
    expect(await forwardedAfterOpening(new Date(Date.now() - 1000).toISOString())).toEqual(['audit-rows-unplaced'])
  })

  it('sends nothing written before the relay opened its storage', async () => {
    expect(await forwardedAfterOpening(new Date(Date.now() + 60_000).toISOString())).toEqual([])
  })
})
