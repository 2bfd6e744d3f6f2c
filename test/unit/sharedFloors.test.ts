/**
 * `shared/` is built in floors: the base (links and roles, the wire protocol, languages) at the
 * bottom, then the board document, the templates drawn on it, the results read from them, and
 * the HTTP contract on top. A file imports only from its own floor or the ones below, type-only
 * and dynamic imports included, and no files import each other in a circle; so the relay can judge an update
 * and keep boards without loading a single template. Checked on the import graph the source
 * declares.
 */
import { join, relative, resolve } from 'node:path'
import { readdirSync, readFileSync } from 'node:fs'
import ts from 'typescript'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'
import { readFloors, type Floors } from '../helpers/floors.ts'
import { reachedFrom } from '../helpers/importGraph.ts'

/** The floors from the bottom up, each with the files it holds (paths from the app's folder). */
const floors: Floors = [
  ['base', (path) => /^shared\/[^/]+\.tsx?$/.test(path) || path.startsWith('shared/facilitation/')],
  ['board', (path) => path.startsWith('shared/board/')],
  ['templates', (path) => path.startsWith('shared/templates/')],
  ['results', (path) => path.startsWith('shared/results/')],
  ['api', (path) => ['shared/api.ts', 'shared/boardCreationApi.ts', 'shared/networkApi.ts', 'shared/retentionApi.ts'].includes(path)],
]

const path = (file: string) => relative(appRoot, file).split('\\').join('/')
/** The highest floor holding `path` (`shared/api.ts`, `boardCreationApi.ts`, `networkApi.ts` and `retentionApi.ts` are root files too, but sit on top); -1 for none. */
const floorOf = (path: string) => floors.findLastIndex(([, holds]) => holds(path))

describe('shared/ in floors', () => {
  const reading = readFloors(appRoot, 'shared', floors)

  it('has every file on a floor', () => {
    expect(reading.unplaced, 'a new folder in shared/ needs a floor in the table above').toEqual([])
  })

  it('has no import circle, type-only and dynamic imports included', () => {
    expect(reading.circles, 'one of these imports must go: move what both files need down into a module below them').toEqual([])
  })

  it('imports nothing from a higher floor, type-only and dynamic imports included', () => {
    expect(reading.upward, 'import only from your own floor or below: move what the lower file needs down, or the importer up').toEqual([])
  })
})

describe('the relay’s update judgement and its storage', () => {
  const storage = readdirSync(resolve(appRoot, 'server/storage'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `server/storage/${name}`)
  const entries = ['server/judge/judgeUpdate.ts', 'server/judge/updateRules.ts', ...storage]

  it('load no template and no result', () => {
    expect(storage.length).toBeGreaterThan(0)
    const ways = entries.flatMap((entry) => {
      const { files, importedBy } = reachedFrom(resolve(appRoot, entry))
      const above = (file: string) => ['templates', 'results'].includes(floors[floorOf(path(file))]?.[0])
      // Each door into those floors as the way it is reached: entry → … → the first such module.
      const doors = [...files].filter((file) => above(file) && !above(importedBy.get(file)!))
      return doors.map((file) => {
        const way = [file]
        for (let at = importedBy.get(file); at; at = importedBy.get(at)) way.unshift(at)
        return way.map(path).join(' → ')
      })
    })
    expect(ways.sort(), 'each way loads a template or result module: cut it at its first import from a lower floor').toEqual([])
  })

  it('load no template and no result as esbuild bundles them (the server build’s own reading of the imports)', async () => {
    const bundled = await build({
      entryPoints: ['server/judge/judgeUpdate.ts', 'server/storage/SqliteStorage.ts', 'server/storage/PostgresStorage.ts'].map((entry) => resolve(appRoot, entry)),
      absWorkingDir: appRoot,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: 'unused',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(bundled.metafile.inputs)
    expect(inputs).toContain('shared/board/declaration.ts')
    expect(inputs.filter((file) => file.startsWith('shared/templates/') || file.startsWith('shared/results/'))).toEqual([])
  })
})

describe('the languages', () => {
  it('are declared once, in shared/locale.ts, for the client, the relay and the templates', () => {
    const declared: string[] = []
    const read = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name)
        if (entry.isDirectory()) read(file)
        else if (/\.tsx?$/.test(entry.name)) {
          const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
          for (const statement of source.statements)
            if ((ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && ['Locale', 'Labels'].includes(statement.name.text))
              declared.push(`${path(file)}: ${statement.name.text}`)
        }
      }
    }
    for (const folder of ['client', 'server', 'shared']) read(resolve(appRoot, folder))
    expect(declared.sort()).toEqual(['shared/locale.ts: Labels', 'shared/locale.ts: Locale'])
  })
})
