/**
 * An uploaded file follows its board's links (`GET …/assets/:id`): read with any link of the board
 * that is valid now, sent as a header; a link renewed because it leaked reads no file of the board
 * any more, though whoever held it still has every file's address in the document they synced.
 */
import { describe, expect, it } from 'vitest'
import { apiFetch, createBoard, relayRequest, relaySuite } from '../helpers/clients.ts'

describe('uploaded files and the board links', () => {
  const suite = relaySuite()
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const renew = async (boardId: string, role: string, facilitator: string) => {
    const response = await apiFetch(suite.relay, `/api/boards/${boardId}/links/${role}`, { method: 'POST', headers: bearer(facilitator) })
    expect(response.status).toBe(200)
    return ((await response.json()) as { token: string }).token
  }

  it('reads a file only with a current link of its board: renewed links, other boards and no link read nothing', async () => {
    const board = await createBoard(suite.relay, 'Bilder')
    const other = await createBoard(suite.relay, 'Anderes')
    const picture = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 4, 5, 6])
    const upload = await apiFetch(suite.relay, `/api/boards/${board.id}/assets`, {
      method: 'POST',
      body: picture,
      headers: { ...bearer(board.access.facilitator), 'content-type': 'image/png' },
    })
    expect(upload.status).toBe(201)
    const { url } = (await upload.json()) as { url: string }
    const read = (token?: string) => relayRequest(suite.relay, url, token ? { headers: bearer(token) } : {})

    const asParticipant = await read(board.access.participant)
    expect(asParticipant.status).toBe(200)
    expect(new Uint8Array(await asParticipant.arrayBuffer())).toEqual(picture)
    expect(asParticipant.headers.get('cache-control')).toBe('private, no-store')
    expect((await read(board.access.observer)).status).toBe(200)
    expect((await read()).status).toBe(401)
    expect((await read(other.access.facilitator)).status).toBe(401)

    // "Links erneuern": every link of the board is replaced.
    const participant = await renew(board.id, 'participant', board.access.facilitator)
    const observer = await renew(board.id, 'observer', board.access.facilitator)
    const facilitator = await renew(board.id, 'facilitator', board.access.facilitator)
    for (const old of Object.values(board.access)) expect((await read(old)).status).toBe(401)
    expect((await read()).status).toBe(401)
    for (const current of [participant, observer, facilitator]) {
      const answer = await read(current)
      expect(answer.status).toBe(200)
      expect(new Uint8Array(await answer.arrayBuffer())).toEqual(picture)
    }
  })
})
