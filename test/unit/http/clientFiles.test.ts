/**
 * The built client's files as the relay sends them: the build's brotli or gzip copy to a browser
 * that accepts it (`deploy/precompress.ts`, `server/http/clientApp.ts`), the file itself to one
 * that accepts neither, with the original's type, `Vary: Accept-Encoding` on both, and a year's
 * caching for hashed files. A client directory of its own stands in for `dist/client`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../../deploy/precompress.ts'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'

const script = Buffer.from(
  Array.from({ length: 300 }, (_, i) => `export const label${i} = (editor) => editor.getShape('shape:${i % 17}')?.props.text ?? ''\n`).join(''),
)
// Not a real picture: bytes that would compress, which the relay must still send as they are.
const picture = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)])
const serviceWorker = Buffer.from(`// service worker\n${'self.addEventListener("fetch", () => {})\n'.repeat(60)}`)

describe('client files, compressed by the build', () => {
  let clientDir: string
  let relay: InProcessRelay
  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'netzwerkstatt-client-files-'))
    mkdirSync(join(clientDir, 'assets'))
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Netzwerkstatt</title><script type="module" src="/assets/app-abc123.js"></script>\n')
    writeFileSync(join(clientDir, 'assets', 'app-abc123.js'), script)
    writeFileSync(join(clientDir, 'assets', 'logo-abc123.png'), picture)
    writeFileSync(join(clientDir, 'sw.js'), serviceWorker)
    await precompressDir(clientDir)
    // Even a compressed copy beside an image is never sent: images are not sent encoded.
    writeFileSync(join(clientDir, 'assets', 'logo-abc123.png.gz'), 'not the picture')
    relay = await inProcessRelay({ clientDir })
  })
  afterAll(async () => {
    await relay?.close()
    rmSync(clientDir, { recursive: true, force: true })
  })

  const get = (path: string, acceptEncoding?: string, init: RequestInit = {}) =>
    relay.request(path, { ...init, headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...init.headers } })
  const body = async (response: Response) => Buffer.from(await response.arrayBuffer())
  const varies = (response: Response) => (response.headers.get('vary') ?? '').toLowerCase().split(/\s*,\s*/).includes('accept-encoding')

  it('sends brotli to a browser that accepts br and gzip, unpacking to the file', async () => {
    const response = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('br')
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(varies(response)).toBe(true)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const sent = await body(response)
    expect(sent.length).toBeLessThan(script.length / 4)
    expect(Number(response.headers.get('content-length'))).toBe(sent.length)
    expect(brotliDecompressSync(sent).equals(script)).toBe(true)
  })

  it('sends gzip to a client that accepts only gzip (or refuses br)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip']) {
      const response = await get('/assets/app-abc123.js', accept)
      expect(response.headers.get('content-encoding'), accept).toBe('gzip')
      expect(response.headers.get('content-type'), accept).toMatch(/^text\/javascript/)
      expect(varies(response), accept).toBe(true)
      expect(gunzipSync(await body(response)).equals(script), accept).toBe(true)
    }
  })

  it('sends the file itself to a client that accepts no encoding, still varying on Accept-Encoding', async () => {
    for (const accept of [undefined, 'identity', 'deflate']) {
      const response = await get('/assets/app-abc123.js', accept)
      expect(response.status, accept).toBe(200)
      expect(response.headers.get('content-encoding'), accept).toBeNull()
      expect(response.headers.get('content-type'), accept).toMatch(/^text\/javascript/)
      // A shared cache must not hand this answer to a browser that accepts br, nor br to this client.
      expect(varies(response), accept).toBe(true)
      expect(response.headers.get('cache-control'), accept).toBe('public, max-age=31536000, immutable')
      expect((await body(response)).equals(script), accept).toBe(true)
    }
  })

  it('answers HEAD with the headers of the copy it would send, and no body', async () => {
    const response = await get('/assets/app-abc123.js', 'br, gzip', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('br')
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(Number(response.headers.get('content-length'))).toBe(readFileSync(join(clientDir, 'assets', 'app-abc123.js.br')).length)
    expect((await body(response)).length).toBe(0)
  })

  it('answers a Range with the whole file, never with the wrong bytes', async () => {
    // serveStatic alone answers `bytes=-5` (the last five bytes) with the first six.
    const plain = await get('/assets/app-abc123.js', undefined, { headers: { range: 'bytes=-5' } })
    expect(plain.status).toBe(200)
    expect(plain.headers.get('content-range')).toBeNull()
    expect((await body(plain)).equals(script)).toBe(true)
    const compressed = await get('/assets/app-abc123.js', 'br', { headers: { range: 'bytes=0-99' } })
    expect(compressed.status).toBe(200)
    expect(compressed.headers.get('content-encoding')).toBe('br')
    expect(brotliDecompressSync(await body(compressed)).equals(script)).toBe(true)
  })

  it('sends an image as it is, without encoding or Vary', async () => {
    const response = await get('/assets/logo-abc123.png', 'br, gzip')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(varies(response)).toBe(false)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await body(response)).equals(picture)).toBe(true)
  })

  it('compresses a file outside assets/ too, but caches only hashed files for a year', async () => {
    const response = await get('/sw.js', 'br, gzip')
    expect(response.headers.get('content-encoding')).toBe('br')
    expect(varies(response)).toBe(true)
    expect(response.headers.get('cache-control')).toBeNull()
    expect(brotliDecompressSync(await body(response)).equals(serviceWorker)).toBe(true)
  })

  it('still serves the page from index.html, uncached and with its policy', async () => {
    // index.html is under 1 kB (530 bytes in the real build): the build makes no copy of it.
    const response = await get('/', 'br, gzip')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await response.text()).toContain('/assets/app-abc123.js')
  })
})
