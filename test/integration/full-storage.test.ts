/** A full disk, made real with SQLite's page limit: edits are refused loudly, never half-kept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiFetch, connectClient, createBoard, whenSynced, type TestClient } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe('when storage is full', () => {
  let relay: RelayProcess
  let writer: TestClient
  let reader: TestClient
  let boardId: string

  beforeAll(async () => {
    relay = await startRelay({ env: { MAX_DB_BYTES: String(160 * 1024) } })
    boardId = (await createBoard(relay)).id
    writer = connectClient(relay, boardId)
    reader = connectClient(relay, boardId)
    await Promise.all([writer, reader].map(whenSynced))
  })
  afterAll(async () => {
    writer.destroy()
    reader.destroy()
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  it('closes the writer with 1011, forwards nothing unstored and keeps serving', async () => {
    const closed = new Promise<number>((resolve) =>
      writer.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code)),
    )
    let stored = 0
    // Write until the relay refuses; every write the reader saw must have been stored first.
    const text = 'x'.repeat(8 * 1024)
    const writeNext = () => writer.doc.getMap('tldraw').set(`shape:${stored++}`, { text })
    writeNext()
    const timer = setInterval(writeNext, 5)
    const code = await closed
    clearInterval(timer)
    expect(code).toBe(1011)
    await relay.waitForLog((e) => e.msg === 'storing update failed')

    const health = await fetch(`${relay.httpUrl}/healthz`)
    expect(health.status).toBe(200)
    const upload = await apiFetch(relay, `/api/boards/${boardId}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(100 * 1024),
    })
    expect(upload.status).toBe(507)
    expect(await upload.json()).toEqual({ error: 'storage is full' })

    // What the reader has is exactly what survives a hard restart.
    const seen = reader.doc.getMap('tldraw').size
    expect(seen).toBeLessThan(stored)
    await relay.kill('SIGKILL')
    const restarted = await startRelay({ dataDir: relay.dataDir })
    try {
      const fresh = connectClient(restarted, boardId)
      await whenSynced(fresh)
      expect(fresh.doc.getMap('tldraw').size).toBeGreaterThanOrEqual(seen)
      fresh.destroy()
    } finally {
      await restarted.kill()
    }
  })
})
