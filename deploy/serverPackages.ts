/**
 * Which npm packages the image needs in full: those the built relay (dist/server) loads at run time
 * and what they depend on. The client's packages (tldraw, React, pdf.js …) are bundled into
 * dist/client by Vite; the relay never loads them, yet they are production dependencies, because
 * the product ships them (the SBOM and THIRD-PARTY notice list them). In the image they keep only
 * their package.json and licence files: the notices their licences ask to ship with the bundle,
 * and what the SBOM made from the image reads. The IT review counted about 105 MB of them; the
 * image went from 431 to 298 MB unpacked (141 to 105 MB compressed).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export const packageName = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')

/**
 * The packages a built server file names: every bare import (`from "x"`, `import("x")`,
 * `require("x")`, `import "x"`) and every string `"dep/…"` of a production dependency, which the
 * relay resolves itself at run time (its PDF fonts: `require.resolve("@fontsource/…")`).
 */
export function packagesNamed(code: string, dependencies: readonly string[]): Set<string> {
  const found = new Set<string>()
  const specifier = String.raw`["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@/-]+)?)["']`
  // esbuild writes static imports one per line; dynamic ones and require() may stand anywhere.
  const statements = new RegExp(String.raw`^\s*(?:import|export)\s(?:[^;"']*?\sfrom\s*)?${specifier}`, 'gm')
  const calls = new RegExp(String.raw`\b(?:import|require)\s*\(\s*${specifier}\s*\)`, 'g')
  for (const m of [...code.matchAll(statements), ...code.matchAll(calls)]) found.add(packageName(m[1]!))
  for (const m of code.matchAll(/["']((?:@[\w.-]+\/)?[\w.-]+)\/[^"'\s]+["']/g)) if (dependencies.includes(m[1]!)) found.add(m[1]!)
  return found
}

/** The packages named by dist/server's files; throws on one that is not a production dependency (the image would lack it). */
export function serverPackages(distServer: string, dependencies: readonly string[]): string[] {
  const found = new Set<string>()
  for (const file of readdirSync(distServer).filter((f) => f.endsWith('.js'))) {
    for (const name of packagesNamed(readFileSync(join(distServer, file), 'utf8'), dependencies)) found.add(name)
  }
  const missing = [...found].filter((name) => !dependencies.includes(name))
  if (missing.length) throw new Error(`dist/server loads packages that are not production dependencies: ${missing.join(', ')}`)
  return [...found].sort()
}

/** An entry of npm's lockfile `packages` (keys `node_modules/a`, `node_modules/a/node_modules/b`). */
export interface LockPackage {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

/** Where Node finds `name` from the package at `from` (`''` for the app): the nearest node_modules up. */
export function resolveIn(packages: Record<string, LockPackage>, from: string, name: string): string | undefined {
  for (let dir = from; ; ) {
    const path = `${dir ? `${dir}/` : ''}node_modules/${name}`
    if (packages[path]) return path
    if (!dir) return undefined
    const up = dir.lastIndexOf('/node_modules/')
    dir = up < 0 ? '' : dir.slice(0, up)
  }
}

/**
 * The lockfile paths of `roots` and everything they depend on (optional ones where installed).
 * Peer dependencies are not followed: a package names its host that way (@tldraw/tlschema names
 * React, which only the canvas uses); a peer the relay loads is one of the roots itself.
 */
export function closure(packages: Record<string, LockPackage>, roots: readonly string[]): Set<string> {
  const kept = new Set<string>()
  const visit = (path: string | undefined) => {
    if (!path || kept.has(path)) return
    kept.add(path)
    const entry = packages[path]!
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(resolveIn(packages, path, name))
  }
  for (const name of roots) visit(resolveIn(packages, '', name))
  return kept
}

/** What a package outside the server's set keeps: its manifest and the licence texts and notices it ships. */
export const isNotice = (file: string): boolean => file === 'package.json' || /^(licen[cs]e|copying|notice|authors)([.-].*)?$/i.test(file)

/**
 * Reduces `app/node_modules` (installed with `npm ci --omit=dev`) to the server's packages in full
 * and every other package to its notices (`isNotice`); nested node_modules of a reduced package
 * are reduced the same way. Returns the lockfile paths reduced.
 */
export function leaveServerPackages(app: string, roots: readonly string[]): string[] {
  const lock = JSON.parse(readFileSync(join(app, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> }
  const kept = closure(lock.packages, roots)
  const reduced = Object.keys(lock.packages).filter((path) => path.startsWith('node_modules/') && !kept.has(path))
  for (const path of reduced) {
    const dir = join(app, path)
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // A nested node_modules holds other lockfile entries, handled on their own.
      if (entry.name === 'node_modules' || (entry.isFile() && isNotice(entry.name))) continue
      rmSync(join(dir, entry.name), { recursive: true, force: true })
    }
  }
  // Their commands in node_modules/.bin would point at nothing.
  const bin = join(app, 'node_modules', '.bin')
  for (const name of existsSync(bin) ? readdirSync(bin) : []) if (!existsSync(join(bin, name))) rmSync(join(bin, name))
  return reduced
}
