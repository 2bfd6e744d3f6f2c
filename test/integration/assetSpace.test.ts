/**
 * The board's room for pictures as the document import asks for it (`GET …/asset-space`): what is
 * taken grows with each upload; observers and strangers are not told.
 */
import { describe, expect, it } from 'vitest'
import { apiFetch, createBoard, privateRelaySuite } from '../helpers/clients.ts'

describe('asset space', () => {
  const suite = privateRelaySuite({ MAX_BOARD_ASSET_BYTES: String(64 * 1024) })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

  it('tells participants and facilitators how much of the room is taken', async () => {
    const board = await createBoard(suite.relay, 'Raum')
    const space = (token: string) => apiFetch(suite.relay, `/api/boards/${board.id}/asset-space`, { headers: bearer(token) })
    expect(await (await space(board.access.participant)).json()).toEqual({ usedBytes: 0, maxBytes: 64 * 1024 })
    const picture = new Uint8Array(1000).fill(7)
    const upload = await apiFetch(suite.relay, `/api/boards/${board.id}/assets`, { method: 'POST', body: picture, headers: { ...bearer(board.access.participant), 'content-type': 'image/webp' } })
    expect(upload.status).toBe(201)
    const answer = await space(board.access.facilitator)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(await answer.json()).toEqual({ usedBytes: 1000, maxBytes: 64 * 1024 })
  })

  it('refuses observers, other boards\' links and no link', async () => {
    const board = await createBoard(suite.relay, 'Raum')
    const other = await createBoard(suite.relay, 'Anderes')
    const path = `/api/boards/${board.id}/asset-space`
    expect((await apiFetch(suite.relay, path, { headers: bearer(board.access.observer) })).status).toBe(403)
    expect((await apiFetch(suite.relay, path, { headers: bearer(other.access.participant) })).status).toBe(401)
    expect((await fetch(`${suite.relay.httpUrl}${path}`)).status).toBe(401)
  })
})
