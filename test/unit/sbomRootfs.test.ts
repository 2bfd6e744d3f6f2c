/**
 * The SBOM made from the image's content (issue 63): run on a small root file system made here —
 * two Debian packages (one with a machine-readable copyright file, one without), two npm packages
 * (one with a native module that has SQLite compiled in), a stand-in Node binary — and checked for
 * every field BSI TR-03183-2 v2.1 asks per component. `assertTrFields` is what the image test calls
 * on the real image (IMAGE_ROOTFS=dir).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sbom } from '../../deploy/sbom.ts'
import { cycloneDxProblems } from '../../deploy/sbomRequirements.ts'
import { assertTrFields, sbomOfRootfs } from '../../deploy/sbomRootfs.ts'

const dep5 = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: GNU C Library

Files: *
Copyright: 1991-2023 Free Software Foundation, Inc.
License: LGPL-2.1+

Files: debian/*
Copyright: 1998 Debian
License: GPL-2+
`
const status = `Package: libc6
Status: install ok installed
Architecture: amd64
Source: glibc (2.36-9+deb12u10)
Version: 2.36-9+deb12u10
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Homepage: https://www.gnu.org/software/libc/libc.html
Description: GNU C Library

Package: tzdata
Status: install ok installed
Architecture: all
Version: 2025b-0+deb12u1
Depends: debconf (>= 0.5) | debconf-2.0, libc6
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Description: time zone data

Package: removed-one
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0
Maintainer: Nobody <nobody@example.org>
`
const sqliteNode = Buffer.concat([Buffer.from('\x7fELF junk sqlite3_libversion\0'), Buffer.from('3.53.2\0'), Buffer.from(`2026-06-03 19:12:13 ${'d6'.repeat(32)}\0`)])
const tarballHash = createHash('sha512').update('the tarball').digest()

function makeRootfs(dir: string) {
  const put = (path: string, content: string | Buffer) => { mkdirSync(dirname(join(dir, path)), { recursive: true }); writeFileSync(join(dir, path), content) }
  put('etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\n')
  put('var/lib/dpkg/status', status)
  put('var/lib/dpkg/info/libc6:amd64.list', '/.\n/usr/lib/x86_64-linux-gnu/libc.so.6\n/usr/share/doc/libc6/copyright\n')
  put('usr/lib/x86_64-linux-gnu/libc.so.6', 'libc')
  put('usr/share/doc/libc6/copyright', dep5)
  put('var/lib/dpkg/info/tzdata.list', '/usr/share/zoneinfo/UTC\n')
  put('usr/share/zoneinfo/UTC', 'TZif')
  put('usr/share/doc/tzdata/copyright', 'This is the Debian package of the time zone database. It is in the public domain, as its authors say.\n')
  put('usr/local/bin/node', 'ELF … https://nodejs.org/download/release/v22.23.3/ …')
  put('app/package.json', JSON.stringify({ name: 'netzwerkstatt', version: '1.2.3', dependencies: { 'better-sqlite3': '^12', '@scope/plain': '^1' } }))
  put('app/node_modules/better-sqlite3/package.json', JSON.stringify({ name: 'better-sqlite3', version: '12.11.1', license: 'MIT', author: 'Joshua Wise <joshuathomaswise@gmail.com>', repository: { url: 'git://github.com/WiseLibs/better-sqlite3.git' }, dependencies: { '@scope/plain': '^1' } }))
  put('app/node_modules/better-sqlite3/lib/index.js', 'module.exports = 1')
  put('app/node_modules/better-sqlite3/build/Release/better_sqlite3.node', sqliteNode)
  put('app/node_modules/@scope/plain/package.json', JSON.stringify({ name: '@scope/plain', version: '1.0.0', license: '(MIT OR Apache-2.0)', homepage: 'https://plain.example.org/', dependencies: { 'png-js': '^2' } }))
  put('app/node_modules/@scope/plain/index.js', 'export {}')
  // nested, and stating no licence in package.json: only its LICENSE file's MIT wording
  put('app/node_modules/@scope/plain/node_modules/png-js/package.json', JSON.stringify({ name: 'png-js', version: '2.0.0', repository: 'github:foliojs/png.js' }))
  put('app/node_modules/@scope/plain/node_modules/png-js/LICENSE', 'MIT License\n\nPermission is hereby granted, free of charge, to any person …')
  put('app/node_modules/.package-lock.json', JSON.stringify({ packages: {
    'node_modules/better-sqlite3': { version: '12.11.1', resolved: 'https://registry.npmjs.org/better-sqlite3/-/better-sqlite3-12.11.1.tgz', integrity: `sha512-${tarballHash.toString('base64')}` },
    'node_modules/@scope/plain': { version: '1.0.0', integrity: `sha512-${tarballHash.toString('base64')}` },
    'node_modules/@scope/plain/node_modules/png-js': { version: '2.0.0', integrity: `sha512-${tarballHash.toString('base64')}` },
  } }))
}

describe('SBOM from the image root file system (TR-03183-2 v2.1 per component)', () => {
  let dir: string
  let sbom: Sbom
  const byName = (name: string) => sbom.components.find((c) => c.name === name)!
  const licences = (name: string, ack: string) => (byName(name).licenses ?? []).filter((l) => l.license?.acknowledgement === ack).map((l) => l.license?.id ?? l.license?.name)
  const ref = (name: string, type: string) => byName(name).externalReferences?.find((r) => r.type === type)?.url
  const prop = (name: string, p: string) => byName(name).properties?.find((x) => x.name === p)?.value
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rootfs-'))
    makeRootfs(dir)
    sbom = sbomOfRootfs(dir, { now: new Date('2026-11-28T23:00:00Z') })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists what the image holds: installed Debian packages, npm packages, Node and the SQLite compiled into better-sqlite3', () => {
    expect(sbom.components.map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`).sort()).toEqual(
      ['@scope/plain@1.0.0', 'better-sqlite3@12.11.1', 'libc6@2.36-9+deb12u10', 'node@22.23.3', 'png-js@2.0.0', 'sqlite@3.53.2', 'tzdata@2025b-0+deb12u1'])
  })

  it('gives every component every TR-03183-2 field, and is valid CycloneDX 1.6', async () => {
    expect(assertTrFields(sbom)).toEqual({})
    expect(await cycloneDxProblems(sbom)).toEqual([])
  }, 30_000)

  it('names each missing field per component', () => {
    const broken = structuredClone(sbom)
    const plain = broken.components.find((c) => c.name === 'plain')!
    delete plain.hashes
    plain.licenses = plain.licenses!.filter((l) => l.license?.acknowledgement !== 'concluded')
    plain.externalReferences = []
    expect(assertTrFields(broken)).toEqual({ '@scope/plain@1.0.0': ['licence (concluded)', 'SHA-512', 'source code URI', 'URI of the deployable form'] })
  })

  it('reads Debian licences from a machine-readable copyright file and says NOASSERTION for another, never a guess', () => {
    // The Files: * licence declared; concluded the AND of every Files paragraph's (sbomDebianLicence.test.ts).
    expect(licences('libc6', 'declared')).toEqual(['LGPL-2.1-or-later'])
    expect(licences('libc6', 'concluded')).toEqual(['LGPL-2.1-or-later AND GPL-2.0-or-later'])
    expect(licences('tzdata', 'declared')).toEqual(['NOASSERTION'])
    expect(licences('tzdata', 'concluded')).toEqual(['NOASSERTION'])
  })

  it("gives Debian's pool and source addresses, the .deb's name and the package's dependencies", () => {
    expect(ref('libc6', 'distribution')).toBe('https://deb.debian.org/debian/pool/main/g/glibc/libc6_2.36-9+deb12u10_amd64.deb')
    expect(ref('libc6', 'source-distribution')).toBe('https://sources.debian.org/src/glibc/2.36-9+deb12u10/')
    expect(prop('tzdata', 'bsi:component:filename')).toBe('tzdata_2025b-0+deb12u1_all.deb')
    expect(byName('tzdata').purl).toBe('pkg:deb/debian/tzdata@2025b-0%2Bdeb12u1?arch=all&distro=debian-12')
    expect(sbom.dependencies.find((d) => d.ref === byName('tzdata')['bom-ref'])!.dependsOn).toEqual([byName('libc6')['bom-ref']])
  })

  it("hashes npm packages with their tarball's SHA-512 and gives the registry address where the lockfile names none", () => {
    expect(byName('plain').hashes).toEqual([{ alg: 'SHA-512', content: tarballHash.toString('hex') }])
    expect(ref('plain', 'distribution')).toBe('https://registry.npmjs.org/@scope/plain/-/plain-1.0.0.tgz')
    expect(licences('plain', 'concluded')).toEqual(['(MIT OR Apache-2.0)'])
    expect(prop('plain', 'netzwerkstatt:image:path')).toBe('/app/node_modules/@scope/plain')
    expect(sbom.dependencies.find((d) => d.ref === byName('plain')['bom-ref'])!.dependsOn).toEqual([byName('png-js')['bom-ref']])
  })

  it('concludes a licence the package does not declare only from its LICENSE wording, and says the declared one is NOASSERTION', () => {
    expect(licences('png-js', 'declared')).toEqual(['NOASSERTION'])
    expect(licences('png-js', 'concluded')).toEqual(['MIT'])
    expect(ref('png-js', 'vcs')).toBe('https://github.com/foliojs/png.js')
  })

  it('hashes the Node binary and the native module SQLite is compiled into, and puts SQLite under better-sqlite3', () => {
    expect(byName('node').hashes![0]!.content).toBe(createHash('sha512').update('ELF … https://nodejs.org/download/release/v22.23.3/ …').digest('hex'))
    expect(ref('node', 'distribution')).toBe('https://nodejs.org/dist/v22.23.3/node-v22.23.3-linux-x64.tar.xz')
    expect(byName('sqlite').hashes![0]!.content).toBe(createHash('sha512').update(sqliteNode).digest('hex'))
    expect(licences('sqlite', 'concluded')).toEqual(['blessing'])
    expect(prop('sqlite', 'netzwerkstatt:image:path')).toBe('/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node')
    expect(sbom.dependencies.find((d) => d.ref === byName('better-sqlite3')['bom-ref'])!.dependsOn).toContain(byName('sqlite')['bom-ref'])
  })

  // base-files ships /etc/os-release as a link to ../usr/lib/os-release; os-release(5) allows the latter alone.
  it('reads the distribution of its Debian purls from os-release as base-files lays it out', () => {
    const other = mkdtempSync(join(tmpdir(), 'rootfs-'))
    try {
      mkdirSync(join(other, 'usr/lib'), { recursive: true })
      mkdirSync(join(other, 'var/lib/dpkg'), { recursive: true })
      writeFileSync(join(other, 'usr/lib/os-release'), 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\n')
      writeFileSync(join(other, 'var/lib/dpkg/status'), status)
      const purl = () => sbomOfRootfs(other).components.find((c) => c.name === 'tzdata')!.purl
      expect(purl()).toBe('pkg:deb/debian/tzdata@2025b-0%2Bdeb12u1?arch=all&distro=debian-12')
      mkdirSync(join(other, 'etc'))
      symlinkSync('../usr/lib/os-release', join(other, 'etc/os-release'))
      expect(purl()).toBe('pkg:deb/debian/tzdata@2025b-0%2Bdeb12u1?arch=all&distro=debian-12')
    } finally { rmSync(other, { recursive: true, force: true }) }
  })

  // The command operations.md gives the operator (`npm run sbom -- --rootfs DIR [file]`), run as npm
  // runs it: IT review of issue 63 found it exits 13 and writes nothing ("unsettled top-level
  // await": sbom.ts, the main module, awaits the import of sbomRootfs.ts, which imports sbom.ts).
  it('is written by the command the docs give', () => {
    const file = join(dir, 'out', 'sbom.cdx.json')
    const root = join(import.meta.dirname, '..', '..')
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'deploy/sbom.ts', '--rootfs', dir, file], { cwd: root, encoding: 'utf8', timeout: 120_000 })
    expect({ status: run.status, stderr: run.stderr.slice(0, 300) }).toMatchObject({ status: 0 })
    expect(existsSync(file)).toBe(true)
    expect((JSON.parse(readFileSync(file, 'utf8')) as Sbom).components.map((c) => c.name)).toContain('better-sqlite3')
  }, 120_000)
})
