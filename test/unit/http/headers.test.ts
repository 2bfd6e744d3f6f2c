/** Security headers on pages and API answers: no framing by other sites, no sniffing, no referrer. */
import { afterEach, describe, expect, it } from 'vitest'
import { createBoard } from '../../helpers/clients.ts'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'

describe('security headers', () => {
  const relays: InProcessRelay[] = []
  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.close()
  })
  const start = async (env: Record<string, string> = {}) => {
    const relay = await inProcessRelay({ env })
    relays.push(relay)
    return relay
  }

  it('forbid framing and sniffing and send no referrer, on the page, the API and errors', async () => {
    const relay = await start()
    const board = await createBoard(relay)
    for (const path of ['/', `/b/${board.id}`, '/api/config', `/api/boards/${board.id}`, '/api/nowhere']) {
      const response = await relay.request(path)
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(response.headers.get('x-frame-options'), path).toBe('DENY')
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
    }
    const page = await relay.request(`/b/${board.id}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('let the sites in FRAME_ANCESTORS frame the board (an intranet portal)', async () => {
    const relay = await start({ FRAME_ANCESTORS: 'https://intranet.example.org' })
    const page = await relay.request('/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors https://intranet.example.org')
    expect(page.headers.get('x-frame-options')).toBeNull()
  })
})
