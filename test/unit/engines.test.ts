/**
 * `engines` tells the truth: the lowest Node of each line package.json admits is one every
 * production package admits too (tldraw's packages ask for 22.12, nanoid for even lines), and the Node the image ships (the
 * Dockerfile's) meets them all; in CI the suite itself runs on such a Node. Which Node runs what:
 * README „Was läuft wo“.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { imageOfDockerfile } from '../../deploy/sbomImage.ts'

const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null
  satisfies(version: string, range: string): boolean
}
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { engines?: { node?: string }; name?: string; version?: string }

describe('engines', () => {
  const ours = json('package.json').engines!.node!
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; engines?: { node?: string } }> }
  const production = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional && existsSync(join(path, 'package.json')))
    .map(([path]) => json(join(path, 'package.json')))
    .filter((pkg) => pkg.engines?.node)

  it("the lowest Node of each line package.json admits is one every production package admits", () => {
    const lowest = ours.split('||').map((range) => semver.minVersion(range)!.version)
    expect(lowest.length).toBeGreaterThanOrEqual(1)
    expect(production.filter((pkg) => !lowest.every((v) => semver.satisfies(v, pkg.engines!.node!))).map((pkg) => `${pkg.name}@${pkg.version}: ${pkg.engines!.node}`)).toEqual([])
    expect(production.find((pkg) => pkg.name === 'tldraw')?.engines?.node).toBe('>=22.12.0')
    expect(lock.packages['']!.engines?.node).toBe(ours)
  })

  // CI puts the image's Node first (`.ci/use-node.sh`): the suite tests the Node that ships.
  it.runIf(process.env.CI)('the suite runs on a Node that package.json admits (in CI)', () => {
    expect(semver.satisfies(process.versions.node, ours), `Node ${process.versions.node} runs the suite; package.json asks for ${ours}`).toBe(true)
  })

  it("the image's Node meets package.json and every production package", () => {
    const shipped = imageOfDockerfile().nodeVersion
    expect(semver.satisfies(shipped, ours)).toBe(true)
    expect(production.filter((pkg) => !semver.satisfies(shipped, pkg.engines!.node!)).map((pkg) => pkg.name)).toEqual([])
  })
})
