/** Limits at the HTTP edges: each refusal has its own status and a plain message, and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiFetch, createBoard } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe('limits at the edges', () => {
  let relay: RelayProcess
  beforeAll(async () => {
    relay = await startRelay({ env: { MAX_BOARDS_PER_MINUTE: '6', MAX_BOARD_ASSET_BYTES: '300000', MAX_ASSET_BYTES: '200000' } })
  })
  afterAll(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  const post = (body: BodyInit, contentType: string) =>
    fetch(`${relay.httpUrl}/api/boards`, { method: 'POST', headers: { 'content-type': contentType }, body })
  const upload = (boardId: string, bytes: number) =>
    apiFetch(relay, `/api/boards/${boardId}/assets`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(bytes) })

  it('refuses a board sent as text/plain (what another site could post) with 415', async () => {
    const response = await post(JSON.stringify({ title: 'Von woanders' }), 'text/plain')
    expect(response.status).toBe(415)
    expect(await response.json()).toEqual({ error: 'send the new board as application/json' })
  })

  it('refuses a creation body over 64 KB with 413 before reading it all', async () => {
    const response = await post(JSON.stringify({ title: 'x', options: { partners: ['y'.repeat(100 * 1024)] } }), 'application/json')
    expect(response.status).toBe(413)
  })

  it('keeps uploads of one board within its quota (507), while other boards still take theirs', async () => {
    const [board, other] = [await createBoard(relay, 'Bilder'), await createBoard(relay, 'Andere')]
    const first = await upload(board.id, 120_000)
    expect(first.status).toBe(201)
    expect((await upload(board.id, 120_000)).status).toBe(201)
    const third = await upload(board.id, 120_000)
    expect(third.status).toBe(507)
    expect((await third.json()).error).toMatch(/space for images and videos/)
    const { url } = await first.json()
    expect((await fetch(`${relay.httpUrl}${url}`)).status).toBe(200)
    expect((await upload(other.id, 120_000)).status).toBe(201)
    // One file over the per-upload cap is refused as such, before the quota is even looked at.
    expect((await upload(other.id, 250_000)).status).toBe(413)
  })

  it('limits board creation per address and minute (429 with Retry-After)', async () => {
    // Six per minute; the tests above used four attempts.
    let response: Response
    do response = await post(JSON.stringify({ title: 'Noch eins' }), 'application/json')
    while (response.status === 201)
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await response.json()).error).toMatch(/too many new boards/)
  })
})
