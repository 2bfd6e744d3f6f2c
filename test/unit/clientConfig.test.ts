/**
 * The board page reads `GET /api/config` with a plain reader instead of zod (zod stays off the
 * canvas's first paint, test/integration/phoneFirstLoad.test.ts): it must take exactly what the
 * relay's schema takes and give what that gives, or a page would judge the tldraw licence from
 * settings the schema refuses, or fall back where the schema reads them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ClientConfig } from '../../shared/api.ts'
import { fetchConfig, readClientConfig } from '../../client/clientConfig.ts'

const read = { state: 'read', id: 'key-1', kind: 'annual', hosts: ['werkstatt.example'], expiry: '2027-05-01', watermark: false, native: false }
const base = { tldrawLicenseKey: 'tldraw-2027-05-01/abc', maxAssetBytes: 10_485_760 }
const configs: unknown[] = [
  base,
  { ...base, tldrawLicenseKey: null, tldrawLicence: { state: 'none' } },
  { ...base, tldrawLicence: read, extra: 'dropped' },
  { ...base, tldrawLicence: { ...read, kind: 'evaluation', hosts: [], native: true, extra: 1 } },
  { ...base, tldrawLicence: { state: 'unreadable', problem: 'signature' } },
  { ...base, tldrawLicence: { state: 'unreadable', problem: 'other' } },
  { ...base, tldrawLicence: { state: 'unreadable' } },
  { ...base, tldrawLicence: { ...read, kind: 'lifetime' } },
  { ...base, tldrawLicence: { ...read, hosts: ['a', 3] } },
  { ...base, tldrawLicence: { ...read, watermark: 'no' } },
  { ...base, tldrawLicence: { ...read, expiry: undefined } },
  { ...base, tldrawLicence: { state: 'maybe' } },
  { ...base, tldrawLicence: null },
  { ...base, tldrawLicenseKey: undefined },
  { ...base, tldrawLicenseKey: 5 },
  { ...base, maxAssetBytes: 0 },
  { ...base, maxAssetBytes: -1 },
  { ...base, maxAssetBytes: 1.5 },
  { ...base, maxAssetBytes: 2 ** 60 },
  { ...base, maxAssetBytes: '10' },
  '<html>captive portal</html>',
  null,
  [],
]

describe("the board page's plain reading of the settings", () => {
  it.each(configs.map((value) => [JSON.stringify(value), value]))('reads %s as ClientConfig does', (_, value) => {
    const parsed = ClientConfig.safeParse(value)
    expect(readClientConfig(value)).toEqual(parsed.success ? parsed.data : null)
  })

  describe('fetchConfig', () => {
    const stored = new Map<string, string>()
    afterEach(() => {
      vi.unstubAllGlobals()
      stored.clear()
    })
    const answer = (status: number, body: unknown) => {
      vi.stubGlobal('localStorage', { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value) })
      vi.stubGlobal('fetch', async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }))
    }

    it('gives the relay’s settings, and offline or behind a portal the last ones it gave', async () => {
      answer(200, { ...base, tldrawLicence: read })
      expect(await fetchConfig()).toEqual({ ...base, tldrawLicence: read })
      answer(200, '<html>WLAN-Anmeldung</html>')
      expect(await fetchConfig()).toEqual({ ...base, tldrawLicence: read })
      answer(503, { error: 'down' })
      expect(await fetchConfig()).toEqual({ ...base, tldrawLicence: read })
    })

    it('without any, the defaults', async () => {
      answer(503, { error: 'down' })
      expect(await fetchConfig()).toEqual({ tldrawLicenseKey: null, maxAssetBytes: 10 * 1024 * 1024, tldrawLicence: { state: 'none' } })
    })
  })
})
