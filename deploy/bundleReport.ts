/**
 * The client's weight by package: a Vite plugin writes, at build time, each chunk's modules
 * grouped by package (rendered bytes, and brotli/gzip of those bytes as a guide: a package's share
 * of the compressed chunk, not what it would weigh alone) to dist/bundle-report.json, outside
 * dist/client so that the relay never serves it. `firstLoad` (below) follows the entry's static
 * imports and the phone's route chunk, which is what a participant's phone fetches first.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

export interface Weight { raw: number; brotli: number; gzip: number }
export interface ChunkReport {
  file: string
  isEntry: boolean
  isDynamicEntry: boolean
  /** The module this chunk was made for (client/…), where one. */
  facade: string | null
  imports: string[]
  dynamicImports: string[]
  whole: Weight
  /** Package (or `client`, `shared` …) to its rendered modules' weight, heaviest first. */
  packages: Record<string, Weight>
  /** The modules rendered into this chunk (`moduleName`: root-relative, or a package's path). */
  modules?: string[]
}

/**
 * Every module of the build to the modules that import it statically (rolldown's module graph,
 * also modules that render nothing, like a package's index): what `chainsTo` reads.
 */
export type Importers = Record<string, string[]>

export const reportFile = 'dist/bundle-report.json'

/** `zod`, `@tldraw/editor`, or the project's own folder (`shared/templates`, `client`). */
export function packageOf(id: string, root: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '')
  const at = clean.lastIndexOf('/node_modules/')
  if (at >= 0) {
    const parts = clean.slice(at + '/node_modules/'.length).split('/')
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
  }
  // The project's own code by folder (`shared/templates`, `shared/board`, `client/start`), files at the top as `shared`.
  if (clean.startsWith(root)) {
    const parts = clean.slice(root.length + 1).split('/')
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!
  }
  return clean.startsWith('vite') ? 'vite' : clean.split('/')[0] || 'other'
}

/** A module's name in the report: `client/api.ts`, or `zod/v4/core/schemas.js` for a package's. */
export function moduleName(id: string, root: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '')
  const at = clean.lastIndexOf('/node_modules/')
  if (at >= 0) return clean.slice(at + '/node_modules/'.length)
  return clean.startsWith(root + '/') ? clean.slice(root.length + 1) : clean
}

const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** On libuv's threads: every chunk and package at once took 16 s of a 29 s build on one core. */
async function weigh(code: string): Promise<Weight> {
  const data = Buffer.from(code)
  const [brotli, gzipped] = await Promise.all([brotliAsync(data), gzipAsync(data, { level: 9 })])
  return { raw: data.length, brotli: brotli.length, gzip: gzipped.length }
}

export function bundleReport(): Plugin {
  let root = process.cwd()
  return {
    name: 'netzwerkstatt-bundle-report',
    apply: 'build',
    configResolved(config) { root = resolve(config.root, '..') },
    async generateBundle(_options, bundle) {
      const name = (id: string) => moduleName(id, root)
      const outputs = Object.values(bundle).filter((output) => output.type === 'chunk')
      const chunks: ChunkReport[] = await Promise.all(
        outputs.map(async (output) => {
          const sources: Record<string, string> = {}
          for (const [id, module] of Object.entries(output.modules)) {
            const name = packageOf(id, root)
            sources[name] = (sources[name] ?? '') + (module.code ?? '')
          }
          const weighed = await Promise.all(Object.entries(sources).map(async ([name, code]) => [name, await weigh(code)] as const))
          const packages = Object.fromEntries(weighed.filter(([, weight]) => weight.raw > 0).sort(([, a], [, b]) => b.raw - a.raw))
          return {
            file: output.fileName,
            isEntry: output.isEntry,
            isDynamicEntry: output.isDynamicEntry,
            facade: output.facadeModuleId ? output.facadeModuleId.replace(root + '/', '') : null,
            imports: output.imports,
            dynamicImports: output.dynamicImports,
            whole: await weigh(output.code),
            packages,
            modules: Object.keys(output.modules).map(name),
          }
        }),
      )
      const importers: Importers = {}
      for (const id of this.getModuleIds()) importers[name(id)] = (this.getModuleInfo(id)?.importers ?? []).map(name)
      const file = resolve(root, reportFile)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, JSON.stringify({ chunks, importers }, null, 1))
    },
  }
}

/** The chunks `start` loads before anything runs: itself and its static imports, transitively. */
export function staticClosure(chunks: readonly ChunkReport[], start: readonly string[]): ChunkReport[] {
  const byFile = new Map(chunks.map((chunk) => [chunk.file, chunk]))
  const seen = new Set<string>()
  const walk = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const next of byFile.get(file)?.imports ?? []) walk(next)
  }
  for (const file of start) walk(file)
  return [...seen].map((file) => byFile.get(file)!).filter(Boolean)
}

/**
 * What a phone opening a board link fetches before its list „Beitragen“ can show: the entry with
 * its static imports, then the contribution page's chunk with its static imports.
 */
export const phoneRoute = 'client/beitragen/ContributionPage.tsx'
export function phoneFirstLoad(chunks: readonly ChunkReport[]): ChunkReport[] {
  const entry = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.file)
  const route = chunks.filter((chunk) => chunk.facade === phoneRoute).map((chunk) => chunk.file)
  return staticClosure(chunks, [...entry, ...route])
}

/**
 * What a phone opening a board as the canvas fetches before the board's first paint (the Zettel
 * drawn from its records, `FirstPaint.tsx`) and its link check can run: the entry with its static
 * imports, then the board page's chunk with its static imports. The editor (tldraw) comes after.
 */
export const canvasRoute = 'client/boardPage/BoardPage.tsx'
export function canvasFirstPaintLoad(chunks: readonly ChunkReport[]): ChunkReport[] {
  const entry = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.file)
  const route = chunks.filter((chunk) => chunk.facade === canvasRoute).map((chunk) => chunk.file)
  return staticClosure(chunks, [...entry, ...route])
}

/**
 * How `from` (a module, e.g. the list's view) reaches a package (`zod`) or folder
 * (`shared/templates`) through static imports, as written into the report: a shortest chain for
 * each module that imports the package directly, `from` first. Empty when it reaches none.
 */
export function chainsTo(importers: Importers, from: string, target: string): string[][] {
  const imports = new Map<string, Set<string>>()
  for (const [module, by] of Object.entries(importers))
    for (const importer of by) {
      if (!imports.has(importer)) imports.set(importer, new Set())
      imports.get(importer)!.add(module)
    }
  const inTarget = (module: string) => module === target || module.startsWith(target + '/')
  const parent = new Map<string, string | null>([[from, null]])
  const queue = [from]
  const chains: string[][] = []
  while (queue.length > 0) {
    const module = queue.shift()!
    for (const next of imports.get(module) ?? []) {
      if (inTarget(next)) {
        // One chain per module that imports the package itself: the edges to cut.
        const chain = [module, next]
        for (let at = parent.get(module); at; at = parent.get(at)) chain.unshift(at)
        chains.push(chain)
      } else if (!parent.has(next)) {
        parent.set(next, module)
        queue.push(next)
      }
    }
  }
  return chains
}

/**
 * The list's view (lazy in ListBoard.tsx, but the list cannot show before it), and the chunks a
 * phone fetches for it: the one that renders it, with its static imports. Its chunk may have no
 * facade (WithoutCanvas imports it statically too), so it is found by the modules it renders.
 */
export const listView = 'client/beitragen/ContributionView.tsx'
export function listViewLoad(chunks: readonly ChunkReport[]): ChunkReport[] {
  const view = chunks.filter((chunk) => chunk.facade === listView || (chunk.modules ?? []).includes(listView)).map((chunk) => chunk.file)
  return staticClosure(chunks, view)
}

export function total(chunks: readonly ChunkReport[]): Weight {
  return chunks.reduce((sum, chunk) => ({ raw: sum.raw + chunk.whole.raw, brotli: sum.brotli + chunk.whole.brotli, gzip: sum.gzip + chunk.whole.gzip }), { raw: 0, brotli: 0, gzip: 0 })
}

/** Packages summed over `chunks`, heaviest first. */
export function packagesOf(chunks: readonly ChunkReport[]): [string, Weight][] {
  const sums = new Map<string, Weight>()
  for (const chunk of chunks) for (const [name, weight] of Object.entries(chunk.packages)) {
    const sum = sums.get(name) ?? { raw: 0, brotli: 0, gzip: 0 }
    sums.set(name, { raw: sum.raw + weight.raw, brotli: sum.brotli + weight.brotli, gzip: sum.gzip + weight.gzip })
  }
  return [...sums].sort(([, a], [, b]) => b.raw - a.raw)
}

export const editorChunk = 'client/boardPage/LiveSession.tsx'

export interface BundleWeights {
  whole: Weight
  /** The entry and its static imports: what every first visit fetches before any page runs. */
  entry: Weight
  /** The entry's load and the list's route chunk with its static imports. */
  phone: Weight
  /** The phone's load and the list's view with its static imports: before the list can show (the board's templates come on their own). */
  list: Weight
  /** The entry's load and the editor's chunk (`LiveSession`) with its static imports: a laptop's canvas. */
  editor: Weight
  /** Per package, rendered before minification: an order of weight, not bytes on the wire. */
  largest: { whole: [string, Weight][]; entry: [string, Weight][] }
  entryPackages: string[]
}

/** Reads dist/bundle-report.json, which `npm run build` wrote (bench runs the build first). */
export function readBundleWeights(file = resolve(import.meta.dirname, '..', reportFile)): BundleWeights {
  const { chunks } = JSON.parse(readFileSync(file, 'utf8')) as { chunks: ChunkReport[] }
  const entry = staticClosure(chunks, chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.file))
  return {
    whole: total(chunks),
    entry: total(entry),
    phone: total(phoneFirstLoad(chunks)),
    list: total([...new Map([...phoneFirstLoad(chunks), ...listViewLoad(chunks)].map((chunk) => [chunk.file, chunk])).values()]),
    editor: total(staticClosure(chunks, chunks.filter((chunk) => chunk.isEntry || chunk.facade === editorChunk).map((chunk) => chunk.file))),
    largest: { whole: packagesOf(chunks).slice(0, 8), entry: packagesOf(entry).slice(0, 8) },
    entryPackages: packagesOf(entry).map(([name]) => name),
  }
}
