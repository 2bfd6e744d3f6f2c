/** Limits at the HTTP edges: each refusal has its own status and a plain message, and changes nothing. */
import { creatorCookie, creatorPasswordEnv } from '../helpers/creatorCookie.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatedBoard } from '../../shared/api.ts'
import { apiFetch } from '../helpers/clients.ts'
import { removeDataDir, startRelay, storedBoardCount, type Relay } from '../helpers/relay.ts'

describe('limits at the edges', () => {
  let relay: Relay
  let cookie: string
  beforeAll(async () => {
    // TRUST_PROXY: each test speaks from its own address (X-Forwarded-For), so none uses up another's
    // boards; a request through a proxy creates only signed in (`creatorCookie.ts`).
    relay = await startRelay({
      env: { MAX_BOARDS_PER_MINUTE: '3', MAX_BOARD_ASSET_BYTES: '300000', MAX_ASSET_BYTES: '200000', TRUST_PROXY: '127.0.0.1', ...(await creatorPasswordEnv()) },
    })
    cookie = await creatorCookie(relay.httpUrl)
  })
  afterAll(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  const post = (body: BodyInit, contentType: string, from: string) =>
    fetch(`${relay.httpUrl}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-forwarded-for': from, cookie },
      body,
    })
  const create = async (title: string, from: string) => {
    const response = await post(JSON.stringify({ title }), 'application/json', from)
    expect(response.status).toBe(201)
    return CreatedBoard.parse(await response.json())
  }
  const upload = (board: CreatedBoard, bytes: number) =>
    apiFetch(relay, `/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${board.access.participant}` },
      body: new Uint8Array(bytes).fill(7),
    })
  const storedBoards = () => storedBoardCount(relay)

  it('refuses a board sent as anything but JSON (what another site could post) with 415, creating nothing', async () => {
    const before = storedBoards()
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post(JSON.stringify({ title: 'Von woanders' }), contentType, '127.0.13.1')
      expect(response.status, contentType).toBe(415)
      expect(await response.json()).toEqual({ error: 'send the new board as application/json' })
    }
    expect(storedBoards()).toBe(before)
  })

  it('refuses every JSON request of a board sent as form or text with 415, changing nothing', async () => {
    const board = await create('Nur JSON', '127.0.13.6')
    const facilitator = { authorization: `Bearer ${board.access.facilitator}` }
    const participant = { authorization: `Bearer ${board.access.participant}`, 'x-netzwerkstatt-writer': 'w'.repeat(43) }
    const requests: Array<[string, string, Record<string, string>, unknown]> = [
      ['POST', `/api/boards/${board.id}/versions`, facilitator, { name: 'Von woanders' }],
      ['POST', `/api/boards/${board.id}/join-code`, facilitator, { role: 'participant', token: board.access.participant }],
      ['PUT', `/api/boards/${board.id}/vote/ballot`, participant, { voteId: 'v', dots: {} }],
      ['POST', `/api/boards/${board.id}/vote/reveal`, facilitator, { voteId: 'v' }],
      ['PUT', `/api/boards/${board.id}/private`, participant, { roundId: 'r', notes: [] }],
      ['POST', `/api/boards/${board.id}/private/reveal`, facilitator, { roundId: 'r' }],
    ]
    for (const [method, path, headers, body] of requests) {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const response = await apiFetch(relay, path, { method, headers: { ...headers, 'content-type': contentType }, body: JSON.stringify(body) })
        expect(response.status, `${method} ${path} as ${contentType}`).toBe(415)
        expect(await response.json()).toEqual({ error: 'send the request as application/json' })
      }
    }
    const versions = await apiFetch(relay, `/api/boards/${board.id}/versions`, { headers: facilitator })
    expect(await versions.json()).toEqual([])
  })

  it('refuses a creation body over 64 KB with 413, creating nothing', async () => {
    const before = storedBoards()
    const response = await post(
      JSON.stringify({ title: 'x', template: 'beteiligtenanalyse', options: { partners: ['y'.repeat(100 * 1024)] } }),
      'application/json',
      '127.0.13.2',
    )
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ error: 'the request is larger than 64 KB' })
    expect(storedBoards()).toBe(before)
  })

  it('keeps uploads of one board within its quota (507), while other boards still take theirs', async () => {
    const board = await create('Bilder', '127.0.13.3')
    const other = await create('Andere', '127.0.13.3')
    const urls: string[] = []
    for (let i = 0; i < 2; i++) {
      const response = await upload(board, 120_000)
      expect(response.status).toBe(201)
      urls.push((await response.json()).url)
    }
    const third = await upload(board, 120_000)
    expect(third.status).toBe(507)
    expect(await third.json()).toEqual({ error: "this board's space for images and videos (293 KB) is used up" })
    for (const url of urls) {
      const served = await apiFetch(relay, url, { headers: { authorization: `Bearer ${board.access.participant}` } })
      expect(served.status).toBe(200)
      expect((await served.arrayBuffer()).byteLength).toBe(120_000)
    }
    expect((await upload(other, 120_000)).status).toBe(201)
    // One file over the per-upload cap is refused as such (413), not as a full board.
    expect((await upload(other, 250_000)).status).toBe(413)
  })

  it('limits board creation per address and minute (429 with Retry-After); other addresses go on', async () => {
    // Refused non-JSON posts do not count: a foreign page must not use up an office's boards.
    for (let i = 0; i < 3; i++) expect((await post('{"title":"x"}', 'text/plain', '127.0.13.4')).status).toBe(415)
    for (let i = 0; i < 3; i++) await create(`Board ${i}`, '127.0.13.4')
    const before = storedBoards()
    const refused = await post(JSON.stringify({ title: 'Noch eins' }), 'application/json', '127.0.13.4')
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(await refused.json()).toEqual({ error: 'too many new boards from this address; please wait a minute' })
    expect(storedBoards()).toBe(before)
    await create('Nebenan', '127.0.13.5')
    // A client cannot pose as someone else: the proxy appends the real address last.
    const spoofed = await post(JSON.stringify({ title: 'Getarnt' }), 'application/json', '198.51.100.1, 127.0.13.4')
    expect(spoofed.status).toBe(429)
  })
})
