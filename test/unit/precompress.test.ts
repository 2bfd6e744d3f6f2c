/**
 * The build's brotli and gzip copies of the client's text files (`deploy/precompress.ts`): each
 * copy unpacks to its file, and files that are small, already compressed or of no text format get
 * none.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { precompressDir, precompressFile } from '../../deploy/precompress.ts'

/** Text that compresses as a bundle does: repeated identifiers, some variety. */
const scriptText = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `export function shape${i % 37}(editor) { return editor.getShape('shape:${i}') ?? null }\n`).join('')

describe('precompressed copies of the built client', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netzwerkstatt-precompress-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes .br and .gz beside a text file, each unpacking to the file', async () => {
    mkdirSync(join(dir, 'assets'))
    const js = Buffer.from(scriptText(400))
    const css = Buffer.from('.tl-container { color: var(--color-text); }\n'.repeat(200))
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), js)
    writeFileSync(join(dir, 'assets', 'app-abc123.css'), css)

    const results = await precompressDir(dir)

    expect(results.map((r) => r.file)).toEqual(['assets/app-abc123.css', 'assets/app-abc123.js'])
    for (const [file, original] of [['app-abc123.js', js], ['app-abc123.css', css]] as const) {
      const path = join(dir, 'assets', file)
      const br = readFileSync(`${path}.br`)
      const gz = readFileSync(`${path}.gz`)
      expect(brotliDecompressSync(br).equals(original), file).toBe(true)
      expect(gunzipSync(gz).equals(original), file).toBe(true)
      expect(br.length, file).toBeLessThan(original.length / 4)
      expect(gz.length, file).toBeLessThan(original.length / 4)
    }
    expect(results.find((r) => r.file === 'assets/app-abc123.js')).toEqual({ file: 'assets/app-abc123.js', bytes: js.length, copies: { '.br': expect.any(Number), '.gz': expect.any(Number) } })
  })

  it('leaves small files, compressed formats and incompressible bytes alone', async () => {
    mkdirSync(join(dir, 'assets'))
    // Under 1 kB: a copy would save less than its request costs.
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Netzwerkstatt</title><div id="root"></div>\n')
    // Compressed formats, however well their bytes would pack.
    const repetitive = Buffer.from('a'.repeat(20_000))
    for (const file of ['font-abc.woff2', 'font-abc.woff', 'logo-abc.png']) writeFileSync(join(dir, 'assets', file), repetitive)
    // A text format whose bytes do not compress (saving under 5 %).
    writeFileSync(join(dir, 'assets', 'noise-abc.js'), randomBytes(20_000))

    const results = await precompressDir(dir)

    expect(results).toEqual([
      { file: 'assets/noise-abc.js', bytes: 20_000, copies: {} },
      { file: 'index.html', bytes: 65, copies: {} },
    ])
    for (const file of ['index.html', 'assets/font-abc.woff2', 'assets/font-abc.woff', 'assets/logo-abc.png', 'assets/noise-abc.js']) {
      expect(existsSync(join(dir, `${file}.br`)), file).toBe(false)
      expect(existsSync(join(dir, `${file}.gz`)), file).toBe(false)
    }
  })

  it('removes a stale copy of a file that no longer compresses', async () => {
    const path = join(dir, 'data.json')
    writeFileSync(path, JSON.stringify({ rows: Array(500).fill('row') }))
    expect((await precompressFile(path)).copies).toEqual({ '.br': expect.any(Number), '.gz': expect.any(Number) })
    writeFileSync(path, '{}')
    expect(await precompressFile(path)).toEqual({ bytes: 2, copies: {} })
    expect(existsSync(`${path}.br`)).toBe(false)
    expect(existsSync(`${path}.gz`)).toBe(false)
  })
})
