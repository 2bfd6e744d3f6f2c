/**
 * A full disk, made real with SQLite's page limit: edits are refused loudly and never half-kept,
 * every client sees the same board meanwhile, and the refused edits arrive once there is room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { apiFetch, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteKeys, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe('when storage is full', () => {
  let relay: RelayProcess
  let writer: TestClient
  let reader: TestClient
  let board: CreatedBoard
  /** A board whose image takes the room the writer will need later. */
  let ballast: CreatedBoard

  beforeAll(async () => {
    relay = await startRelay({ process: true, env: { MAX_DB_BYTES: String(400 * 1024) } })
    ballast = await createBoard(relay, 'Ballast')
    const upload = await apiFetch(relay, `/api/boards/${ballast.id}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(160 * 1024),
    })
    expect(upload.status).toBe(201)
    board = await createBoard(relay)
    writer = connectClient(relay, board.id)
    reader = connectClient(relay, board.id)
    await Promise.all([writer, reader].map(whenSynced))
  })
  afterAll(async () => {
    writer.destroy()
    reader.destroy()
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  const keys = (client: TestClient) => noteKeys(client.doc)
  /** Resolves on the next log line with this message, not counting the ones already printed. */
  const nextLog = (msg: string) => {
    let left = relay.logs.filter((line) => line.includes(`"msg":"${msg}"`)).length + 1
    return relay.waitForLog((e) => e.msg === msg && --left === 0)
  }
  /** Once `reader` shows `from`'s awareness marker, it holds every update stored before it. */
  const untilMarkerSeen = (reader: TestClient, from: TestClient, marker: number) => {
    from.provider.awareness.setLocalStateField('marker', marker)
    return new Promise<void>((resolve) => {
      const check = () => {
        if (reader.provider.awareness.getStates().get(from.doc.clientID)?.marker !== marker) return
        reader.provider.awareness.off('change', check)
        resolve()
      }
      reader.provider.awareness.on('change', check)
      check()
    })
  }

  it('refuses edits with 1011 while full, shows everyone the same board, and stores them once there is room', async () => {
    let written = 0
    // One Zettel at a time, each awaited until the reader has it, until the relay refuses one:
    // then exactly one is unstored however slow the machine (written blindly, a slow close left
    // more unstored text than the ballast frees). The writer's client then reconnects by itself
    // (and is refused again) while the board holds still.
    const text = 'x'.repeat(8 * 1024)
    const closed = new Promise<number>((resolve) =>
      writer.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)),
    )
    for (let stored = true; stored; ) {
      const key = String(written++)
      putNote(writer.doc, key, text)
      stored = await Promise.race([until(reader.doc, () => keys(reader).includes(key)).then(() => true), closed.then(() => false)])
    }
    expect(await closed).toBe(1011)
    await relay.waitForLog((e) => e.msg === 'storing update failed')

    expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200)
    const upload = await apiFetch(relay, `/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(100 * 1024),
    })
    expect(upload.status).toBe(507)
    expect(await upload.json()).toEqual({ error: 'storage is full' })

    // Meanwhile the writer keeps its refused edits, and nobody else has them: a late joiner sees
    // exactly what the reader sees.
    const late = connectClient(relay, board.id)
    await whenSynced(late)
    // A tick sends document updates before awareness: once the reader sees the late joiner's
    // marker, it has every update applied before it (a marker in the doc might not fit any more).
    await untilMarkerSeen(reader, late, 1)
    expect(keys(late)).toEqual(keys(reader))
    expect(keys(writer)).toHaveLength(written)
    const unstored = keys(writer).filter((key) => !keys(reader).includes(key))
    expect(unstored.length).toBeGreaterThan(0)

    // The writer comes back on its own and resends its edits in sync step 2: refused again, and
    // still nobody else gets them, early or late.
    await nextLog('storing update failed')
    const later = connectClient(relay, board.id)
    await whenSynced(later)
    await untilMarkerSeen(reader, later, 1)
    expect(keys(later)).toEqual(keys(reader))
    expect(keys(late)).toEqual(keys(reader))
    expect(keys(reader).filter((key) => unstored.includes(key))).toEqual([])
    later.destroy()

    // Room again: the writer's client, reconnecting by itself, gets its edits to everyone.
    const deleted = await apiFetch(relay, `/api/boards/${ballast.id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    await until(reader.doc, () => keys(reader).length === written)
    await until(late.doc, () => keys(late).length === written)
    expect(keys(reader)).toEqual(keys(writer))
    const joiner = connectClient(relay, board.id)
    await whenSynced(joiner)
    expect(keys(joiner)).toEqual(keys(writer))
    const seen = new Set([writer, reader, late, joiner].flatMap(keys))
    for (const client of [late, joiner]) client.destroy()

    // And they are stored: a hard kill loses none of them.
    await relay.kill('SIGKILL')
    const restarted = await startRelay({ process: true, dataDir: relay.dataDir })
    try {
      const fresh = connectClient(restarted, board.id)
      await whenSynced(fresh)
      expect(keys(fresh)).toEqual([...seen].sort())
      fresh.destroy()
    } finally {
      await restarted.kill()
    }
  })
})
