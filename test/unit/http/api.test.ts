/** The board API over the relay's app in this process (`inProcessRelay.ts`), on a SQLite file of its own. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiFetch, createBoard } from '../../helpers/clients.ts'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'

describe('HTTP API', () => {
  let relay: InProcessRelay
  const maxAssetBytes = 100 * 1024
  beforeAll(async () => {
    relay = await inProcessRelay({ env: { MAX_ASSET_BYTES: String(maxAssetBytes) } })
  })
  afterAll(() => relay.close())
  const api = (path: string, init?: RequestInit) => apiFetch(relay, path, init)
  const postJson = (path: string, body: unknown) =>
    api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('reports health', async () => {
    const response = await api('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ready' })
  })

  it('creates a board and returns its metadata', async () => {
    const response = await postJson('/api/boards', { title: '  Steuerungsgruppe Alleinerziehende  ' })
    expect(response.status).toBe(201)
    const board = await response.json()
    expect(board).toMatchObject({ title: 'Steuerungsgruppe Alleinerziehende', url: `/b/${board.id}` })
    expect(board.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(new Date(board.createdAt).getTime()).not.toBeNaN()

    const fetched = await api(`/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.access.facilitator}` } })
    expect(fetched.status).toBe(200)
    const { access: _access, links: _links, ...meta } = board
    // Unused boards are deleted after 365 days (the default): counted from creation until opened.
    const deleteAfter = new Date(Date.parse(meta.createdAt) + 365 * 24 * 60 * 60_000).toISOString()
    expect(await fetched.json()).toEqual({ ...meta, role: 'facilitator', signInRequired: false, retentionDays: 365, deleteAfter })
  })

  it('answers bad bodies with 400 and a JSON error, creating nothing', async () => {
    for (const body of [{}, { title: '' }, { title: '   ' }, { title: 42 }, { title: 'x'.repeat(201) }]) {
      const response = await postJson('/api/boards', body)
      expect(response.status).toBe(400)
      expect(typeof (await response.json()).error).toBe('string')
    }
    const notJson = await api('/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' })
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toEqual({ error: 'body must be JSON' })
  })

  it('answers unknown boards and routes with 404 JSON', async () => {
    for (const path of ['/api/boards/AAAAAAAAAAAAAAAAAAAAAA', '/api/boards/nope', '/api/nothing']) {
      const response = await api(path)
      expect(response.status).toBe(404)
      expect(typeof (await response.json()).error).toBe('string')
    }
  })

  it('tells the client its settings', async () => {
    const response = await api('/api/config')
    expect(await response.json()).toEqual({ tldrawLicenseKey: null, maxAssetBytes, tldrawLicence: { state: 'none' } })
  })

  it('stores a pasted image and serves it back', async () => {
    const board = await createBoard(relay)
    const png = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3])
    const upload = await api(`/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: png,
    })
    expect(upload.status).toBe(201)
    const { url } = await upload.json()
    expect(url).toMatch(new RegExp(`^/api/boards/${board.id}/assets/[A-Za-z0-9_-]{22}$`))
    const served = await api(url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png)
  })

  it('refuses too large, non-image and misplaced uploads', async () => {
    const board = await createBoard(relay)
    const tooLarge = await api(`/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(maxAssetBytes + 1),
    })
    expect(tooLarge.status).toBe(413)
    expect((await tooLarge.json()).error).toMatch(/larger/)
    const html = await api(`/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { 'content-type': 'text/html' },
      body: '<script>alert(1)</script>',
    })
    expect(html.status).toBe(415)
    const noBoard = await api('/api/boards/AAAAAAAAAAAAAAAAAAAAAA/assets', {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(10),
    })
    expect(noBoard.status).toBe(404)
  })
})
