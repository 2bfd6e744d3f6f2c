/**
 * Brotli (`.br`) and gzip (`.gz`) copies of the built client's text files, made once at build
 * time beside each file in dist/client, so that a phone opening a board loads 0.7 MB instead of 2.8 MB
 * without compressing anything per request (`server/http/clientApp.ts` picks the copy the
 * browser accepts). Fonts (woff2), images and other formats that are compressed already get none.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** The text formats a build holds; each is one the relay's serveStatic looks for a compressed copy of. */
export const compressibleExtensions = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.txt', '.xml', '.webmanifest'])
/** Below this size a copy saves less than the request costs. */
export const minimumBytes = 1024
/** A copy is kept only if it is at most this share of the file. */
export const maximumRatio = 0.95

export const encodings = [
  { suffix: '.br', compress: (data: Buffer) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }) },
  { suffix: '.gz', compress: (data: Buffer) => gzipSync(data, { level: 9 }) },
] as const

export interface Compressed {
  /** Relative to the directory, with `/`. */
  file: string
  bytes: number
  /** The size of each copy written, by suffix; a copy that would not save enough is not written. */
  copies: Partial<Record<'.br' | '.gz', number>>
}

/** Writes `file.br` and `file.gz` beside `file` where they save enough, and removes stale ones where not. */
export function precompressFile(path: string): Omit<Compressed, 'file'> {
  const data = readFileSync(path)
  const copies: Compressed['copies'] = {}
  for (const { suffix, compress } of encodings) {
    const copy = data.length >= minimumBytes ? compress(data) : null
    if (copy && copy.length <= data.length * maximumRatio) {
      writeFileSync(path + suffix, copy)
      copies[suffix] = copy.length
    } else {
      rmSync(path + suffix, { force: true })
    }
  }
  return { bytes: data.length, copies }
}

/** Every compressible file under `dir` (recursively), with the copies made of it. */
export function precompressDir(dir: string): Compressed[] {
  const results: Compressed[] = []
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !compressibleExtensions.has(extname(entry.name).toLowerCase())) continue
    const path = join(entry.parentPath, entry.name)
    const file = path.slice(dir.length + 1).split('\\').join('/')
    results.push({ file, ...precompressFile(path) })
  }
  return results.sort((a, b) => a.file.localeCompare(b.file))
}

/** The Vite plugin: compresses the output directory once the client is written (public/ is copied before). */
export function precompress(): Plugin {
  return {
    name: 'netzwerkstatt-precompress',
    apply: 'build',
    writeBundle: {
      order: 'post',
      sequential: true,
      handler(options) {
        if (!options.dir) return
        const results = precompressDir(options.dir)
        const sum = (pick: (r: Compressed) => number) => results.reduce((total, r) => total + pick(r), 0)
        const raw = sum((r) => r.bytes)
        const br = sum((r) => r.copies['.br'] ?? r.bytes)
        const gz = sum((r) => r.copies['.gz'] ?? r.bytes)
        const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`
        this.info(`precompressed ${results.filter((r) => r.copies['.br'] || r.copies['.gz']).length} of ${results.length} text files: ${kib(raw)} → brotli ${kib(br)}, gzip ${kib(gz)}`)
      },
    },
  }
}
