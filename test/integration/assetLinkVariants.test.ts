/** A hostile reviewer's variants of "uploaded files follow their board's renewed links" (issue 58). */
import { describe, expect, it } from 'vitest'
import { apiFetch, createBoard, relayRequest, relaySuite } from '../helpers/clients.ts'

describe('uploaded files: variants', () => {
  const suite = relaySuite()
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

  it('reads nothing by HEAD, by another board’s path or id, by path tricks, in the query, or with a renewed link', async () => {
    const board = await createBoard(suite.relay, 'Bilder')
    const other = await createBoard(suite.relay, 'Anderes')
    const picture = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 9, 9])
    const upload = async (id: string, token: string) => {
      const answer = await apiFetch(suite.relay, `/api/boards/${id}/assets`, { method: 'POST', body: picture, headers: { ...bearer(token), 'content-type': 'image/png' } })
      expect(answer.status).toBe(201)
      return ((await answer.json()) as { url: string }).url
    }
    const url = await upload(board.id, board.access.participant)
    const assetId = url.split('/').pop()!
    const read = (path: string, init: RequestInit = {}) => relayRequest(suite.relay, path, init)

    // HEAD without a link or with another board's: no 200, no length of the file.
    for (const headers of [{}, bearer(other.access.facilitator)]) {
      const head = await read(url, { method: 'HEAD', headers })
      expect(head.status).toBe(401)
    }
    // Its id under the other board's path, with the other board's link: not found.
    expect((await read(`/api/boards/${other.id}/assets/${assetId}`, { headers: bearer(other.access.facilitator) })).status).toBe(404)
    // Encoded slashes and dots: no route to another board's file.
    for (const trick of [
      `/api/boards/${other.id}/assets/..%2F..%2F${board.id}%2Fassets%2F${assetId}`,
      `/api/boards/${other.id}/..%2F${board.id}/assets/${assetId}`,
      `/api/boards/${board.id}%2F..%2F${other.id}/assets/${assetId}`,
    ]) {
      const answer = await read(trick, { headers: bearer(other.access.facilitator) })
      expect(answer.status, trick).not.toBe(200)
    }
    // The token in the query is no header.
    expect((await read(`${url}?token=${board.access.participant}`)).status).toBe(401)
    // A board id in another case.
    expect((await read(url.replace(board.id, board.id.toUpperCase()), { headers: bearer(other.access.facilitator) })).status).not.toBe(200)

    // Renewed participant link: the old one reads nothing, also by HEAD; the facilitator's still reads.
    const renewed = await apiFetch(suite.relay, `/api/boards/${board.id}/links/participant`, { method: 'POST', headers: bearer(board.access.facilitator) })
    expect(renewed.status).toBe(200)
    expect((await read(url, { headers: bearer(board.access.participant) })).status).toBe(401)
    expect((await read(url, { method: 'HEAD', headers: bearer(board.access.participant) })).status).toBe(401)
    const current = await read(url, { method: 'HEAD', headers: bearer(board.access.facilitator) })
    expect(current.status).toBe(200)
    expect(current.headers.get('cache-control')).toBe('private, no-store')
  })
})
