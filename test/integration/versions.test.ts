/**
 * Version history through the real relay: automatic versions while a board is edited and when
 * the last person leaves, named versions, reading and exporting one, a new board from one, how
 * many are kept, and who may do any of it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardVersion, versionsPath, CreatedBoard } from '../../shared/api.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { apiFetch, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteText, putNote, putRecords, recordsIn } from '../helpers/records.ts'
import { removeDataDir, startRelay, storedBoardCount, type RelayProcess } from '../helpers/relay.ts'
import { saveStoredVersion, storeUnjudged } from '../helpers/damagedBoards.ts'
import { cellCentre, noteAt } from '../unit/templates/helpers.ts'

describe('version history', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const start = async (env: Record<string, string> = {}) => {
    const relay = await startRelay({ env })
    cleanups.push(() => removeDataDir(relay.dataDir))
    cleanups.push(() => relay.kill())
    return relay
  }
  const connect = async (relay: RelayProcess, boardId: string, token?: string) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token })
    cleanups.push(() => client.destroy())
    await whenSynced(client)
    return client
  }
  const versions = async (relay: RelayProcess, boardId: string) => {
    const response = await apiFetch(relay, versionsPath(boardId))
    expect(response.status).toBe(200)
    return BoardVersion.array().parse(await response.json())
  }
  const leave = async (relay: RelayProcess, client: TestClient) => {
    const saved = relay.waitForLog((e) => e.msg === 'version saved')
    client.destroy()
    await saved
  }

  it('saves a version when the last person leaves and when the facilitator names one; reads, exports and copies it', async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Netzwerktreffen', { template: 'beteiligtenanalyse' })
    const writer = await connect(relay, board.id)
    const scaffold = recordsIn(writer.doc).filter((r) => scaffoldMeta(r))
    const cell = scaffold.find((s) => scaffoldMeta(s)?.kind === 'cell')!
    const { x, y } = cellCentre(scaffold, scaffoldMeta(cell)!.key)
    putRecords(writer.doc, [noteAt(x, y, 'Erste Fassung', 'shape:idea' as never)])
    await leave(relay, writer)

    const [auto] = await versions(relay, board.id)
    expect(auto.name).toBeNull()

    // Later the note changes; the facilitator names the state before a decision.
    const editor = await connect(relay, board.id)
    putNote(editor.doc, 'idea', 'Zweite Fassung')
    const named = await apiFetch(relay, versionsPath(board.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'nach Schritt 3' }),
    })
    expect(named.status).toBe(201)
    const list = await versions(relay, board.id)
    expect(list.map((v) => v.name)).toEqual(['nach Schritt 3', null])

    // The automatic version still holds the first text.
    const document = await apiFetch(relay, `${versionsPath(board.id)}/${auto.id}/document`)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, new Uint8Array(await document.arrayBuffer()))
    expect(noteText(doc, 'idea')).toBe('Erste Fassung')
    const exported = await apiFetch(relay, `${versionsPath(board.id)}/${auto.id}/export?format=md`)
    expect(exported.status).toBe(200)
    const markdown = await exported.text()
    expect(markdown).toContain('Erste Fassung')
    expect(markdown).not.toContain('Zweite Fassung')

    // A new board from it: fresh links, the old content.
    const copied = await apiFetch(relay, `${versionsPath(board.id)}/${auto.id}/board`, { method: 'POST' })
    expect(copied.status).toBe(201)
    const copy = CreatedBoard.parse(await copied.json())
    expect(copy.id).not.toBe(board.id)
    const reader = await connect(relay, copy.id, copy.access.participant)
    expect(noteText(reader.doc, 'idea')).toBe('Erste Fassung')
    // The board itself is unchanged by all this.
    expect(noteText(editor.doc, 'idea')).toBe('Zweite Fassung')
  })

  it('is the facilitator’s: participants and observers get 403, unknown versions 404', async () => {
    const relay = await start()
    const board = await createBoard(relay)
    for (const role of ['participant', 'observer'] as const) {
      const headers = { authorization: `Bearer ${board.access[role]}` }
      expect((await apiFetch(relay, versionsPath(board.id), { headers })).status).toBe(403)
      const post = { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) }
      expect((await apiFetch(relay, versionsPath(board.id), post)).status).toBe(403)
    }
    expect((await apiFetch(relay, `${versionsPath(board.id)}/nichtda12345/document`)).status).toBe(404)
    const unnamed = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"  "}' })
    expect(unnamed.status).toBe(400)
  })

  it('saves automatic versions while people keep editing, and keeps only as many as set', async () => {
    // Interval 0: a version with every change; two automatic ones kept.
    const relay = await start({ VERSION_INTERVAL_MINUTES: '0', VERSIONS_KEPT: '2' })
    const board = await createBoard(relay)
    const client = await connect(relay, board.id)
    const named = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Start"}' })
    expect(named.status).toBe(201)
    let saved = 0
    const all = relay.waitForLog((e) => e.msg === 'version saved' && ++saved === 5)
    for (let i = 0; i < 4; i++) putNote(client.doc, `n${i}`)
    await all
    const list = await versions(relay, board.id)
    expect(list.filter((v) => v.name === null)).toHaveLength(2)
    expect(list.filter((v) => v.name === 'Start')).toHaveLength(1)
  })

  it('counts a board made from a version against the same per-minute limit as every new board', async () => {
    const relay = await start({ MAX_BOARDS_PER_MINUTE: '2' })
    const board = await createBoard(relay)
    const named = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Stand"}' })
    const version = BoardVersion.parse(await named.json())
    const copy = () => apiFetch(relay, `${versionsPath(board.id)}/${version.id}/board`, { method: 'POST' })
    expect((await copy()).status).toBe(201)
    // The minute's two new boards are made: a third is refused, by whichever route it comes.
    const refused = await copy()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).not.toBeNull()
    const created = await apiFetch(relay, '/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Noch eins"}' })
    expect(created.status).toBe(429)
  })

  it('saves one automatic version for visits in quick succession, not a full copy per visit', async () => {
    const relay = await start({ VERSION_INTERVAL_MINUTES: '10' })
    const board = await createBoard(relay)
    for (let visit = 0; visit < 5; visit++) {
      const client = await connect(relay, board.id)
      putNote(client.doc, `visit-${visit}`)
      const reader = await connect(relay, board.id, board.access.observer)
      await until(reader.doc, () => noteText(reader.doc, `visit-${visit}`) !== undefined)
      reader.destroy()
      // The last person leaves: a version, or word that the last one is too recent.
      client.destroy()
      let seen = 0
      await relay.waitForLog((e) => (e.msg === 'version saved' || e.msg === 'automatic version skipped') && e.board === board.id && ++seen === visit + 1)
    }
    const list = await versions(relay, board.id)
    expect(list.filter((v) => v.name === null)).toHaveLength(1)
  })

  it('takes a few named versions an hour per board, and says so', async () => {
    const relay = await start({ MAX_NAMED_VERSIONS_PER_HOUR: '3' })
    const board = await createBoard(relay)
    const name = (n: number) => apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `Stand ${n}` }) })
    for (let n = 0; n < 3; n++) expect((await name(n)).status).toBe(201)
    const refused = await name(3)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).not.toBeNull()
    expect((await versions(relay, board.id)).filter((v) => v.name !== null)).toHaveLength(3)
  })

  it('makes no board of a version that breaks the board’s rules: 422, and nothing stored', async () => {
    const first = await start()
    const board = await createBoard(first, 'Beschädigt')
    // A note whose parent is nowhere, stored as an older relay could have stored it.
    await first.kill()
    const orphan = new Y.Doc()
    putRecords(orphan, [{ ...noteAt(0, 0, 'verwaist', 'shape:orphan' as never), parentId: 'shape:nowhere' }])
    await storeUnjudged(first.dataDir, board.id, Y.encodeStateAsUpdate(orphan))
    const versionId = await saveStoredVersion(first.dataDir, board.id, 'Mit Waise')
    const relay = await startRelay({ dataDir: first.dataDir })
    cleanups.push(() => relay.kill())
    const copied = await apiFetch(relay, `${versionsPath(board.id)}/${versionId}/board`, { method: 'POST' })
    expect(copied.status).toBe(422)
    expect(((await copied.json()) as { error: string }).error).toBe('Dieses Board wäre beschädigt und wurde nicht angelegt. / This board would be broken and was not made.')
    expect(storedBoardCount(relay)).toBe(1)
  })
})
