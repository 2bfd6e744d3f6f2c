/**
 * What a municipality's IT needs before it may run the relay: the EUPL-1.2 licence, a CycloneDX
 * 1.6 SBOM of what runs in production (`npm run sbom`, the CLI; its content: test/unit/sbom.test.ts),
 * and a third-party notice that matches it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { licenceOf, type Sbom } from '../../deploy/sbom.ts'
import { thirdPartyNotice } from '../../deploy/thirdPartyNotice.ts'
import { hang } from '../helpers/hang.ts'

describe('licence and bill of materials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netzwerkstatt-sbom-'))
  let sbom: Sbom
  beforeAll(() => {
    const file = join(dir, 'sbom.cdx.json')
    execFileSync('npm', ['run', '--silent', 'sbom', '--', file], { stdio: 'pipe' })
    sbom = JSON.parse(readFileSync(file, 'utf8')) as Sbom
  }, hang(120_000))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is under the EUPL-1.2, in the licence file, the package and the notice', () => {
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2\n/)
    expect(readFileSync('LICENSES/EUPL-1.2.txt', 'utf8')).toBe(readFileSync('LICENSE', 'utf8'))
    expect(JSON.parse(readFileSync('package.json', 'utf8')).license).toBe('EUPL-1.2')
    expect(readFileSync('REUSE.toml', 'utf8')).toContain('SPDX-License-Identifier = "EUPL-1.2"')
    expect(sbom.metadata.component?.licenses?.map((l) => l.license?.id ?? l.expression)).toEqual(['EUPL-1.2'])
  })

  it('writes the SBOM that the unit test checks (test/unit/sbom.test.ts), with every npm package hashed and licensed', () => {
    expect(sbom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' })
    const npm = sbom.components.filter((c) => c.purl?.startsWith('pkg:npm/'))
    expect(npm.length).toBeGreaterThan(100)
    expect(npm.filter((c) => licenceOf(c) === 'UNKNOWN' || !c.hashes?.length).map((c) => c.name)).toEqual([])
  })

  it('keeps THIRD-PARTY.md in step with the dependency tree (else: npm run third-party)', () => {
    expect(readFileSync('THIRD-PARTY.md', 'utf8')).toBe(thirdPartyNotice(sbom))
  })
})
