/**
 * The software bill of materials of what runs in production: a CycloneDX 1.6 SBOM (JSON) as the
 * Deutsche Verwaltungscloud standard asks (BSI TR-03183-2). `npm run sbom [file]` (default
 * `dist/sbom.cdx.json`) writes it after checking it against the CycloneDX schema and the TR's
 * required fields (`sbomRequirements.ts`), and names what is missing instead of writing.
 *
 * Made here rather than by `@cyclonedx/cyclonedx-npm`, which reads `npm ls` (it breaks on a
 * shared or linked `node_modules`) and knows neither the container nor the licensor: the npm
 * packages come from `package-lock.json` (what `npm ci` installs in the image, with each tarball's
 * SHA-512 from `integrity`) and each package's own `package.json` (licence, author, source), the
 * runtime from the `Dockerfile` (`sbomImage.ts`), the licensor from `deploy/licensor.json`.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { imageComponents, imageOfDockerfile, imageRefs } from './sbomImage.ts'
import { authorOf, hasCode, knownCreators, licencesOf, licensorIsPlaceholder, readLicensor, type Component, type Entity, type Hash, type PackageJson, type Sbom } from './sbomParts.ts'
import { cycloneDxProblems, tr03183 } from './sbomRequirements.ts'
import { assertTrFields, sbomOfRootfs } from './sbomRootfs.ts'

// Re-exported for those that read the SBOM's types and helpers from here (thirdPartyNotice.ts, tests).
export { authorOf, hasCode, knownCreators, licencesOf, licensorIsPlaceholder, readLicensor, tldrawLicence, type Component, type Contact, type Entity, type Hash, type License, type Licensor, type PackageJson, type Sbom } from './sbomParts.ts'

interface LockEntry {
  version?: string
  resolved?: string
  integrity?: string
  license?: string
  dev?: boolean
  devOptional?: boolean
  optional?: boolean
  os?: string[]
  cpu?: string[]
  libc?: string[]
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
/** The platform of the image (`node:*-bookworm-slim` on amd64), for the lockfile's os/cpu/libc-bound optional packages. */
const target = { os: 'linux', cpu: 'x64', libc: 'glibc' }
const fits = (allowed: string[] | undefined, value: string) =>
  !allowed || (allowed.some((a) => a === value) || (allowed.every((a) => a.startsWith('!')) && !allowed.includes(`!${value}`)))

export interface BuildOptions { root?: string; now?: Date; runningNode?: { version: string; execPath: string } }

/** The SBOM of the production image, built from the files in `root`; no process, no network. */
export function buildSbom({ root = '.', now = new Date(), runningNode }: BuildOptions = {}): Sbom {
  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson & { description?: string }
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }
  const licensor = readLicensor(root)
  const image = imageOfDockerfile(join(root, 'Dockerfile'))
  const tool = JSON.parse(readFileSync(join(root, 'node_modules/@cyclonedx/cyclonedx-library/package.json'), 'utf8')) as { version: string }

  const paths = Object.keys(lock.packages).filter((path) => {
    const entry = lock.packages[path]!
    return path.startsWith('node_modules/') && !entry.dev && !entry.devOptional && fits(entry.os, target.os) && fits(entry.cpu, target.cpu) && fits(entry.libc, target.libc)
  })
  const refOfPath = new Map<string, string>()
  const byRef = new Map<string, { component: Component; paths: string[] }>()
  for (const path of paths) {
    const component = npmComponent(root, path, lock.packages[path]!)
    const ref = component['bom-ref']!
    refOfPath.set(path, ref)
    const seen = byRef.get(ref)
    if (seen) seen.paths.push(path)
    else byRef.set(ref, { component, paths: [path] })
  }

  // Node's lookup: a package's own node_modules first, then each folder above it.
  const resolveFrom = (path: string, name: string): string | undefined => {
    for (let dir = path; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`
      if (refOfPath.has(candidate)) return refOfPath.get(candidate)
      if (!dir) return undefined
    }
  }
  const dependsOn = new Map<string, Set<string>>()
  for (const [ref, { paths: at }] of byRef) {
    const targets = new Set<string>()
    for (const path of at) {
      const entry = lock.packages[path]!
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
        const found = resolveFrom(path, name)
        if (found && found !== ref) targets.add(found)
      }
    }
    dependsOn.set(ref, targets)
  }

  const rootRef = `pkg:npm/${project.name}@${project.version}`
  const maker: Entity = { name: licensor.name, url: [licensor.url], contact: [{ name: licensor.name, email: licensor.email }] }
  const rootComponent: Component = {
    type: 'application',
    'bom-ref': rootRef,
    name: project.name!,
    version: project.version!,
    description: project.description ?? 'Netzwerkstatt: self-hostable collaborative whiteboard for network workshops (relay and client)',
    supplier: maker,
    manufacturer: maker,
    authors: [{ name: licensor.name, email: licensor.email }],
    licenses: [{ license: { id: 'EUPL-1.2', acknowledgement: 'declared' } }],
    purl: rootRef,
    properties: [
      { name: 'bsi:component:executable', value: 'executable' },
      { name: 'bsi:component:archive', value: 'archive' },
      { name: 'bsi:component:structured', value: 'structured' },
    ],
  }
  const runtime = imageComponents(image, runningNode)
  const npm = [...byRef.values()].map((v) => v.component).sort((a, b) => a['bom-ref']!.localeCompare(b['bom-ref']!, 'en'))
  const direct = Object.keys(project.dependencies ?? {}).map((name) => resolveFrom('', name)).filter((r): r is string => !!r)
  const aptRefs = runtime.filter((c) => c['bom-ref']!.startsWith('image:deb:')).map((c) => c['bom-ref']!)
  const hasBase = runtime.some((c) => c['bom-ref'] === imageRefs.base)
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      lifecycles: [{ phase: 'build' }],
      tools: {
        components: [
          { type: 'application', name: 'netzwerkstatt-sbom', version: project.version!, description: 'deploy/sbom.ts (npm run sbom)', supplier: maker },
          { type: 'library', group: '@cyclonedx', name: 'cyclonedx-library', version: tool.version, description: 'CycloneDX 1.6 JSON schema used to check the SBOM' },
        ],
      },
      authors: [{ name: licensor.name, email: licensor.email }],
      manufacturer: maker,
      supplier: maker,
      component: rootComponent,
    },
    components: [...runtime, ...npm],
    dependencies: [
      { ref: rootRef, dependsOn: [...direct, imageRefs.node].sort() },
      ...(hasBase ? [{ ref: imageRefs.base, dependsOn: [imageRefs.node, imageRefs.os, ...aptRefs] }] : []),
      { ref: imageRefs.node, dependsOn: [imageRefs.os] },
      { ref: imageRefs.os, dependsOn: [] },
      ...aptRefs.map((ref) => ({ ref, dependsOn: [imageRefs.os] })),
      ...npm.map((c) => ({ ref: c['bom-ref']!, dependsOn: [...(dependsOn.get(c['bom-ref']!) ?? [])].sort() })),
    ],
    compositions: [
      // The npm tree is whole (the lockfile); the image's Debian packages are not listed one by one.
      { aggregate: 'complete', assemblies: npm.map((c) => c['bom-ref']!), dependencies: [rootRef, ...npm.map((c) => c['bom-ref']!)] },
      { aggregate: 'incomplete', assemblies: hasBase ? [imageRefs.base, imageRefs.os] : [imageRefs.os] },
    ],
  }
}

/** One npm package as a component: hash from the lockfile, licence and creator from its package.json. */
function npmComponent(root: string, path: string, entry: LockEntry): Component {
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
  const dir = join(root, path)
  const pkg: PackageJson = existsSync(join(dir, 'package.json')) ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson) : {}
  const version = entry.version ?? pkg.version ?? ''
  const [group, bare] = name.startsWith('@') ? (name.split('/') as [string, string]) : [undefined, name]
  const purl = `pkg:npm/${group ? `${encodeURIComponent(group)}/` : ''}${encodeURIComponent(bare)}@${encodeURIComponent(version)}`
  const sha512 = entry.integrity?.split(/\s+/).find((i) => i.startsWith('sha512-'))
  const hashes: Hash[] = sha512 ? [{ alg: 'SHA-512', content: Buffer.from(sha512.slice('sha512-'.length), 'base64').toString('hex') }] : []
  const author = knownCreators(root)[`${name}@${version}`] ?? authorOf(pkg.author)
  const repo = typeof pkg.repository === 'string' ? { url: pkg.repository } : pkg.repository
  const source = repo?.url && `${repo.url}${repo.directory ? `#${repo.directory}` : ''}`
  const urls = [author?.url, pkg.homepage, source].filter((u): u is string => !!u)
  const creator: Entity | undefined = author || urls.length
    ? { ...(author?.name ? { name: author.name } : {}), ...(urls.length ? { url: [urls[0]!] } : {}), ...(author?.email ? { contact: [{ ...(author.name ? { name: author.name } : {}), email: author.email }] } : {}) }
    : undefined
  const licences = licencesOf(pkg, entry, dir)
  return {
    type: 'library',
    'bom-ref': purl,
    ...(group ? { group } : {}),
    name: bare,
    version,
    ...(creator ? { supplier: creator, manufacturer: creator } : {}),
    ...(author ? { authors: [{ ...(author.name ? { name: author.name } : {}), ...(author.email ? { email: author.email } : {}) }] } : {}),
    ...(licences.length ? { licenses: licences } : {}),
    ...(hashes.length ? { hashes } : {}),
    purl,
    externalReferences: [
      ...(entry.resolved ? [{ type: 'distribution', url: entry.resolved, ...(hashes.length ? { hashes } : {}) }] : []),
      ...(source ? [{ type: 'vcs', url: source }] : []),
      ...(pkg.homepage ? [{ type: 'website', url: pkg.homepage }] : []),
    ],
    properties: [
      // The lockfile names no registry: the file is npm's tarball, named as `npm pack` names it.
      { name: 'bsi:component:filename', value: entry.resolved ? basename(new URL(entry.resolved).pathname) : `${bare}-${version}.tgz` },
      { name: 'bsi:component:executable', value: hasCode(dir) ? 'executable' : 'non-executable' },
      // The deployable form is the npm tarball: an archive whose package.json says what it holds.
      { name: 'bsi:component:archive', value: 'archive' },
      { name: 'bsi:component:structured', value: 'structured' },
      { name: 'cdx:npm:package:path', value: path },
    ],
  }
}

/** A component's licence as one SPDX expression or name ("UNKNOWN" where the package states none). */
export const licenceOf = (component: Pick<Component, 'licenses'>): string =>
  [...new Set((component.licenses ?? []).map((l) => l.expression ?? l.license?.id ?? l.license?.name).filter(Boolean))].join(' AND ') || 'UNKNOWN'

/** Builds, checks and writes the SBOM; throws naming every problem, and writes nothing then. */
export async function writeSbom(file: string, options: BuildOptions = {}): Promise<Sbom> {
  const sbom = buildSbom(options)
  return writeChecked(sbom, [...(await cycloneDxProblems(sbom)), ...tr03183(sbom).problems], file)
}

/** Writes the SBOM whole (a partial file renamed), or, with problems, nothing and throws naming them. */
function writeChecked(sbom: Sbom, problems: string[], file: string): Sbom {
  if (problems.length) throw new Error(`the SBOM is not complete:\n  ${problems.join('\n  ')}`)
  const target = resolve(file)
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(`${target}.partial`, `${JSON.stringify(sbom, null, 2)}\n`)
  renameSync(`${target}.partial`, target)
  return sbom
}

/** The image's SBOM from its root file system; throws naming every component's missing TR field, and writes nothing then. */
export async function writeRootfsSbom(rootfs: string, file: string): Promise<Sbom> {
  const sbom = sbomOfRootfs(rootfs)
  const missing = Object.entries(assertTrFields(sbom)).map(([c, fields]) => `${c}: no ${fields.join(', ')}`)
  return writeChecked(sbom, [...(await cycloneDxProblems(sbom)), ...missing], file)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `--rootfs DIR`: the SBOM of the built image's unpacked root file system (sbomRootfs.ts).
  const args = process.argv.slice(2)
  const at = args.indexOf('--rootfs')
  const rootfs = at >= 0 ? args.splice(at, 2)[1] : undefined
  const file = args[0] ?? 'dist/sbom.cdx.json'
  try {
    const sbom = rootfs ? await writeRootfsSbom(rootfs, file) : await writeSbom(file)
    console.log(`${file}: CycloneDX ${sbom.specVersion}, ${sbom.components.length} components`)
    if (!rootfs) for (const gap of tr03183(sbom).gaps) console.warn(`gap: ${gap}`)
    if (licensorIsPlaceholder(readLicensor())) console.warn('deploy/licensor.json still holds the placeholder: fill in who passes Netzwerkstatt on before handing this SBOM on')
  } catch (error) {
    console.error((error as Error).message)
    process.exitCode = 1
  }
}
