/** A client that stops reading is cut off; the relay does not buffer for it without bound. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, createBoard, openRawSocket, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteKeys, noteText, putBulkyNote, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

describe('slow consumers', () => {
  let relay: Relay
  let writer: TestClient
  let reader: TestClient

  beforeAll(async () => {
    relay = await startRelay({ env: { MAX_SEND_BUFFER_BYTES: String(256 * 1024) } })
  })
  afterAll(async () => {
    writer?.destroy()
    reader?.destroy()
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  it('cuts off a client that does not read while the others keep syncing', async () => {
    const boardId = (await createBoard(relay)).id
    writer = connectClient(relay, boardId)
    reader = connectClient(relay, boardId)
    await Promise.all([writer, reader].map(whenSynced))
    const { socket, closed } = await openRawSocket(relay, boardId)
    // Stop reading from the TCP socket: the relay's writes to it back up.
    ;(socket as unknown as { _socket: { pause(): void } })._socket.pause()

    const cutOff = relay.waitForLog((e) => e.msg === 'slow consumer cut off')
    const text = 'y'.repeat(64 * 1024)
    let i = 0
    let isCutOff = false
    void cutOff.then(() => (isCutOff = true))
    // Keep writing until the relay gives up on the stalled socket (loopback buffers absorb a few MB).
    while (!isCutOff && i < 2000) {
      putBulkyNote(writer.doc, String(i), text.length)
      i++
      const last = String(i - 1)
      await until(reader.doc, () => noteText(reader.doc, last) !== undefined)
    }
    const entry = await cutOff
    // The backlog is bounded by the limit plus the one message that crossed it.
    expect(Number(entry.bufferedBytes)).toBeGreaterThan(256 * 1024)
    expect(Number(entry.bufferedBytes)).toBeLessThanOrEqual(256 * 1024 + 80 * 1024)
    socket.terminate()
    await closed

    putNote(writer.doc, 'after')
    await until(reader.doc, () => noteText(reader.doc, 'after') !== undefined)
    expect(noteKeys(reader.doc)).toHaveLength(i + 1)
  })

  it('still sends a board larger than the send limit to a client that keeps up', async () => {
    const boardId = (await createBoard(relay)).id
    const author = connectClient(relay, boardId)
    await whenSynced(author)
    for (let i = 0; i < 8; i++) putBulkyNote(author.doc, String(i), 64 * 1024)
    const witness = connectClient(relay, boardId)
    await until(witness.doc, () => noteKeys(witness.doc).length === 8)
    author.destroy()
    // 512 KiB of board, twice the per-client send limit, in one first sync.
    const late = connectClient(relay, boardId)
    await whenSynced(late)
    expect(noteKeys(late.doc)).toHaveLength(8)
    late.destroy()
    witness.destroy()
  })
})
