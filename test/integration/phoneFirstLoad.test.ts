/**
 * Every first visit fetches the entry and its static imports before any page runs. zod (the
 * relay's checks; 12 % of the client) and the templates' layout code must stay out of that:
 * dist/bundle-report.json (deploy/bundleReport.ts) holds each chunk's static imports as Rollup
 * wrote them and what each chunk carries.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { staticClosure, type ChunkReport } from '../../deploy/bundleReport.ts'
import { assertBuilt } from '../helpers/serverEntry.ts'

const root = join(import.meta.dirname, '..', '..')

describe("every first visit's entry", () => {
  assertBuilt('dist/bundle-report.json', ['client', 'shared'], 'run `npm run build`')
  const { chunks } = JSON.parse(readFileSync(join(root, 'dist/bundle-report.json'), 'utf8')) as { chunks: ChunkReport[] }
  const load = staticClosure(chunks, chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.file))
  const held = (name: string) => load.filter((chunk) => (chunk.packages[name]?.raw ?? 0) > 0).map((chunk) => chunk.file)

  it('is the entry with its static imports', () => {
    expect(load.some((chunk) => chunk.isEntry)).toBe(true)
  })

  it('holds no zod: the client reads what the relay has checked', () => {
    expect(held('zod')).toEqual([])
  })

  it("holds none of the templates' layout code", () => {
    expect(held('shared/templates')).toEqual([])
  })
})
