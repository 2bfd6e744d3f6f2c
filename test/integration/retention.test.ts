/**
 * Retention with a moved clock: boards are aged in the database while the relay is stopped; on
 * its next start the relay deletes those unused for longer than BOARD_RETENTION_DAYS, logs each by
 * id, and keeps the others. Opening a board counts as using it.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BoardWithRole } from '../../shared/api.ts'
import { apiFetch, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { putNote } from '../helpers/records.ts'
import { makeDataDir, removeDataDir, startRelay } from '../helpers/relay.ts'

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000).toISOString()

describe('retention', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const start = async (dataDir: string, env: Record<string, string>) => {
    const relay = await startRelay({ dataDir, env })
    cleanups.push(() => relay.kill())
    return relay
  }
  /** Sets when boards were created and last used, as if that long ago. */
  const age = (dataDir: string, boards: Record<string, { created: number; used: number | null }>) => {
    const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'))
    try {
      const update = db.prepare('UPDATE boards SET created_at = ?, last_used_at = ? WHERE id = ?')
      for (const [id, { created, used }] of Object.entries(boards)) update.run(daysAgo(created), used === null ? null : daysAgo(used), id)
    } finally {
      db.close()
    }
  }
  const lastUsed = (dataDir: string, id: string) => {
    const db = new Database(join(dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
    try {
      return (db.prepare('SELECT last_used_at AS at FROM boards WHERE id = ?').get(id) as { at: string | null }).at
    } finally {
      db.close()
    }
  }

  it('deletes boards unused for longer than BOARD_RETENTION_DAYS at start, logs them by id, keeps the rest', async () => {
    const dataDir = makeDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const first = await start(dataDir, { BOARD_RETENTION_DAYS: '30' })
    const [stale, neverOpened, recent] = await Promise.all(['Alt', 'Nie geöffnet', 'Neulich'].map((t) => createBoard(first, t)))
    const client = connectClient(first, stale.id)
    await whenSynced(client)
    putNote(client.doc, 'gruss', 'Wird mit gelöscht')
    client.destroy()
    await first.kill()

    age(dataDir, {
      [stale.id]: { created: 90, used: 40 },
      [neverOpened.id]: { created: 31, used: null },
      [recent.id]: { created: 90, used: 10 },
    })
    const relay = await start(dataDir, { BOARD_RETENTION_DAYS: '30' })
    const deleted = relay.logs.filter((line) => line.includes('board deleted (retention)')).map((line) => JSON.parse(line).board)
    expect(deleted.sort()).toEqual([stale.id, neverOpened.id].sort())
    for (const gone of [stale, neverOpened]) expect((await apiFetch(relay, `/api/boards/${gone.id}`)).status).toBe(404)

    // The kept board says when it would go if nobody used it: 30 days after its last use.
    const kept = BoardWithRole.parse(await (await apiFetch(relay, `/api/boards/${recent.id}`)).json())
    expect(kept.retentionDays).toBe(30)
    expect(Date.parse(kept.deleteAfter!) - Date.parse(daysAgo(10))).toBeGreaterThan(29.9 * 24 * 60 * 60_000)
    expect(Date.parse(kept.deleteAfter!) - Date.parse(daysAgo(10))).toBeLessThan(30.1 * 24 * 60 * 60_000)

    // Opening it is using it.
    const visitor = connectClient(relay, recent.id)
    cleanups.push(() => visitor.destroy())
    await whenSynced(visitor)
    expect(Date.parse(lastUsed(dataDir, recent.id)!)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('keeps every board with BOARD_RETENTION_DAYS=0', async () => {
    const dataDir = makeDataDir()
    cleanups.push(() => removeDataDir(dataDir))
    const first = await start(dataDir, { BOARD_RETENTION_DAYS: '0' })
    const board = await createBoard(first, 'Für immer')
    await first.kill()
    age(dataDir, { [board.id]: { created: 4000, used: 4000 } })
    const relay = await start(dataDir, { BOARD_RETENTION_DAYS: '0' })
    const found = BoardWithRole.parse(await (await apiFetch(relay, `/api/boards/${board.id}`)).json())
    expect(found).toMatchObject({ retentionDays: null, deleteAfter: null })
  })
})
