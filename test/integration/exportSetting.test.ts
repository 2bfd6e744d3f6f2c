/**
 * The read-only link's export setting (`facilitation/exports`) is kept beside the board in
 * storage: a read-only export or report of a board nobody is on is refused from there, without
 * its stored document being read. Read by the relay's own storage counters (`/metrics`): every
 * storage call is counted by its method, so a read of the document cannot hide.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { apiFetch, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

/** How often the relay called each storage method so far. */
async function storageCalls(relay: Relay): Promise<(operation: string) => number> {
  const text = await (await fetch(`${relay.httpUrl}/metrics`)).text()
  return (operation) => Number(new RegExp(`^netzwerkstatt_storage_seconds_count\\{operation="${operation}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0)
}

/** The setting as the relay's database file keeps it beside the board: 1, 0, or null (not known). */
function keptSetting(relay: Relay, boardId: string, forget = false): number | null {
  const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'))
  try {
    // As a board stored before the setting was kept.
    if (forget) db.prepare('UPDATE boards SET observers_may_export = NULL WHERE id = ?').run(boardId)
    return (db.prepare('SELECT observers_may_export AS kept FROM boards WHERE id = ?').get(boardId) as { kept: number | null }).kept
  } finally {
    db.close()
  }
}

/** The calls that read a board's stored document (its size first, then its bytes). */
const documentReads = (calls: (operation: string) => number) => calls('documentBytes') + calls('loadDocument')

const jsonPost = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe("the read-only link's export setting, kept beside the board", () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const start = async () => {
    const relay = await startRelay({ env: { UNLOAD_DELAY_MS: '0' } })
    cleanups.push(async () => {
      await relay.kill()
      removeDataDir(relay.dataDir)
    })
    return relay
  }
  const connect = (relay: Relay, boardId: string, token: string): TestClient => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token })
    cleanups.push(() => client.destroy())
    return client
  }
  const asObserver = (relay: Relay, boardId: string, token: string, route: 'export' | 'report') =>
    apiFetch(relay, `/api/boards/${boardId}/${route}?format=md`, { headers: { authorization: `Bearer ${token}` } })

  /** The facilitator sets the read-only link's exports, then everyone leaves and the room unloads. */
  const setAndLeave = async (relay: Relay, board: { id: string; access: { facilitator: string; observer: string } }, observers: boolean) => {
    const unloaded = relay.logs.filter((line) => line.includes('"room unloaded"')).length
    const facilitator = connect(relay, board.id, board.access.facilitator)
    const watcher = connect(relay, board.id, board.access.observer)
    await Promise.all([facilitator, watcher].map(whenSynced))
    facilitator.doc.getMap('facilitation').set('exports', { observers })
    // Forwarded means stored and applied.
    await until(watcher.doc, () => (watcher.doc.getMap('facilitation').get('exports') as { observers?: boolean } | undefined)?.observers === observers)
    facilitator.destroy()
    watcher.destroy()
    await expect.poll(() => relay.logs.filter((line) => line.includes('"room unloaded"')).length, { timeout: hang(10_000) }).toBe(unloaded + 1)
  }

  it('refuses a read-only export and report of a board nobody is on without reading its document', async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Nicht für alle')
    const before = documentReads(await storageCalls(relay))
    const exported = await asObserver(relay, board.id, board.access.observer, 'export')
    expect(exported.status).toBe(403)
    expect((await exported.json()).error).toMatch(/participant link/)
    expect((await asObserver(relay, board.id, board.access.observer, 'report')).status).toBe(403)
    expect(documentReads(await storageCalls(relay))).toBe(before)
  })

  it('follows the setting the facilitator changes on a loaded board once it is unloaded, both ways', { timeout: hang(60_000) }, async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Ergebnisse')
    await setAndLeave(relay, board, true)
    const allowed = await asObserver(relay, board.id, board.access.observer, 'export')
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('Ergebnisse')
    expect((await asObserver(relay, board.id, board.access.observer, 'report')).status).toBe(200)

    await setAndLeave(relay, board, false)
    const before = documentReads(await storageCalls(relay))
    expect((await asObserver(relay, board.id, board.access.observer, 'export')).status).toBe(403)
    expect((await asObserver(relay, board.id, board.access.observer, 'report')).status).toBe(403)
    expect(documentReads(await storageCalls(relay))).toBe(before)
  })

  it('answers from the document for a board stored before the setting was kept, and keeps it once the board is opened', { timeout: hang(60_000) }, async () => {
    const relay = await start()
    const open = await createBoard(relay, 'Offen')
    await setAndLeave(relay, open, true)
    expect(keptSetting(relay, open.id, true)).toBeNull()
    expect((await asObserver(relay, open.id, open.access.observer, 'export')).status).toBe(200)

    const closed = await createBoard(relay, 'Geschlossen')
    expect(keptSetting(relay, closed.id)).toBe(0)
    expect(keptSetting(relay, closed.id, true)).toBeNull()
    // Not known: the document job reads the setting and refuses, as before it was kept.
    let before = documentReads(await storageCalls(relay))
    expect((await asObserver(relay, closed.id, closed.access.observer, 'export')).status).toBe(403)
    expect(documentReads(await storageCalls(relay))).toBeGreaterThan(before)
    // Opened once, the board's setting is kept again.
    const visitor = connect(relay, closed.id, closed.access.observer)
    await whenSynced(visitor)
    expect(keptSetting(relay, closed.id)).toBe(0)
    visitor.destroy()
    await relay.waitForLog((e) => e.msg === 'room unloaded' && e.board === closed.id)
    before = documentReads(await storageCalls(relay))
    expect((await asObserver(relay, closed.id, closed.access.observer, 'export')).status).toBe(403)
    expect(documentReads(await storageCalls(relay))).toBe(before)
  })

  it('keeps the setting of the state a board is made from: closed for a template, as the version had it for a copy', { timeout: hang(60_000) }, async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Vorlage', { template: 'beteiligtenanalyse', options: { partners: ['Jobcenter'] } })
    expect(keptSetting(relay, board.id)).toBe(0)
    await setAndLeave(relay, board, true)
    const version = await (await apiFetch(relay, `/api/boards/${board.id}/versions`, jsonPost({ name: 'Offen' }))).json()
    const copy = await (await apiFetch(relay, `/api/boards/${board.id}/versions/${version.id}/board`, { method: 'POST' })).json()
    expect(keptSetting(relay, copy.id)).toBe(1)
    expect((await asObserver(relay, copy.id, copy.access.observer, 'export')).status).toBe(200)
  })
})
