/**
 * The SBOM of the image as built: read from its unpacked root file system (`npm run sbom --
 * --rootfs DIR`), not from the lockfile, so that it lists what the image holds. The IT review
 * (issue 63) found the lockfile SBOM without distribution and source addresses and concluded
 * licences, and without the SQLite and Skia code compiled into native modules.
 *
 * - Debian packages from `/var/lib/dpkg/status`, licences from `/usr/share/doc/<pkg>/copyright`
 *   (`sbomDebianLicence.ts`: DEP-5, a table for the base packages, else NOASSERTION), the distribution
 *   for the purls from `/etc/os-release` (base-files);
 * - npm packages from every `package.json` under `/app/node_modules`, hashes and tarball addresses
 *   from npm's hidden lockfile `node_modules/.package-lock.json` (or `/app/package-lock.json`);
 * - Node from `/usr/local/bin/node`;
 * - code compiled into `.node` files: SQLite in better-sqlite3, Skia in @napi-rs/canvas.
 *
 * Per component every field BSI TR-03183-2 v2.1 §5.2.2 asks (`assertTrFields` lists what lacks).
 */
import { SPDX } from '@cyclonedx/cyclonedx-library'
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { debianLicence } from './sbomDebianLicence.ts'
import { authorOf, hasCode, licencesOf, knownCreators, readLicensor, type Component, type Entity, type License, type Sbom } from './sbomParts.ts'

const acknowledgementOf = (l: License) => (l.license ? l.license.acknowledgement : l.acknowledgement)
const sha512 = (data: Buffer | string) => createHash('sha512').update(data).digest('hex')
const bsi = (filename: string, executable: boolean, archive: boolean) => [
  { name: 'bsi:component:filename', value: filename },
  { name: 'bsi:component:executable', value: executable ? 'executable' : 'non-executable' },
  { name: 'bsi:component:archive', value: archive ? 'archive' : 'no archive' },
  { name: 'bsi:component:structured', value: 'structured' },
]
/** A licence as a CycloneDX `license` entry: an SPDX id as `id`, anything else (an expression, NOASSERTION) as `name`. */
const licence = (text: string, acknowledgement: 'declared' | 'concluded'): License =>
  ({ license: { ...(SPDX.isSupportedSpdxId(text) ? { id: text } : { name: text }), acknowledgement } })

// ---- Debian -------------------------------------------------------------------------------------

interface DebPackage { name: string; version: string; arch: string; source: string; sourceVersion: string; maintainer: string; homepage?: string; depends: string[] }

/** Installed packages of a dpkg status file. */
export function dpkgStatus(text: string): DebPackage[] {
  return text.split(/\n\s*\n/).flatMap((para) => {
    const f = new Map<string, string>()
    let last = ''
    for (const line of para.split('\n')) {
      if (/^\s/.test(line) && last) f.set(last, `${f.get(last)}\n${line.trim()}`)
      else { const m = /^([\w-]+):\s*(.*)$/.exec(line); if (m) { last = m[1]!; f.set(last, m[2]!) } }
    }
    if (!f.get('Package') || !/\binstalled$/.test(f.get('Status') ?? '')) return []
    const version = f.get('Version')!
    const src = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(f.get('Source') ?? '')
    const depends = [f.get('Pre-Depends'), f.get('Depends')].filter(Boolean).join(',').split(',')
      .map((d) => d.split('|')[0]!.trim().split(/[\s:(]/)[0]!).filter(Boolean)
    return [{ name: f.get('Package')!, version, arch: f.get('Architecture') ?? 'all', source: src?.[1] ?? f.get('Package')!, sourceVersion: src?.[2] ?? version, maintainer: f.get('Maintainer') ?? '', homepage: f.get('Homepage'), depends }]
  })
}

/** The files dpkg installed for a package, for the hash of its deployed form. */
function debFiles(rootDir: string, p: DebPackage): string[] {
  const list = [`${p.name}:${p.arch}.list`, `${p.name}.list`].map((n) => join(rootDir, 'var/lib/dpkg/info', n)).find(existsSync)
  return list ? readFileSync(list, 'utf8').split('\n').filter(Boolean).sort() : []
}

function debComponent(rootDir: string, p: DebPackage, distro: string): Component {
  const copyright = join(rootDir, 'usr/share/doc', p.name, 'copyright')
  const licences = debianLicence(p.name, existsSync(copyright) ? readFileSync(copyright, 'utf8') : undefined)
  // Only an address the schema accepts as e-mail; the name stays either way.
  const maint = /^(.*?)\s*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>/.exec(p.maintainer)
  const maker: Entity = { name: maint?.[1] ?? p.maintainer, ...(p.homepage ? { url: [p.homepage] } : {}), ...(maint ? { contact: [{ name: maint[1], email: maint[2] }] } : {}) }
  const upstream = p.version.replace(/^\d+:/, '')
  const deb = `${p.name}_${upstream}_${p.arch}.deb`
  const pool = `${p.source.startsWith('lib') ? p.source.slice(0, 4) : p.source[0]}/${p.source}`
  // The .deb is not in the image; its installed files are: hash them, each line "sha512  path".
  const files = debFiles(rootDir, p).filter((f) => { try { return statSync(join(rootDir, f)).isFile() } catch { return false } })
  const manifest = files.map((f) => `${sha512(readFileSync(join(rootDir, f)))}  ${f}\n`).join('')
  const purl = `pkg:deb/debian/${p.name}@${encodeURIComponent(p.version)}?arch=${p.arch}&distro=${distro}`
  return {
    type: 'library',
    'bom-ref': purl,
    name: p.name,
    version: p.version,
    supplier: maker,
    manufacturer: maker,
    licenses: [licence(licences.declared, 'declared'), licence(licences.concluded, 'concluded')],
    hashes: [{ alg: 'SHA-512', content: sha512(manifest) }],
    purl,
    externalReferences: [
      { type: 'distribution', url: `https://deb.debian.org/debian/pool/main/${pool}/${deb}` },
      { type: 'source-distribution', url: `https://sources.debian.org/src/${p.source}/${p.sourceVersion}/` },
      ...(p.homepage ? [{ type: 'website', url: p.homepage }] : []),
    ],
    properties: [
      ...bsi(deb, files.some((f) => /\/s?bin\/|\.so(\.|$)/.test(f)), false),
      { name: 'netzwerkstatt:image:path', value: `/usr/share/doc/${p.name}` },
      { name: 'netzwerkstatt:hash:of', value: 'the installed files (dpkg .list), lines "sha512  path" sorted by path' },
    ],
  }
}

// ---- npm ----------------------------------------------------------------------------------------

/** Every installed package folder under a node_modules, nested ones included, relative to `app`. */
function packageDirs(app: string, dir = 'node_modules'): string[] {
  const abs = join(app, dir)
  if (!existsSync(abs)) return []
  return readdirSync(abs, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).flatMap((e) => {
    const here = `${dir}/${e.name}`
    if (e.name.startsWith('@')) return readdirSync(join(app, here), { withFileTypes: true }).filter((s) => s.isDirectory()).flatMap((s) => [`${here}/${s.name}`, ...packageDirs(app, `${here}/${s.name}/node_modules`)])
    return [here, ...packageDirs(app, `${here}/node_modules`)]
  }).filter((d) => existsSync(join(app, d, 'package.json')))
}

/** `.node` files in a package (not in its nested packages). */
function nativeFiles(dir: string, depth = 0): string[] {
  if (depth > 5 || !existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isFile() && e.name.endsWith('.node') ? [join(dir, e.name)] : e.isDirectory() && e.name !== 'node_modules' ? nativeFiles(join(dir, e.name), depth + 1) : [])
}

/** Libraries compiled into a native module, recognised by the version strings they carry. */
function embedded(file: string, pkgDir: string): Omit<Component, 'bom-ref' | 'properties' | 'hashes'>[] {
  const bytes = readFileSync(file).toString('latin1')
  const found: Omit<Component, 'bom-ref' | 'properties' | 'hashes'>[] = []
  const sourceId = /(20\d\d-\d\d-\d\d \d\d:\d\d:\d\d) ([0-9a-f]{64})/.exec(bytes)
  // The version string sits in the binary's read-only data after a control byte (the build strips deps/).
  if (sourceId || /sqlite3_libversion/.test(bytes)) {
    const header = join(pkgDir, 'deps/sqlite3/sqlite3.h')
    const version = (existsSync(header) ? /#define SQLITE_VERSION\s+"([\d.]+)"/.exec(readFileSync(header, 'utf8'))?.[1] : undefined) ?? /[\0-\x1f](3\.\d+\.\d+)\0/.exec(bytes)?.[1]
    if (version) {
      const sqlite: Entity = { name: 'SQLite Consortium (D. Richard Hipp)', url: ['https://sqlite.org/'] }
      found.push({
        type: 'library', name: 'sqlite', version, supplier: sqlite, manufacturer: sqlite,
        licenses: [licence('blessing', 'declared'), licence('blessing', 'concluded')],
        purl: `pkg:generic/sqlite@${version}`, cpe: `cpe:2.3:a:sqlite:sqlite:${version}:*:*:*:*:*:*:*`,
        externalReferences: [{ type: 'source-distribution', url: sourceId ? `https://sqlite.org/src/info/${sourceId[2]}` : 'https://sqlite.org/download.html' }],
      })
    }
  }
  const skia = /Skia\/PDF (m\d+)/.exec(bytes)
  if (skia) {
    const google: Entity = { name: 'Google LLC (Skia)', url: ['https://skia.org/'] }
    found.push({
      type: 'library', name: 'skia', version: skia[1]!, supplier: google, manufacturer: google,
      licenses: [licence('BSD-3-Clause', 'declared'), licence('BSD-3-Clause', 'concluded')],
      purl: `pkg:generic/skia@${skia[1]}`,
      externalReferences: [{ type: 'source-distribution', url: `https://skia.googlesource.com/skia/+/refs/heads/chrome/${skia[1]}` }],
    })
  }
  return found
}

interface LockEntry { version?: string; resolved?: string; integrity?: string; license?: string }

// ---- the SBOM -----------------------------------------------------------------------------------

export interface RootfsOptions { app?: string; now?: Date; repoRoot?: string }

/** The SBOM of an unpacked image root file system; reads files only, no process, no network. */
export function sbomOfRootfs(rootDir: string, { app = 'app', now = new Date(), repoRoot = '.' }: RootfsOptions = {}): Sbom {
  const licensor = readLicensor(repoRoot)
  const maker: Entity = { name: licensor.name, url: [licensor.url], contact: [{ name: licensor.name, email: licensor.email }] }
  const components: Component[] = []
  const dependencies = new Map<string, Set<string>>()
  const add = (c: Component, on: string[] = []) => { components.push(c); dependencies.set(c['bom-ref']!, new Set(on)) }

  // Debian
  // os-release(5): /etc/os-release (base-files links it to ../usr/lib/os-release), else /usr/lib/os-release.
  const osReleaseFile = ['etc/os-release', 'usr/lib/os-release'].map((f) => join(rootDir, f)).find(existsSync)
  const osRelease = osReleaseFile ? readFileSync(osReleaseFile, 'utf8') : ''
  const distro = `debian-${/^VERSION_ID="?([^"\n]+)/m.exec(osRelease)?.[1] ?? 'unknown'}`
  const status = join(rootDir, 'var/lib/dpkg/status')
  const debs = existsSync(status) ? dpkgStatus(readFileSync(status, 'utf8')) : []
  const debRef = new Map<string, string>()
  const debComponents = debs.map((p) => { const c = debComponent(rootDir, p, distro); debRef.set(p.name, c['bom-ref']!); return c })
  debs.forEach((p, i) => add(debComponents[i]!, p.depends.map((d) => debRef.get(d)).filter((r): r is string => !!r && r !== debComponents[i]!['bom-ref'])))

  // Node
  const nodeFile = join(rootDir, 'usr/local/bin/node')
  const libc = debRef.get('libc6')
  let nodeRef: string | undefined
  if (existsSync(nodeFile)) {
    const bytes = readFileSync(nodeFile)
    const version = /nodejs\.org\/download\/release\/v(\d+\.\d+\.\d+)\//.exec(bytes.toString('latin1'))?.[1] ?? 'NOASSERTION'
    const openjs: Entity = { name: 'OpenJS Foundation', url: ['https://nodejs.org/'] }
    nodeRef = `pkg:generic/node@${version}`
    add({
      type: 'platform', 'bom-ref': nodeRef, name: 'node', version, supplier: openjs, manufacturer: openjs,
      // Node's own code is MIT; the libraries it bundles are listed in its LICENSE file.
      licenses: [licence('MIT', 'declared'), licence('MIT', 'concluded')],
      hashes: [{ alg: 'SHA-512', content: sha512(bytes) }],
      purl: nodeRef, cpe: `cpe:2.3:a:nodejs:node.js:${version}:*:*:*:*:*:*:*`,
      externalReferences: [
        { type: 'distribution', url: `https://nodejs.org/dist/v${version}/node-v${version}-linux-x64.tar.xz` },
        { type: 'source-distribution', url: `https://nodejs.org/dist/v${version}/node-v${version}.tar.xz` },
      ],
      properties: [...bsi('node', true, false), { name: 'netzwerkstatt:image:path', value: '/usr/local/bin/node' }],
    }, libc ? [libc] : [])
  }

  // npm
  const appDir = join(rootDir, app)
  const lockFile = [join(appDir, 'node_modules/.package-lock.json'), join(appDir, 'package-lock.json')].find(existsSync)
  const lock = (lockFile ? (JSON.parse(readFileSync(lockFile, 'utf8')) as { packages?: Record<string, LockEntry> }).packages : undefined) ?? {}
  const dirs = packageDirs(appDir)
  const refOfDir = new Map<string, string>()
  const pkgs = dirs.map((d) => {
    const pkg = JSON.parse(readFileSync(join(appDir, d, 'package.json'), 'utf8')) as { name?: string; version?: string; author?: Parameters<typeof authorOf>[0]; homepage?: string; repository?: string | { url?: string; directory?: string }; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
    const name = pkg.name ?? d.slice(d.lastIndexOf('node_modules/') + 13)
    const purl = `pkg:npm/${name.startsWith('@') ? `%40${name.slice(1)}` : name}@${pkg.version}`
    refOfDir.set(d, `${purl}#${d}`)
    return { d, pkg, name, purl }
  })
  const resolveFrom = (d: string, name: string): string | undefined => {
    for (let dir = d; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const ref = refOfDir.get(`${dir === 'node_modules' || !dir ? '' : `${dir}/`}node_modules/${name}`)
      if (ref) return ref
      if (!dir.includes('/node_modules/')) return refOfDir.get(`node_modules/${name}`)
    }
  }
  const creators = knownCreators(repoRoot)
  for (const { d, pkg, name, purl } of pkgs) {
    const entry = lock[d] ?? {}
    const bare = name.split('/').at(-1)!
    const integrity = entry.integrity?.split(/\s+/).find((i) => i.startsWith('sha512-'))
    const tarball = entry.resolved ?? `https://registry.npmjs.org/${name}/-/${bare}-${pkg.version}.tgz`
    const author = creators[`${name}@${pkg.version}`] ?? authorOf(pkg.author)
    const repo = typeof pkg.repository === 'string' ? { url: pkg.repository } : pkg.repository
    const source = repo?.url?.replace(/^git\+/, '').replace(/^github:/, 'https://github.com/')
    const url = [author?.url, pkg.homepage, source].find(Boolean)
    const creator: Entity = { ...(author?.name ? { name: author.name } : {}), ...(url ? { url: [url] } : {}), ...(author?.email ? { contact: [{ email: author.email }] } : {}) }
    // CycloneDX 1.6 allows one expression alone or a list of licences: an expression goes in a licence's name here.
    const declared = licencesOf(pkg as never, entry as never, join(appDir, d)).map((l) => (l.expression ? licence(l.expression, l.acknowledgement ?? 'declared') : l))
    if (!declared.some((l) => acknowledgementOf(l) === 'declared')) declared.unshift(licence('NOASSERTION', 'declared'))
    const texts = declared.filter((l) => l.license?.name !== 'NOASSERTION').map((l) => l.license?.id ?? l.license?.name ?? l.expression ?? '')
    const ref = refOfDir.get(d)!
    const natives = nativeFiles(join(appDir, d))
    const on = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).map((n) => resolveFrom(d, n)).filter((r): r is string => !!r)
    for (const file of natives) {
      const path = `/${relative(rootDir, file)}`
      for (const lib of embedded(file, join(appDir, d))) {
        const libRef = `${lib.purl}#${path}`
        add({ ...lib, 'bom-ref': libRef, hashes: [{ alg: 'SHA-512', content: sha512(readFileSync(file)) }], externalReferences: [...(lib.externalReferences ?? []), { type: 'distribution', url: tarball }], properties: [...bsi(path.slice(path.lastIndexOf('/') + 1), true, false), { name: 'netzwerkstatt:image:path', value: path }, { name: 'netzwerkstatt:compiled-into', value: ref }] }, libc ? [libc] : [])
        on.push(libRef)
      }
    }
    add({
      type: 'library', 'bom-ref': ref, ...(name.startsWith('@') ? { group: name.split('/')[0] } : {}), name: bare, version: pkg.version,
      ...(url || author?.email ? { supplier: creator, manufacturer: creator } : {}),
      licenses: [
        ...declared,
        // Concluded: the declared licence where it is one SPDX id or expression; else NOASSERTION, never a guess.
        ...(texts.length ? texts : ['NOASSERTION']).map((t) => licence(declared.some((l) => l.license?.acknowledgement === 'concluded') || /^[A-Za-z0-9.+ ()-]+$/.test(t) ? t : 'NOASSERTION', 'concluded')),
      ].filter((l, i, all) => all.findIndex((m) => JSON.stringify(m) === JSON.stringify(l)) === i),
      ...(integrity ? { hashes: [{ alg: 'SHA-512', content: Buffer.from(integrity.slice(7), 'base64').toString('hex') }] } : {}),
      purl,
      // Without a repository, the npm tarball is the published source of a JavaScript package.
      externalReferences: [{ type: 'distribution', url: tarball }, source ? { type: 'vcs', url: source } : { type: 'source-distribution', url: tarball }],
      properties: [...bsi(tarball.slice(tarball.lastIndexOf('/') + 1), hasCode(join(appDir, d)), true), { name: 'netzwerkstatt:image:path', value: `/${app}/${d}` }],
    }, [...new Set([...on, ...(natives.length && nodeRef ? [nodeRef] : [])])].filter((r) => r !== ref))
  }

  const root = JSON.parse(readFileSync(join(existsSync(join(appDir, 'package.json')) ? appDir : repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; dependencies?: Record<string, string> }
  const rootRef = `pkg:npm/${root.name}@${root.version}`
  const direct = Object.keys(root.dependencies ?? {}).map((n) => refOfDir.get(`node_modules/${n}`)).filter((r): r is string => !!r)
  return {
    bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: `urn:uuid:${randomUUID()}`, version: 1,
    metadata: {
      timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      lifecycles: [{ phase: 'post-build' }],
      tools: { components: [{ type: 'application', name: 'netzwerkstatt-sbom', version: root.version, description: 'deploy/sbomRootfs.ts (npm run sbom -- --rootfs DIR)', supplier: maker }] },
      authors: [{ name: licensor.name, email: licensor.email }], manufacturer: maker, supplier: maker,
      component: { type: 'container', 'bom-ref': rootRef, name: root.name, version: root.version, supplier: maker, manufacturer: maker, licenses: [licence('EUPL-1.2', 'declared'), licence('EUPL-1.2', 'concluded')], purl: rootRef, properties: bsi(root.name, true, true) },
    },
    components,
    dependencies: [{ ref: rootRef, dependsOn: [...direct, ...(nodeRef ? [nodeRef] : [])].sort() }, ...[...dependencies].map(([ref, on]) => ({ ref, dependsOn: [...on].sort() }))],
    compositions: [{ aggregate: 'complete', assemblies: components.map((c) => c['bom-ref']!) }],
  }
}

/** What TR-03183-2 v2.1 §5.2.2 asks of each component and this one lacks: `{ "name@version": [missing field, …] }`. */
export function assertTrFields(sbom: Sbom): Record<string, string[]> {
  const graph = new Set(sbom.dependencies.map((d) => d.ref))
  const out: Record<string, string[]> = {}
  for (const c of sbom.components) {
    const props = new Map((c.properties ?? []).map((p) => [p.name, p.value]))
    const refs = new Set((c.externalReferences ?? []).map((r) => r.type))
    const acks = new Set((c.licenses ?? []).map(acknowledgementOf))
    const missing = [
      !(c.manufacturer?.url?.length || c.manufacturer?.contact?.some((x) => x.email)) && 'creator',
      !c.name && 'name',
      !c.version && 'version',
      !props.get('bsi:component:filename') && 'filename',
      !graph.has(c['bom-ref'] ?? '') && 'dependencies',
      !acks.has('declared') && 'licence (declared)',
      !acks.has('concluded') && 'licence (concluded)',
      !c.hashes?.some((h) => h.alg === 'SHA-512' && /^[0-9a-f]{128}$/.test(h.content)) && 'SHA-512',
      !(refs.has('source-distribution') || refs.has('vcs')) && 'source code URI',
      !refs.has('distribution') && 'URI of the deployable form',
      !(c.purl || c.cpe) && 'other identifier (purl or cpe)',
      ...['executable', 'archive', 'structured'].map((f) => !props.has(`bsi:component:${f}`) && `bsi:component:${f}`),
    ].filter((m): m is string => !!m)
    if (missing.length) out[`${c.group ? `${c.group}/` : ''}${c.name}@${c.version ?? '?'}`] = missing
  }
  return out
}
