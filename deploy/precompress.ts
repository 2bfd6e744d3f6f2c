/**
 * Brotli (`.br`) and gzip (`.gz`) copies of the built client's text files, made once at build
 * time beside each file in dist/client, so that a phone opening a board loads 0.7 MB instead of 2.8 MB
 * without compressing anything per request (`server/http/clientApp.ts` picks the copy the
 * browser accepts). Fonts (woff2), images and other formats that are compressed already get none.
 */
import { readdirSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

/** The text formats a build holds; each is one the relay's serveStatic looks for a compressed copy of. */
export const compressibleExtensions = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.txt', '.xml', '.webmanifest'])
/** Below this size a copy saves less than the request costs. */
export const minimumBytes = 1024
/** A copy is kept only if it is at most this share of the file. */
export const maximumRatio = 0.95

// On libuv's threads, all files at once: a build's 6 MB of JavaScript at brotli's best took 11 s on one core.
const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export const encodings = [
  { suffix: '.br', compress: (data: Buffer) => brotliAsync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }) },
  { suffix: '.gz', compress: (data: Buffer) => gzipAsync(data, { level: 9 }) },
] as const

export interface Compressed {
  /** Relative to the directory, with `/`. */
  file: string
  bytes: number
  /** The size of each copy written, by suffix; a copy that would not save enough is not written. */
  copies: Partial<Record<'.br' | '.gz', number>>
}

/** Writes `file.br` and `file.gz` beside `file` where they save enough, and removes stale ones where not. */
export async function precompressFile(path: string): Promise<Omit<Compressed, 'file'>> {
  const data = await readFile(path)
  const copies: Compressed['copies'] = {}
  await Promise.all(
    encodings.map(async ({ suffix, compress }) => {
      const copy = data.length >= minimumBytes ? await compress(data) : null
      if (copy && copy.length <= data.length * maximumRatio) {
        await writeFile(path + suffix, copy)
        copies[suffix] = copy.length
      } else {
        await rm(path + suffix, { force: true })
      }
    }),
  )
  return { bytes: data.length, copies }
}

/** Every compressible file under `dir` (recursively), with the copies made of it. */
export async function precompressDir(dir: string): Promise<Compressed[]> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && compressibleExtensions.has(extname(entry.name).toLowerCase()))
  const results = await Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name)
      return { file: path.slice(dir.length + 1).split('\\').join('/'), ...(await precompressFile(path)) }
    }),
  )
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
      async handler(options) {
        if (!options.dir) return
        const results = await precompressDir(options.dir)
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
