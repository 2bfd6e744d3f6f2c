/**
 * A Debian package's licence, read from its `/usr/share/doc/<pkg>/copyright` for the image's SBOM
 * (`sbomRootfs.ts`). The IT review (issue 63) found libc6 NOASSERTION although its copyright file
 * names LGPL-2.1+ plainly, and OpenSSL concluded NOASSERTION although marked Apache-2.0.
 *
 * - A machine-readable (DEP-5) file: declared is the header's `License:` (else that of `Files: *`),
 *   concluded the AND of the distinct licences of every `Files:` paragraph, both in SPDX.
 * - Another file: only the few base packages of the image, from an explicit table, and only while
 *   the file still says what the table quotes from it. Anything else stays NOASSERTION, never a guess.
 */
import { SPDX } from '@cyclonedx/cyclonedx-library'

export interface DebianLicence { declared: string; concluded: string }

const NOASSERTION = 'NOASSERTION'

/** Debian's short names that SPDX spells otherwise (GPL family: see `gnu` below). */
const debianNames: Record<string, string> = {
  Expat: 'MIT', 'BSD-2-clause': 'BSD-2-Clause', 'BSD-3-clause': 'BSD-3-Clause', 'BSD-4-clause': 'BSD-4-Clause',
  // Debian's "Artistic" is Perl's: base-files' copyright gives its SPDX name, "Artistic License 1.0 (Perl)".
  Artistic: 'Artistic-1.0-Perl',
  'public-domain': 'LicenseRef-public-domain', 'Apache-2': 'Apache-2.0', 'MPL-2': 'MPL-2.0',
}

/** One Debian licence name in SPDX ("LGPL-2.1+" → "LGPL-2.1-or-later"); undefined when not known. */
function spdxOf(name: string): string | undefined {
  const gnu = /^(A?GPL|LGPL|GFDL)-(\d)(?:\.(\d))?(\+)?$/i.exec(name)
  if (gnu) return `${gnu[1]!.toUpperCase()}-${gnu[2]}.${gnu[3] ?? '0'}-${gnu[4] ? 'or-later' : 'only'}`
  // Others Debian writes as SPDX does (Apache-2.0, MPL-2.0, X11, CC-BY-3.0, …): the SPDX list says which.
  return debianNames[name] ?? (SPDX.isSupportedSpdxId(name) ? name : undefined)
}

/** A Debian `License:` value as an SPDX expression ("Artistic or GPL-1+" → "Artistic-1.0-Perl OR GPL-1.0-or-later"). */
export function spdxExpression(value: string): string | undefined {
  const parts = value.trim().split(/\s+(or|and),?\s+|,\s*and\s+/i)
  const out: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (i % 2 === 1) { out.push(part.toUpperCase()); continue }
    // "GPL-3+ with GCC-exception-3.1 exception" is the one exception form we know.
    const exc = /^(\S+)\s+with\s+GCC-exception-3\.1(?:\s+exception)?$/i.exec(part)
    const id = exc ? spdxOf(exc[1]!) : spdxOf(part)
    if (!id) return undefined
    out.push(exc ? `${id} WITH GCC-exception-3.1` : id)
  }
  return out.join(' ')
}

const isDep5 = (text: string) => /^Format:\s*https?:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\//m.test(text)
const licenceField = (paragraph: string) => /^License:[ \t]*(.+)$/m.exec(paragraph)?.[1]?.trim()
const bracket = (e: string) => (/ (OR|AND) /.test(e) ? `(${e})` : e)

/** Licences of a machine-readable copyright file; undefined when it is not one or names none. */
export function dep5Licence(text: string): DebianLicence | undefined {
  if (!isDep5(text)) return undefined
  const paragraphs = text.split(/\n[ \t]*\n/)
  const files = paragraphs.filter((p) => /^Files:/m.test(p))
  const names = [...new Set(files.map(licenceField).filter((n): n is string => !!n))]
  const header = licenceField(paragraphs[0]!) ?? licenceField(files.find((p) => /^Files:[ \t]*\*[ \t]*$/m.test(p)) ?? '') ?? names[0]
  if (!header) return undefined
  const spdx = names.map(spdxExpression)
  return {
    declared: spdxExpression(header) ?? header,
    // Every part must be known: one unknown licence makes the whole NOASSERTION.
    concluded: spdx.every(Boolean) ? (spdx.length === 1 ? spdx[0]! : [...new Set(spdx as string[])].map(bracket).join(' AND ')) : NOASSERTION,
  }
}

/**
 * The image's base packages whose copyright files are not machine-readable (Debian 12), each with
 * the sentence of that file that states the licence: it applies only while the file still says so.
 */
export const baseLicences: Record<string, { says: string; licence: string }> = {
  // "* Most of the GNU C library is under the following copyright: … either version 2.1 of the License, or (at your option) any later version."
  libc6: { says: 'The GNU C Library is free software; you can redistribute it and/or modify it under the terms of the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version.', licence: 'LGPL-2.1-or-later' },
  // gcc-12's copyright (libgcc-s1, libstdc++6): the runtime libraries are GPL-3+ with the GCC Runtime Library Exception 3.1.
  'libgcc-s1': { says: 'The following runtime libraries are licensed under the terms of the GNU General Public License (v3 or later) with version 3.1 of the GCC Runtime Library Exception', licence: 'GPL-3.0-or-later WITH GCC-exception-3.1' },
  'libstdc++6': { says: 'The following runtime libraries are licensed under the terms of the GNU General Public License (v3 or later) with version 3.1 of the GCC Runtime Library Exception', licence: 'GPL-3.0-or-later WITH GCC-exception-3.1' },
  // gcc-12-base holds GCC's documents only: "GCC is free software; … either version 3, or (at your option) any later version."
  'gcc-12-base': { says: 'GCC is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 3, or (at your option) any later version.', licence: 'GPL-3.0-or-later' },
  // "Copyright (C) 1995-2011 Software in the Public Interest. This program is free software; … either version 2 of the License, or (at your option) any later version."
  'base-files': { says: 'This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.', licence: 'GPL-2.0-or-later' },
  // tzdata and ca-certificates have DEP-5 files in Debian 12 and are read as such.
}

const flat = (text: string) => text.replace(/\s+/g, ' ')

/** The licence of a Debian package from its copyright file: DEP-5, else the table, else NOASSERTION. */
export function debianLicence(pkg: string, text: string | undefined): DebianLicence {
  const dep5 = text === undefined ? undefined : dep5Licence(text)
  if (dep5) return dep5
  const known = baseLicences[pkg]
  if (known && text !== undefined && flat(text).includes(known.says)) return { declared: known.licence, concluded: known.licence }
  return { declared: NOASSERTION, concluded: NOASSERTION }
}
