/**
 * A full disk, made real with SQLite's page limit: edits are refused loudly and never half-kept,
 * every client sees the same board meanwhile, and the refused edits arrive once there is room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/access.ts'
import { apiFetch, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe('when storage is full', () => {
  let relay: RelayProcess
  let writer: TestClient
  let reader: TestClient
  let board: CreatedBoard
  /** A board whose image takes the room the writer will need later. */
  let ballast: CreatedBoard

  beforeAll(async () => {
    relay = await startRelay({ env: { MAX_DB_BYTES: String(400 * 1024) } })
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

  const keys = (client: TestClient) => Object.keys(client.doc.getMap('tldraw').toJSON()).sort()

  it('refuses edits with 1011 while full, shows everyone the same board, and stores them once there is room', async () => {
    // The writer stays away after the refusal (a real one retries), so that the board holds
    // still while the others are compared.
    const closed = new Promise<number>((resolve) =>
      writer.provider.once('connection-close', (event: CloseEvent | null) => {
        writer.provider.disconnect()
        if (event) resolve(event.code)
      }),
    )
    let written = 0
    // Write until the relay refuses; every write the reader saw must have been stored first.
    const text = 'x'.repeat(8 * 1024)
    const writeNext = () => writer.doc.getMap('tldraw').set(`shape:${written++}`, { text })
    writeNext()
    const timer = setInterval(writeNext, 5)
    const code = await closed
    clearInterval(timer)
    expect(code).toBe(1011)
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
    // cursor, it has every update stored before it (a marker in the doc might not fit any more).
    late.provider.awareness.setLocalStateField('marker', true)
    await new Promise<void>((resolve) => {
      const check = () => reader.provider.awareness.getStates().get(late.doc.clientID)?.marker && resolve()
      reader.provider.awareness.on('change', check)
      check()
    })
    expect(keys(late)).toEqual(keys(reader))
    expect(keys(reader).length).toBeLessThan(written)
    expect(keys(writer)).toHaveLength(written)

    // Room again: the writer's client reconnects and its edits reach everyone.
    const deleted = await apiFetch(relay, `/api/boards/${ballast.id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    writer.provider.connect()
    await until(reader.doc, () => keys(reader).length === written)
    await until(late.doc, () => keys(late).length === written)
    expect(keys(reader)).toEqual(keys(writer))
    late.destroy()

    // And they are stored: a hard kill loses none of them.
    await relay.kill('SIGKILL')
    const restarted = await startRelay({ dataDir: relay.dataDir })
    try {
      const fresh = connectClient(restarted, board.id)
      await whenSynced(fresh)
      expect(keys(fresh)).toEqual(keys(writer))
      fresh.destroy()
    } finally {
      await restarted.kill()
    }
  })
})
