/**
 * The image's Node and better-sqlite3 for it (deploy/nodeRuntime.ts, which `npm run image` uses
 * too), with the tests' hang limits; and an app folder laid out as in the image (`/app`) to run the
 * built relay from: `package.json`, the built `dist` and a `node_modules` whose packages are this
 * checkout's, except better-sqlite3.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as runtime from '../../deploy/nodeRuntime.ts'
import { hang } from './hang.ts'

export type { ImageNode } from '../../deploy/nodeRuntime.ts'

const root = join(import.meta.dirname, '..', '..')
const limits = (): runtime.RuntimeLimits => ({ fetch: hang(300_000), compile: hang(900_000) })

export const imageNode = (): runtime.ImageNode => runtime.imageNode(limits())
export const betterSqliteFor = (node: runtime.ImageNode): string => runtime.betterSqliteFor(node, limits())

/**
 * An app folder as in the image, with better-sqlite3 from `betterSqlite`: `dist/server` copied (so
 * packages resolve from this folder), `dist/client` and every other package linked. Remove it after.
 */
export function imageAppDir(betterSqlite: string): string {
  const app = mkdtempSync(join(tmpdir(), 'netzwerkstatt-image-app-'))
  cpSync(join(root, 'package.json'), join(app, 'package.json'))
  cpSync(join(root, 'dist', 'server'), join(app, 'dist', 'server'), { recursive: true })
  symlinkSync(join(root, 'dist', 'client'), join(app, 'dist', 'client'))
  const modules = join(root, 'node_modules')
  mkdirSync(join(app, 'node_modules'))
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.') || name === 'node_modules' || name === 'better-sqlite3') continue
    symlinkSync(join(modules, name), join(app, 'node_modules', name))
  }
  // Copied, not linked: its `bindings` then resolves from this folder, as in the image.
  const keep = (path: string) => !/[/\\](deps|src|obj\.target|\.deps)([/\\]|$)/.test(path.slice(betterSqlite.length))
  cpSync(betterSqlite, join(app, 'node_modules', 'better-sqlite3'), { recursive: true, filter: keep })
  return app
}
