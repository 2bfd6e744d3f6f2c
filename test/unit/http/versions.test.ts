/**
 * Version history over the relay's app in this process: who may list and name versions, how many
 * named versions an hour a board takes, and the limits on boards made from one. Versions saved
 * while real clients edit and leave are in `test/integration/versions.test.ts`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardVersion, versionsPath } from '../../../shared/api.ts'
import { apiFetch, createBoard } from '../../helpers/clients.ts'
import { saveStoredVersion, storeUnjudged } from '../../helpers/damagedBoards.ts'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'
import { putRecords } from '../../helpers/records.ts'
import { storedBoardCount } from '../../helpers/relay.ts'
import { noteAt } from '../templates/helpers.ts'

describe('version history', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const start = async (env: Record<string, string> = {}) => {
    const relay = await inProcessRelay({ env })
    cleanups.push(() => relay.close())
    return relay
  }
  const versions = async (relay: InProcessRelay, boardId: string) => {
    const response = await apiFetch(relay, versionsPath(boardId))
    expect(response.status).toBe(200)
    return BoardVersion.array().parse(await response.json())
  }

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

  it('tells a body that is not JSON what it tells one of the wrong shape', async () => {
    const relay = await start()
    const board = await createBoard(relay)
    const headers = { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' }
    const broken = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers, body: '{"name":' })
    expect(broken.status).toBe(400)
    expect(await broken.json()).toEqual({ error: 'a version needs a name' })
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
    // A note whose parent is nowhere, stored as an older relay could have stored it (with the relay stopped: it holds the data directory).
    await first.close({ keepDataDir: true })
    const orphan = new Y.Doc()
    putRecords(orphan, [{ ...noteAt(0, 0, 'verwaist', 'shape:orphan' as never), parentId: 'shape:nowhere' }])
    await storeUnjudged(first.dataDir, board.id, Y.encodeStateAsUpdate(orphan))
    const versionId = await saveStoredVersion(first.dataDir, board.id, 'Mit Waise')
    const relay = await inProcessRelay({ dataDir: first.dataDir })
    cleanups.push(() => relay.close())
    const copied = await apiFetch(relay, `${versionsPath(board.id)}/${versionId}/board`, { method: 'POST' })
    expect(copied.status).toBe(422)
    expect(((await copied.json()) as { error: string }).error).toBe('Dieses Board wäre beschädigt und wurde nicht angelegt. / This board would be broken and was not made.')
    expect(storedBoardCount(relay)).toBe(1)
  })
})
