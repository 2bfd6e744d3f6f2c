/**
 * The image SBOM's Debian licences (issue 63, IT review): read from the real first lines of Debian
 * 12's copyright files (test/unit/fixtures/debianCopyright), as the image holds them. The review
 * found libc6 NOASSERTION although its file says LGPL-2.1+ plainly, and OpenSSL concluded
 * NOASSERTION although marked Apache-2.0.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { debianLicence, spdxExpression } from '../../deploy/sbomDebianLicence.ts'

const copyright = (file: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'debianCopyright', file), 'utf8')

describe('Debian licences of the image SBOM', () => {
  it('reads the plain-text copyright files of the base packages', () => {
    expect(debianLicence('libc6', copyright('libc6'))).toEqual({ declared: 'LGPL-2.1-or-later', concluded: 'LGPL-2.1-or-later' })
    expect(debianLicence('base-files', copyright('base-files'))).toEqual({ declared: 'GPL-2.0-or-later', concluded: 'GPL-2.0-or-later' })
    for (const pkg of ['libgcc-s1', 'libstdc++6']) expect(debianLicence(pkg, copyright('gcc-12')).concluded).toBe('GPL-3.0-or-later WITH GCC-exception-3.1')
    expect(debianLicence('gcc-12-base', copyright('gcc-12')).concluded).toBe('GPL-3.0-or-later')
  })

  it('concludes the AND of every Files paragraph of a DEP-5 file, the Files: * one declared', () => {
    expect(debianLicence('libssl3', copyright('libssl3'))).toEqual({ declared: 'Apache-2.0', concluded: 'Apache-2.0 AND (Artistic-1.0-Perl OR GPL-1.0-or-later)' })
    expect(debianLicence('ca-certificates', copyright('ca-certificates'))).toEqual({ declared: 'GPL-2.0-or-later', concluded: 'GPL-2.0-or-later AND MPL-2.0' })
    // mawk (in the image as debconf's dependency): SPDX ids Debian writes as they are.
    expect(debianLicence('mawk', copyright('mawk'))).toEqual({ declared: 'GPL-2.0-only', concluded: 'GPL-2.0-only AND X11 AND CC-BY-3.0' })
    expect(debianLicence('tzdata', copyright('tzdata'))).toEqual({ declared: 'LicenseRef-public-domain', concluded: 'LicenseRef-public-domain' })
  })

  it('says NOASSERTION, never a guess, where the table does not hold or a licence is not known', () => {
    // The table's sentence is not in another package's file, nor in an edited one.
    expect(debianLicence('libc6', copyright('base-files'))).toEqual({ declared: 'NOASSERTION', concluded: 'NOASSERTION' })
    expect(debianLicence('libc6', copyright('libc6').replace('version 2.1', 'version 3'))).toEqual({ declared: 'NOASSERTION', concluded: 'NOASSERTION' })
    expect(debianLicence('zlib1g', 'zlib is free, as its README says.')).toEqual({ declared: 'NOASSERTION', concluded: 'NOASSERTION' })
    expect(debianLicence('libc6', undefined)).toEqual({ declared: 'NOASSERTION', concluded: 'NOASSERTION' })
    // A DEP-5 file with one licence SPDX does not know: declared as written, concluded NOASSERTION.
    const odd = 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-2+\n\nFiles: x/*\nLicense: Odd-Local\n'
    expect(debianLicence('odd', odd)).toEqual({ declared: 'GPL-2.0-or-later', concluded: 'NOASSERTION' })
  })

  it('spells Debian licence names and expressions in SPDX', () => {
    expect(spdxExpression('LGPL-2.1+')).toBe('LGPL-2.1-or-later')
    expect(spdxExpression('GPL-2')).toBe('GPL-2.0-only')
    expect(spdxExpression('Expat or GPL-3+')).toBe('MIT OR GPL-3.0-or-later')
    expect(spdxExpression('GPL-3+ with GCC-exception-3.1 exception')).toBe('GPL-3.0-or-later WITH GCC-exception-3.1')
    expect(spdxExpression('Something-Local')).toBeUndefined()
  })
})
