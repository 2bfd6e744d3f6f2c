/**
 * The image carries in full only the packages the relay loads (deploy/serverPackages.ts); the
 * client's, bundled into dist/client, keep their manifest and licence texts. The IT review found
 * about 105 MB of client-only packages in the image.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { closure, leaveServerPackages, packagesNamed, type LockPackage } from '../../deploy/serverPackages.ts'

const root = join(import.meta.dirname, '..', '..')
const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
const dependencies = Object.keys(project.dependencies)

describe('the packages the relay loads', () => {
  it('reads imports as esbuild writes them, and the font files the relay resolves itself', () => {
    const built = [
      'import { Hono } from "hono";',
      'import * as Y from "yjs";',
      'import {\n  serve\n} from "@hono/node-server";',
      'import german from "hyphen/de-1996/index.js";',
      'import { readFileSync } from "node:fs";',
      'const pg = await import("pg");',
      '    latin: "@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-400-normal.woff",',
      // Prose and names that only look like packages do not count.
      'const text = `Daten from "Zettel" und ${x}`;',
      'export const recordsMapName = "tldraw";',
      'const note = "react-dom/client is the canvas\'s";',
    ].join('\n')
    expect([...packagesNamed(built, ['hono', 'yjs', '@fontsource/ibm-plex-sans', 'tldraw'])].sort()).toEqual(['@fontsource/ibm-plex-sans', '@hono/node-server', 'hono', 'hyphen', 'pg', 'yjs'])
  })

  it('follows dependencies as Node resolves them, nested first, but not a package’s peers', () => {
    const packages: Record<string, LockPackage> = {
      'node_modules/a': { dependencies: { b: '1' }, peerDependencies: { react: '19' } },
      'node_modules/a/node_modules/b': { dependencies: { c: '1' } },
      'node_modules/b': {},
      'node_modules/c': { optionalDependencies: { d: '1', absent: '1' } },
      'node_modules/d': {},
      'node_modules/react': {},
      'node_modules/tldraw': { dependencies: { react: '19' } },
    }
    expect([...closure(packages, ['a'])].sort()).toEqual(['node_modules/a', 'node_modules/a/node_modules/b', 'node_modules/c', 'node_modules/d'])
  })

  it("the relay's packages from the lockfile leave out the canvas, React and pdf.js, but keep the PDF fonts and SQLite", () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage & { dev?: boolean }> }
    // What the server's sources import stands for what its bundle loads (the bundle is not built in a unit run).
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    const named = new Set<string>()
    for (const file of sources(join(root, 'server'))) {
      const code = readFileSync(file, 'utf8').replace(/^import type .*$/gm, '')
      for (const name of packagesNamed(code, dependencies)) if (dependencies.includes(name)) named.add(name)
    }
    const kept = closure(lock.packages, [...named])
    for (const name of ['better-sqlite3', 'yjs', 'hono', 'pdfkit', '@fontsource/ibm-plex-sans', '@tldraw/tlschema', '@tldraw/state', 'ws']) expect(kept.has(`node_modules/${name}`), name).toBe(true)
    for (const name of ['tldraw', '@tldraw/editor', 'react', 'react-dom', 'pdfjs-dist', '@tldraw/assets', 'y-websocket', 'y-indexeddb']) expect(kept.has(`node_modules/${name}`), name).toBe(false)
  })

  it('reduces the other packages to their manifest and licence texts, nested ones too, and drops their commands', () => {
    const app = mkdtempSync(join(tmpdir(), 'server-packages-'))
    try {
      const write = (path: string, text = 'x') => {
        mkdirSync(join(app, path, '..'), { recursive: true })
        writeFileSync(join(app, path), text)
      }
      write('node_modules/.package-lock.json', JSON.stringify({ packages: { '': {}, 'node_modules/hono': {}, 'node_modules/tldraw': {}, 'node_modules/tldraw/node_modules/x': {} } }))
      for (const file of ['package.json', 'dist/index.js']) write(`node_modules/hono/${file}`)
      for (const file of ['package.json', 'LICENSE.md', 'NOTICE', 'README.md', 'dist/index.js', 'node_modules/x/package.json', 'node_modules/x/COPYING', 'node_modules/x/x.js']) write(`node_modules/tldraw/${file}`)
      mkdirSync(join(app, 'node_modules/.bin'))
      symlinkSync('../tldraw/dist/index.js', join(app, 'node_modules/.bin/tldraw'))
      symlinkSync('../hono/dist/index.js', join(app, 'node_modules/.bin/hono'))

      expect(leaveServerPackages(app, ['hono']).sort()).toEqual(['node_modules/tldraw', 'node_modules/tldraw/node_modules/x'])
      const left = (dir: string): string[] =>
        readdirSync(join(app, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? left(join(dir, e.name)) : [join(dir, e.name)])).sort()
      expect(left('node_modules/tldraw')).toEqual(['node_modules/tldraw/LICENSE.md', 'node_modules/tldraw/NOTICE', 'node_modules/tldraw/node_modules/x/COPYING', 'node_modules/tldraw/node_modules/x/package.json', 'node_modules/tldraw/package.json'])
      expect(existsSync(join(app, 'node_modules/hono/dist/index.js'))).toBe(true)
      expect(readdirSync(join(app, 'node_modules/.bin'))).toEqual(['hono'])
    } finally {
      rmSync(app, { recursive: true, force: true })
    }
  })
})
