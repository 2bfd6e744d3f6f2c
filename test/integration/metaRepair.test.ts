/**
 * A board whose `meta` no client can read (damaged before the relay judged meta) is repaired by
 * the facilitator from a saved version's meta, through the real relay: stored, sent to everyone
 * connected, records untouched; refused for others and for a version this relay cannot read.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { versionsPath } from '../../shared/api.ts'
import { getMetaMap } from '../../shared/board/records.ts'
import { formatVersion, formatVersionKey, schemaKey } from '../../shared/board/ydoc.ts'
import { apiFetch, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { damageMeta, saveStoredVersion } from '../helpers/damagedBoards.ts'
import { noteText, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

describe('repairing a board’s meta from a version', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const start = async (dataDir?: string) => {
    const relay = await startRelay({ dataDir })
    if (!dataDir) cleanups.push(() => removeDataDir(relay.dataDir))
    cleanups.push(() => relay.kill())
    return relay
  }
  const connect = async (relay: Relay, boardId: string) => {
    const client = connectClient(relay, boardId)
    cleanups.push(() => client.destroy())
    await whenSynced(client)
    return client
  }
  const storedFormat = async (relay: Relay, boardId: string) => {
    const client = await connect(relay, boardId)
    const value = getMetaMap(client.doc).get(formatVersionKey)
    client.destroy()
    return value
  }
  const restoreMeta = (relay: Relay, boardId: string, versionId: string, init: RequestInit = {}) =>
    apiFetch(relay, `${versionsPath(boardId)}/${versionId}/meta`, { method: 'POST', ...init })

  /** A board with a note and a good version, then its meta damaged (`formatVersion` 4 unless told) and a version of that. */
  const damagedBoard = async (damage: Record<string, unknown> = { [formatVersionKey]: 4 }) => {
    const seeding = await start()
    const board = await createBoard(seeding, 'Beschädigt')
    const writer = await connect(seeding, board.id)
    putNote(writer.doc, 'idea', 'Vor dem Schaden')
    const saved = await apiFetch(seeding, versionsPath(board.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lesbar' }),
    })
    expect(saved.status).toBe(201)
    const good = ((await saved.json()) as { id: string }).id
    writer.destroy()
    await seeding.kill()
    await damageMeta(seeding.dataDir, board.id, damage)
    const unreadable = await saveStoredVersion(seeding.dataDir, board.id, 'aus der Zukunft')
    const relay = await start(seeding.dataDir)
    return { relay, board, good, unreadable }
  }

  it('puts back a version’s meta when nobody is on the board: stored, read by every new client, records kept', async () => {
    const { relay, board, good } = await damagedBoard()
    expect(await storedFormat(relay, board.id)).toBe(4)
    const response = await restoreMeta(relay, board.id, good)
    expect(response.status).toBe(204)

    const reader = await connect(relay, board.id)
    expect(getMetaMap(reader.doc).get(formatVersionKey)).toBe(formatVersion)
    expect(noteText(reader.doc, 'idea')).toBe('Vor dem Schaden')
    reader.destroy()

    // Stored, not only in the room: a restarted relay still serves the repaired board.
    await relay.kill()
    const restarted = await start(relay.dataDir)
    expect(await storedFormat(restarted, board.id)).toBe(formatVersion)
  })

  it.each([
    ['a schema from the future', { schemaVersion: 2, sequences: { 'com.tldraw.shape': 999, 'com.example.shape.rocket': 1 } }],
    ['an empty schema', {}],
  ])('replaces %s with the version’s', async (_, schema) => {
    const { relay, board, good } = await damagedBoard({ [schemaKey]: schema })
    const version = await apiFetch(relay, `${versionsPath(board.id)}/${good}/document`)
    const versionDoc = new Y.Doc()
    Y.applyUpdate(versionDoc, new Uint8Array(await version.arrayBuffer()))
    expect((await restoreMeta(relay, board.id, good)).status).toBe(204)
    const reader = await connect(relay, board.id)
    expect(getMetaMap(reader.doc).get(schemaKey)).toEqual(getMetaMap(versionDoc).get(schemaKey))
    expect(noteText(reader.doc, 'idea')).toBe('Vor dem Schaden')
  })

  it('reaches everyone on the board at once', async () => {
    const { relay, board, good } = await damagedBoard()
    const stuck = await connect(relay, board.id)
    expect(getMetaMap(stuck.doc).get(formatVersionKey)).toBe(4)
    expect((await restoreMeta(relay, board.id, good)).status).toBe(204)
    await until(stuck.doc, () => getMetaMap(stuck.doc).get(formatVersionKey) === formatVersion)
    expect(noteText(stuck.doc, 'idea')).toBe('Vor dem Schaden')
  })

  it('is the facilitator’s, and refuses a version whose own meta this relay cannot read', async () => {
    const { relay, board, good, unreadable } = await damagedBoard()
    for (const role of ['participant', 'observer'] as const) {
      const response = await restoreMeta(relay, board.id, good, { headers: { authorization: `Bearer ${board.access[role]}` } })
      expect(response.status).toBe(403)
    }
    const refused = await restoreMeta(relay, board.id, unreadable)
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { error: string }).error).toMatch(/not readable/)
    expect((await restoreMeta(relay, board.id, 'nosuchversion')).status).toBe(404)
    // Nothing of that changed the board.
    expect(await storedFormat(relay, board.id)).toBe(4)
  })
})
