/** Releasing a board as its facilitator does (`POST /api/boards/:id/release`): the relay saves a version and writes the release. */
import { expect } from 'vitest'
import { Release } from '../../shared/board/entries/release.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { apiFetch, until, type HttpRelay, type TestClient } from './clients.ts'

export async function releaseBoard(relay: HttpRelay, board: Pick<CreatedBoard, 'id' | 'access'>, day: string, reader?: TestClient): Promise<Release> {
  const response = await apiFetch(relay, `/api/boards/${board.id}/release`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ day }),
  })
  expect(response.status).toBe(201)
  const release = Release.parse(await response.json())
  // Once a client on the board holds it, every later read of the board does.
  if (reader) await until(reader.doc, () => (facilitationMap(reader.doc).get(facilitationKeys.release) as { version?: string } | undefined)?.version === release.version)
  return release
}
