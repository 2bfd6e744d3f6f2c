/**
 * The operator's tools against a real relay: `npm run admin` lists, exports, deletes (through the
 * running relay), backs up while people write and restores; `/metrics` counts without telling
 * anything about boards.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol.ts'
import { apiFetch, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteKeys, noteText, putNote } from '../helpers/records.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { admin } from '../helpers/admin.ts'
import { hang } from '../helpers/hang.ts'


const cleanups: Array<() => unknown> = []
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})
const start = async (env: Record<string, string> = {}, dataDir?: string) => {
  const relay = await startRelay({ dataDir, env: { LOG_LEVEL: 'info', ...env } })
  cleanups.push(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })
  return relay
}
const connect = (relay: Relay, boardId: string, token?: string) => {
  const client = connectClient(relay, boardId, new Y.Doc(), { token })
  cleanups.push(() => client.destroy())
  return client
}

describe('npm run admin', () => {
  it('lists boards by size and images without titles, and exports one or all', async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Vertraulicher Titel', { template: 'beteiligtenanalyse', options: { partners: ['Jobcenter'] } })
    const empty = await createBoard(relay, 'Leer')
    const upload = await apiFetch(relay, `/api/boards/${board.id}/assets`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(3000).fill(1) })
    expect(upload.status).toBe(201)

    // The database is the relay account's alone.
    expect(statSync(join(relay.dataDir, 'netzwerkstatt.sqlite')).mode & 0o777).toBe(0o600)
    const list = await admin(relay.dataDir, 'list')
    expect(list.code).toBe(0)
    const rowOf = (id: string) => list.stdout.split('\n').find((line) => line.startsWith(id))!.split(/\s{2,}/)
    expect(rowOf(board.id).slice(-2)).toEqual(['1', '0'])
    expect(rowOf(empty.id).slice(-2)).toEqual(['0', '0'])
    expect(list.stdout).toContain('2 boards')
    expect(list.stdout).not.toContain('Vertraulich')
    const json = JSON.parse((await admin(relay.dataDir, 'list', '--json')).stdout)
    expect(json.find((b: { id: string }) => b.id === board.id).bytes).toBeGreaterThan(3000)

    const exported = await admin(relay.dataDir, 'export', board.id, 'md')
    expect(exported.code).toBe(0)
    expect(exported.stdout).toContain('Vertraulicher Titel')
    expect(exported.stdout).toContain('Jobcenter')
    const dir = join(makeDataDir(), 'exporte')
    cleanups.push(() => removeDataDir(join(dir, '..')))
    expect((await admin(relay.dataDir, 'export-all', dir, 'json')).stdout).toContain('exported 2 boards')
    expect(JSON.parse(readFileSync(join(dir, `${board.id}.json`), 'utf8')).board.title).toBe('Vertraulicher Titel')

    const unknown = await admin(relay.dataDir, 'export', 'AAAAAAAAAAAAAAAAAAAAAA')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no board AAAAAAAAAAAAAAAAAAAAAA')
  })

  it('deletes a board through the running relay: its sockets close with 4404 and the board is gone', async () => {
    const relay = await start()
    const board = await createBoard(relay)
    const client = connect(relay, board.id)
    await whenSynced(client)
    putNote(client.doc, 'n', 'weg damit')
    const closed = new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

    const result = await admin(relay.dataDir, 'delete', board.id)
    expect(result.stdout).toContain('through the running relay')
    expect(await closed).toBe(CloseCode.boardGone)
    expect((await apiFetch(relay, `/api/boards/${board.id}`)).status).toBe(404)
    expect((await admin(relay.dataDir, 'delete', board.id)).stderr).toContain(`no board ${board.id}`)
    await relay.waitForLog((e) => e.msg === 'board deleted' && e.by === 'operator')

    // Nobody else may use the operator's route: not without the secret, not from elsewhere.
    const other = await createBoard(relay)
    expect((await fetch(`${relay.httpUrl}/api/admin/boards/${other.id}`, { method: 'DELETE' })).status).toBe(403)
    expect((await apiFetch(relay, `/api/boards/${other.id}`)).status).toBe(200)
  })

  // Two relays (in the test's process) and four runs of the CLI, each a process of its own: 23 s on a quiet 2-core machine when they all started through tsx.
  it('backs up while people write, and the restore holds everything they had seen by then', { timeout: hang(90_000) }, async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Planspiel Juni')
    const writer = connect(relay, board.id, board.access.participant)
    const watcher = connect(relay, board.id, board.access.observer)
    await Promise.all([writer, watcher].map(whenSynced))
    for (let i = 0; i < 30; i++) putNote(writer.doc, `vor-${i}`, `Notiz ${i}`)
    await until(watcher.doc, () => noteKeys(watcher.doc).length === 30)
    const seenBeforeBackup = noteKeys(watcher.doc)

    // Writing goes on during the backup.
    let written = 30
    const writing = setInterval(() => putNote(writer.doc, `waehrend-${written}`, `Notiz ${written++}`), 5)
    const backupFile = join(makeDataDir(), 'sicherung.sqlite')
    cleanups.push(() => removeDataDir(join(backupFile, '..')))
    const backup = await admin(relay.dataDir, 'backup', backupFile)
    clearInterval(writing)
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/backed up 1 board \(/)
    expect(statSync(backupFile).mode & 0o777).toBe(0o600)

    // Restoring under a running relay is refused and changes nothing.
    const refused = await admin(relay.dataDir, 'restore', backupFile)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('stop it first')

    const restoredDir = makeDataDir()
    const restore = await admin(restoredDir, 'restore', backupFile)
    expect(restore.code, restore.stderr).toBe(0)
    const restored = await start({}, restoredDir)
    const reader = connect(restored, board.id, board.access.observer)
    await whenSynced(reader)
    for (const key of seenBeforeBackup) expect(noteText(reader.doc, key)).toBe(noteText(watcher.doc, key))
    const meta = await (await apiFetch(restored, `/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.access.participant}` } })).json()
    expect(meta).toMatchObject({ title: 'Planspiel Juni', role: 'participant' })

    const garbage = join(restoredDir, 'kein-backup.sqlite')
    writeFileSync(garbage, 'keine Datenbank')
    expect((await admin(makeDataDir(), 'restore', garbage)).stderr).toContain('no SQLite database')
  })
})

describe('/metrics', () => {
  it('counts rooms, connections, traffic, storage time and refusals, behind a token, and names no board', async () => {
    const token = 'metriken-geheim-0123456789'
    const relay = await start({ METRICS_TOKEN: token })
    const board = await createBoard(relay, 'Geheimer Boardtitel')
    const client: TestClient = connect(relay, board.id)
    await whenSynced(client)
    putNote(client.doc, 'n', 'Geheimer Zetteltext')
    const observer = connect(relay, board.id, board.access.observer)
    await until(observer.doc, () => noteText(observer.doc, 'n') !== undefined)
    await fetch(`${relay.httpUrl}/api/boards/${board.id}`, { headers: { authorization: 'Bearer falsch' } })

    expect((await fetch(`${relay.httpUrl}/metrics`)).status).toBe(401)
    const response = await fetch(`${relay.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await response.text()
    const value = (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1])
    expect(value('netzwerkstatt_rooms')).toBe(1)
    expect(value('netzwerkstatt_connections')).toBe(2)
    expect(value('netzwerkstatt_messages_received_total')).toBeGreaterThan(0)
    expect(value('netzwerkstatt_sent_bytes_total')).toBeGreaterThan(0)
    expect(value('netzwerkstatt_storage_seconds_count{operation="appendUpdate"}')).toBeGreaterThan(0)
    expect(value('netzwerkstatt_http_refusals_total{status="401"}')).toBeGreaterThanOrEqual(2)

    // A refused write shows up as a refusal by reason.
    const participant = connect(relay, board.id, board.access.participant)
    await whenSynced(participant)
    const closed = new Promise((resolve) => participant.provider.once('connection-close', resolve))
    participant.doc.getMap('facilitation').set('timer', { running: true })
    await closed
    const after = await (await fetch(`${relay.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text()
    expect(after).toMatch(/^netzwerkstatt_refusals_total\{reason="notAllowed"\} 1$/m)

    for (const secret of [board.id, 'Geheimer', ...Object.values(board.access), '127.0.0.1']) expect(after).not.toContain(secret)
  })
})
