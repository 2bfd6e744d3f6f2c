/** What a shipped relay must do, whatever runs it (the image's Node, the image itself): start, sync, stop cleanly, keep the board. */
import { expect } from 'vitest'
import { createBoard, until, whenSynced, type TestClient } from './clients.ts'
import { noteKeys, noteText, putNote } from './records.ts'
import type { RelayProcess } from './relay.ts'

/**
 * Starts a relay with `start`, syncs two clients on a new board, stops it with SIGTERM and checks
 * that a restarted one has every Zettel; `stopped` runs between the two (e.g. to look at its files).
 */
export async function syncsAndKeepsAcrossRestart(start: () => Promise<RelayProcess>, connect: (relay: RelayProcess, boardId: string) => TestClient, stopped: () => void = () => {}) {
  const relay = await start()
  expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200)
  expect((await fetch(`${relay.httpUrl}/`)).status).toBe(200)
  const board = await createBoard(relay)
  const writer = connect(relay, board.id)
  const reader = connect(relay, board.id)
  await Promise.all([writer, reader].map(whenSynced))
  for (let i = 0; i < 20; i++) putNote(writer.doc, `n${i}`)
  await until(reader.doc, () => noteKeys(reader.doc).length === 20)
  await relay.kill('SIGTERM')
  expect(relay.logs.some((line) => line.includes('"shutdown complete"'))).toBe(true)
  stopped()

  const restarted = await start()
  const fresh = connect(restarted, board.id)
  await whenSynced(fresh)
  expect(noteKeys(fresh.doc)).toHaveLength(20)
  expect(noteText(fresh.doc, 'n19')).toBe('n19')
}
