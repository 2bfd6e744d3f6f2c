/**
 * No request holds the relay's thread: while one request makes the relay decode a big stored
 * board or lay out a big PDF, a quiet client's small request is answered first. Ordering, not
 * timing: the big request is on its way before the small one is sent, so a relay that does the
 * work on its one thread answers the small one only after it.
 */
import { once } from 'node:events'
import { request } from 'node:http'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { CreatedNetwork, networkBoardsPath, networkPackPath } from '../../shared/networkApi.ts'
import { apiFetch, connectClient, createBoard, openRawSocket, until, whenSynced } from '../helpers/clients.ts'
import { forgetExportSetting, storeUnjudged } from '../helpers/damagedBoards.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { makeDataDir, removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function relay(env: Record<string, string> = {}, dataDir = makeDataDir()): Promise<RelayProcess> {
  const started = await startRelay({ dataDir, env: { MAX_BOARDS_PER_MINUTE: '200', ...env } })
  cleanups.push(() => started.kill())
  return started
}

/** Stops the relay, writes `notes` into each board as one stored update, and starts it again: the boards are stored, not loaded. */
async function withStoredNotes(
  first: RelayProcess,
  boards: Array<{ board: CreatedBoard; notes: () => object[]; exportSettingUnknown?: boolean }>,
  env: Record<string, string> = {},
) {
  await first.kill('SIGTERM')
  cleanups.push(() => removeDataDir(first.dataDir))
  for (const { board, notes, exportSettingUnknown } of boards) {
    const doc = new Y.Doc()
    putRecords(doc, notes())
    await storeUnjudged(first.dataDir, board.id, Y.encodeStateAsUpdate(doc))
    doc.destroy()
    if (exportSettingUnknown) forgetExportSetting(first.dataDir, board.id)
  }
  return relay(env, first.dataDir)
}

const manyNotes = (count: number) => () => Array.from({ length: count }, (_, i) => noteAt((i % 100) * 220, Math.floor(i / 100) * 220, `Zettel ${i}`))

/**
 * Sends the slow request and, once it has left, a quiet client's `GET /api/time`; resolves with
 * the order the two answers came in and the slow one's status.
 */
async function answerOrder(relayed: RelayProcess, path: string, token: string, json?: object): Promise<{ order: string[]; status: number }> {
  const order: string[] = []
  const headers = { authorization: `Bearer ${token}`, ...(json && { 'content-type': 'application/json' }) }
  const slow = request(`${relayed.httpUrl}${path}`, { method: json ? 'POST' : 'GET', headers })
  const slowAnswered = new Promise<number>((resolve, reject) => {
    slow.on('response', (response) => {
      response.resume()
      response.on('end', () => {
        order.push('slow')
        resolve(response.statusCode ?? 0)
      })
    })
    slow.on('error', reject)
  })
  slow.end(json && JSON.stringify(json))
  await once(slow, 'finish')
  const quick = fetch(`${relayed.httpUrl}/api/time`).then(async (response) => {
    await response.arrayBuffer()
    order.push('quick')
  })
  const [status] = await Promise.all([slowAnswered, quick])
  return { order, status }
}

// Each test builds a big board and restarts the relay: slow on a loaded machine, but nothing is timed.
describe('no request holds the relay’s thread', { timeout: 120_000 }, () => {
  // Only a board whose setting storage does not know is read for that (`server/exportSetting.ts`).
  it('an export refused to the read-only link does not hold up a quiet client while the board is read', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(15_000), exportSettingUnknown: true }])
    const { order, status } = await answerOrder(relayed, `/api/boards/${board.id}/export?format=md`, board.access.observer)
    expect(status).toBe(403)
    expect(order).toEqual(['quick', 'slow'])
  })

  it('a Dokumentation PDF of big Zettel does not hold up a quiet client', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Lange Zettel')
    const bigZettel = () => [0, 1, 2].map((i) => noteAt(i * 300, 0, `Wort ${i} `.repeat(40_000)))
    const relayed = await withStoredNotes(first, [{ board, notes: bigZettel }])
    const { order, status } = await answerOrder(relayed, `/api/boards/${board.id}/report?format=pdf`, board.access.facilitator)
    expect(status).toBe(200)
    expect(order).toEqual(['quick', 'slow'])
  })

  it('a steering group pack of a network of big boards does not hold up a quiet client', async () => {
    const first = await relay()
    const boards = [await createBoard(first, 'Auftakt'), await createBoard(first, 'Zielworkshop')]
    const created = await apiFetch(first, '/api/networks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Netzwerk', targetGroup: 'Familien' }),
    })
    const network = CreatedNetwork.parse(await created.json())
    for (const board of boards) {
      const added = await apiFetch(first, networkBoardsPath(network.id), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${network.token}` },
        body: JSON.stringify({ boardId: board.id, token: board.access.facilitator, phase: 'gruendung', internal: false }),
      })
      expect(added.status).toBe(201)
    }
    const relayed = await withStoredNotes(first, boards.map((board) => ({ board, notes: manyNotes(8_000) })))
    const { order, status } = await answerOrder(relayed, networkPackPath(network.id, 'md', 'de', '2026-11-23'), network.token)
    expect(status).toBe(200)
    expect(order).toEqual(['quick', 'slow'])
  })

  it('a named version of a big board nobody is on does not hold up a quiet client', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(15_000) }])
    const { order, status } = await answerOrder(relayed, `/api/boards/${board.id}/versions`, board.access.facilitator, { name: 'Stand vor der Pause' })
    expect(status).toBe(201)
    expect(order).toEqual(['quick', 'slow'])
  })

  it('the first socket on a big stored board does not hold up a quiet client while its room loads', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(15_000) }])
    const order: string[] = []
    const { socket, inRoom } = await openRawSocket(relayed, board.id, board.access.participant)
    cleanups.push(() => socket.terminate())
    // The room loads once the socket is open; the relay's sync request says it is loaded.
    const loaded = inRoom.then(() => order.push('room'))
    const response = await fetch(`${relayed.httpUrl}/api/time`)
    await response.arrayBuffer()
    order.push('quick')
    await loaded
    expect(order).toEqual(['quick', 'room'])
  })

  it('the first write to a big quiet board does not hold up a quiet client while its rehearsal copy is made', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(15_000) }])
    const [writer, reader] = [board.access.participant, board.access.participant].map((token) => connectClient(relayed, board.id, new Y.Doc(), { token }))
    cleanups.push(() => (writer!.destroy(), reader!.destroy()))
    await Promise.all([whenSynced(writer!), whenSynced(reader!)])
    const order: string[] = []
    const arrived = until(reader!.doc, () => recordsIn(reader!.doc).some((r) => r.id === 'shape:neu')).then(() => order.push('write'))
    putRecords(writer!.doc, [noteAt(0, -300, 'Neu', 'shape:neu' as never)])
    const response = await fetch(`${relayed.httpUrl}/api/time`)
    await response.arrayBuffer()
    order.push('quick')
    await arrived
    expect(order).toEqual(['quick', 'write'])
  })

  it('a big board restored in slices holds every note, takes writes after a refused one, and keeps them', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(2_000) }])
    const notes = (doc: Y.Doc) => recordsIn(doc).filter((r) => r.typeName === 'shape').length
    const reader = connectClient(relayed, board.id, new Y.Doc(), { token: board.access.participant })
    cleanups.push(() => reader.destroy())
    await whenSynced(reader)
    expect(notes(reader.doc)).toBe(2_000)
    // A participant may not write the facilitation map: refused, and the rehearsal copy is dropped.
    const refused = connectClient(relayed, board.id, new Y.Doc(), { token: board.access.participant })
    cleanups.push(() => refused.destroy())
    await whenSynced(refused)
    const closed = new Promise<number>((resolve) => refused.provider.ws?.addEventListener('close', (event) => resolve(event.code)))
    refused.doc.getMap('facilitation').set('timer', { running: true })
    expect(await closed).toBe(4403)
    refused.destroy()
    // The next write is judged on a copy made afresh, and kept.
    const writer = connectClient(relayed, board.id, new Y.Doc(), { token: board.access.participant })
    cleanups.push(() => writer.destroy())
    await whenSynced(writer)
    putRecords(writer.doc, [noteAt(0, -300, 'Neu', 'shape:neu' as never)])
    await until(reader.doc, () => notes(reader.doc) === 2_001)
    expect(reader.doc.getMap('facilitation').get('timer')).toBeUndefined()
    writer.destroy()
    reader.destroy()
    await relayed.kill('SIGTERM')
    const again = await relay({}, relayed.dataDir)
    const later = connectClient(again, board.id, new Y.Doc(), { token: board.access.participant })
    cleanups.push(() => later.destroy())
    await whenSynced(later)
    expect(notes(later.doc)).toBe(2_001)
  })

  it('a named version of a big board people are on does not hold up a quiet client (compaction encodes the same way)', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(15_000) }])
    const client = connectClient(relayed, board.id, new Y.Doc(), { token: board.access.participant })
    cleanups.push(() => client.destroy())
    await whenSynced(client)
    const { order, status } = await answerOrder(relayed, `/api/boards/${board.id}/versions`, board.access.facilitator, { name: 'Stand vor der Pause' })
    expect(status).toBe(201)
    expect(order).toEqual(['quick', 'slow'])
  })

  it('a board made from a version of a big board does not hold up a quiet client while the version is judged', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(15_000) }])
    const named = await apiFetch(relayed, `/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Stand vor der Pause' }),
    })
    expect(named.status).toBe(201)
    const version = (await named.json()) as { id: string }
    const { order, status } = await answerOrder(relayed, `/api/boards/${board.id}/versions/${version.id}/board`, board.access.facilitator, {})
    expect(status).toBe(201)
    expect(order).toEqual(['quick', 'slow'])
  })

  it('a big board opens even where DOCUMENT_WORK_MS is shorter than its restore (found by the hostile review)', async () => {
    // DOCUMENT_WORK_MS bounds a PDF or an export, not a board's load.
    const first = await relay()
    const board = await createBoard(first, 'Großes Board')
    const relayed = await withStoredNotes(first, [{ board, notes: manyNotes(15_000) }], { DOCUMENT_WORK_MS: '300' })
    const reader = connectClient(relayed, board.id, new Y.Doc(), { token: board.access.participant })
    cleanups.push(() => reader.destroy())
    await whenSynced(reader)
    expect(relayed.logs.filter((line) => line.includes('document job stopped'))).toEqual([])
    expect(recordsIn(reader.doc).filter((r) => r.typeName === 'shape').length).toBe(15_000)
  }, 60_000)

  it('a PDF that takes longer than DOCUMENT_WORK_MS is answered 503 and the next document is made', async () => {
    const first = await relay()
    const board = await createBoard(first, 'Lange Zettel')
    const small = await createBoard(first, 'Kleines Board')
    const bigZettel = () => [0, 1, 2].map((i) => noteAt(i * 300, 0, `Wort ${i} `.repeat(40_000)))
    const relayed = await withStoredNotes(first, [{ board, notes: bigZettel }], { DOCUMENT_WORK_MS: '300' })
    const refused = await apiFetch(relayed, `/api/boards/${board.id}/report?format=pdf`)
    expect(refused.status).toBe(503)
    expect(((await refused.json()) as { error: string }).error).toMatch(/longer than the server allows/)
    // The stopped worker is replaced: a small board's export is made.
    const exported = await apiFetch(relayed, `/api/boards/${small.id}/export?format=md`)
    expect(exported.status).toBe(200)
    expect(await exported.text()).toContain('Kleines Board')
  })
})
