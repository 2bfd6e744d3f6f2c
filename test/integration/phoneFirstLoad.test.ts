/**
 * A phone opening a board link fetches the entry and its static imports before the list
 * „Beitragen“ can even be asked for. zod (the relay's checks; 12 % of the client) and the
 * templates' layout code must stay out of that: Vite's manifest gives the chunks' static imports,
 * dist/bundle-report.json (bench/bundleReport.ts) what each chunk holds.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChunkReport } from '../../bench/bundleReport.ts'
import { assertBuilt } from '../helpers/serverEntry.ts'

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[] }

const root = join(import.meta.dirname, '..', '..')
const read = <T>(file: string): T => JSON.parse(readFileSync(join(root, file), 'utf8')) as T

/** The entry's chunk files and, transitively, every chunk they import statically. */
function firstLoad(manifest: Record<string, ManifestChunk>): string[] {
  const seen = new Set<string>()
  const walk = (key: string): void => {
    if (seen.has(key)) return
    seen.add(key)
    for (const next of manifest[key]?.imports ?? []) walk(next)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) walk(key)
  return [...seen].map((key) => manifest[key]!.file)
}

describe("the phone's first load", () => {
  assertBuilt('dist/client/.vite/manifest.json', ['client', 'shared'], 'run `npm run build`')
  const manifest = read<Record<string, ManifestChunk>>('dist/client/.vite/manifest.json')
  const { chunks } = read<{ chunks: ChunkReport[] }>('dist/bundle-report.json')
  const files = firstLoad(manifest)
  const held = (name: string) => files.filter((file) => (chunks.find((chunk) => chunk.file === file)?.packages[name]?.raw ?? 0) > 0)

  it('is the entry and its static imports, every one of them reported', () => {
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(chunks.map((chunk) => chunk.file)).toContain(file)
  })

  it('holds no zod: the client reads what the relay has checked', () => {
    expect(held('zod')).toEqual([])
  })

  it("holds none of the templates' layout code", () => {
    expect(held('shared/templates')).toEqual([])
  })
})
