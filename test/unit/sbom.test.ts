/**
 * The SBOM an IT department receives (`npm run sbom`): valid CycloneDX 1.6 by the schema, and with
 * what BSI TR-03183-2 requires of the SBOM and of each component; a component without hash or
 * licence fails the check by name. Built in this process from the lockfile, the installed
 * packages' package.json and the Dockerfile.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSbom, licenceOf, readLicensor, tldrawLicence, type Component, type Sbom } from '../../deploy/sbom.ts'
import { imageOf, imageOfDockerfile } from '../../deploy/sbomImage.ts'
import { basePackages } from '../../deploy/imageBase.ts'
import { cycloneDxProblems, tr03183 } from '../../deploy/sbomRequirements.ts'
import { thirdPartyNotice } from '../../deploy/thirdPartyNotice.ts'

const nameOf = (c: Component) => (c.group ? `${c.group}/${c.name}` : c.name)

describe('SBOM (CycloneDX 1.6, BSI TR-03183-2)', () => {
  let sbom: Sbom
  const copy = () => structuredClone(sbom)
  const npmComponent = (s: Sbom, name: string) => s.components.find((c) => c.purl?.startsWith('pkg:npm/') && nameOf(c) === name)!
  beforeAll(() => {
    sbom = buildSbom({ now: new Date('2026-11-26T12:00:00Z') })
  })

  it('is valid CycloneDX 1.6 by the JSON schema, and the schema notices a broken one', async () => {
    expect(sbom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' })
    expect(await cycloneDxProblems(sbom)).toEqual([])
    const broken = copy()
    broken.components[0]!.hashes = [{ alg: 'SHA-512', content: 'not hex' }]
    expect((await cycloneDxProblems(broken)).join('\n')).toMatch(/hashes/)
  }, 30_000)

  it('meets the TR-03183-2 required fields; the image parts that cannot be hashed before a build are named as gaps', () => {
    const { problems, gaps } = tr03183(sbom)
    expect(problems).toEqual([])
    expect(gaps.every((g) => /^(node|debian)@/.test(g))).toBe(true)
    expect(sbom.metadata.timestamp).toBe('2026-11-26T12:00:00Z')
    expect(sbom.metadata.tools.components.map((c) => c.name)).toContain('netzwerkstatt-sbom')
  })

  it('fails on a component without hash, without licence, without creator or with a dangling dependency', () => {
    const noHash = copy()
    delete npmComponent(noHash, 'yjs').hashes
    expect(tr03183(noHash).problems).toEqual([expect.stringMatching(/^yjs@[\d.]+: no SHA-512 hash$/)])

    const noLicence = copy()
    delete npmComponent(noLicence, 'hono').licenses
    expect(tr03183(noLicence).problems).toEqual([expect.stringMatching(/^hono@[\d.]+: no licence$/)])

    const noCreator = copy()
    delete npmComponent(noCreator, 'zod').manufacturer
    expect(tr03183(noCreator).problems).toEqual([expect.stringMatching(/^zod@.*no creator/)])

    const dangling = copy()
    dangling.dependencies.find((d) => d.ref === npmComponent(dangling, 'pdfkit')['bom-ref'])!.dependsOn.push('pkg:npm/ghost@1.0.0')
    expect(tr03183(dangling).problems).toEqual([expect.stringContaining('ghost@1.0.0, which is not a component')])

    const noNodeLicence = copy()
    delete noNodeLicence.components.find((c) => c.type === 'platform')!.licenses
    expect(tr03183(noNodeLicence).problems).toEqual([expect.stringMatching(/^node@.*: no licence$/)])
  })

  it('hashes each npm package with the SHA-512 of its tarball, from the lockfile', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { integrity: string }> }
    const yjs = npmComponent(sbom, 'yjs')
    const integrity = lock.packages['node_modules/yjs']!.integrity
    expect(yjs.hashes).toEqual([{ alg: 'SHA-512', content: Buffer.from(integrity.replace(/^sha512-/, ''), 'base64').toString('hex') }])
    expect(yjs.properties).toContainEqual({ name: 'bsi:component:filename', value: `yjs-${yjs.version}.tgz` })
  })

  it('lists every production package and nothing only the tests need, with the dependency graph', () => {
    const names = new Set(sbom.components.filter((c) => c.purl?.startsWith('pkg:npm/')).map(nameOf))
    const runtime = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies as Record<string, string>)
    expect(runtime.filter((name) => !names.has(name))).toEqual([])
    for (const devOnly of ['vitest', 'playwright-core', 'fast-check', '@cyclonedx/cyclonedx-library', 'esbuild']) expect(names.has(devOnly), devOnly).toBe(false)
    const root = sbom.dependencies.find((d) => d.ref === sbom.metadata.component!['bom-ref'])!
    expect(root.dependsOn).toContain(npmComponent(sbom, 'yjs')['bom-ref'])
    const ioredis = sbom.dependencies.find((d) => d.ref === npmComponent(sbom, 'ioredis')['bom-ref'])!
    expect(ioredis.dependsOn).toContain(npmComponent(sbom, '@ioredis/commands')['bom-ref'])
  })

  it('names the Node runtime and the Debian packages the image ships (FROM scratch: no base image)', () => {
    const image = imageOfDockerfile()
    const node = sbom.components.find((c) => c.type === 'platform')!
    expect(node).toMatchObject({ name: 'node', version: image.nodeVersion, cpe: `cpe:2.3:a:nodejs:node.js:${image.nodeVersion}:*:*:*:*:*:*:*` })
    expect(sbom.components.find((c) => c.type === 'container')).toBeUndefined()
    expect(sbom.components.find((c) => c.type === 'operating-system')).toMatchObject({ name: 'debian', version: '12' })
    // Debian stands for the packages npm run image unpacks (their versions: the SBOM made from the image).
    expect(sbom.components.find((c) => c.type === 'operating-system')!.description).toContain(basePackages.join(', '))
    for (const ref of sbom.dependencies.map((d) => d.ref)) expect(sbom.components.some((c) => c['bom-ref'] === ref) || ref === sbom.metadata.component!['bom-ref'], ref).toBe(true)
    expect(sbom.compositions).toContainEqual(expect.objectContaining({ aggregate: 'incomplete' }))
  })

  it('reads the final stage only: a compiler of the build stage is not in the image, a package of the final stage is', () => {
    const dockerfile = [
      'FROM node:24.19.0-bookworm-slim AS build',
      'RUN apt-get install -y --no-install-recommends python3 make g++',
      'FROM node:24.19.0-bookworm-slim@sha256:' + 'a'.repeat(64),
      'RUN apt-get update \\',
      ' && apt-get install -y --no-install-recommends fonts-dejavu-core \\',
      ' && rm -rf /var/lib/apt/lists/*',
    ].join('\n')
    expect(imageOf(dockerfile)).toEqual({ name: 'node', tag: '24.19.0-bookworm-slim', digest: `sha256:${'a'.repeat(64)}`, nodeVersion: '24.19.0', debian: 'bookworm', aptPackages: ['fonts-dejavu-core'] })
    expect(() => imageOf('FROM alpine:3')).toThrow(/neither scratch nor node:/)
    expect(() => imageOf('FROM node:22.23.3-bookworm-slim AS build\nFROM scratch')).toThrow(/ARG NODE_VERSION/)
  })

  it('hashes the Node binary itself when the SBOM is made by the Node the image ships', () => {
    const image = imageOfDockerfile()
    const inBuildStage = buildSbom({ runningNode: { version: image.nodeVersion, execPath: process.execPath } })
    expect(inBuildStage.components.find((c) => c.type === 'platform')!.hashes?.[0]).toMatchObject({ alg: 'SHA-512', content: expect.stringMatching(/^[0-9a-f]{128}$/) })
  })

  it('names the licensor from deploy/licensor.json as creator, supplier and author', () => {
    const licensor = readLicensor()
    expect(sbom.metadata.manufacturer).toEqual({ name: licensor.name, url: [licensor.url], contact: [{ name: licensor.name, email: licensor.email }] })
    expect(sbom.metadata.supplier).toEqual(sbom.metadata.manufacturer)
    expect(sbom.metadata.authors).toEqual([{ name: licensor.name, email: licensor.email }])
    expect(sbom.metadata.component).toMatchObject({ name: 'netzwerkstatt', licenses: [{ license: { id: 'EUPL-1.2' } }] })
  })

  it("gives tldraw's packages the archived tldraw licence, the text the package ships", () => {
    for (const name of ['tldraw', '@tldraw/editor']) expect(licenceOf(npmComponent(sbom, name))).toBe(tldrawLicence.name)
    expect(npmComponent(sbom, 'tldraw').licenses).toEqual([{ license: { name: tldrawLicence.name, url: tldrawLicence.file, acknowledgement: 'declared' } }])
    expect(readFileSync(tldrawLicence.file, 'utf8')).toBe(readFileSync('node_modules/tldraw/LICENSE.md', 'utf8'))
  })

  it('keeps THIRD-PARTY.md in step with the SBOM (else: npm run third-party)', () => {
    expect(readFileSync('THIRD-PARTY.md', 'utf8')).toBe(thirdPartyNotice(sbom))
  })
})
