/**
 * What the two SBOMs share: the lockfile one (`sbom.ts`) and the image one (`sbomRootfs.ts`). The
 * CycloneDX types, the licensor, and what an npm package's own files say (creator, licence,
 * whether it holds code). In a module of its own so that `sbom.ts`, the command, can import
 * `sbomRootfs.ts` without a cycle: the cycle left the command's top-level await unsettled (exit 13).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Sbom {
  bomFormat: 'CycloneDX'
  specVersion: string
  serialNumber: string
  version: number
  metadata: {
    timestamp: string
    lifecycles?: { phase: string }[]
    tools: { components: Component[] }
    authors?: Contact[]
    manufacturer?: Entity
    supplier?: Entity
    component?: Component
  }
  components: Component[]
  dependencies: { ref: string; dependsOn: string[] }[]
  compositions?: { aggregate: string; assemblies?: string[]; dependencies?: string[] }[]
}
export interface Component {
  type: string
  'bom-ref'?: string
  name: string
  group?: string
  version?: string
  description?: string
  supplier?: Entity
  manufacturer?: Entity
  authors?: Contact[]
  licenses?: License[]
  hashes?: Hash[]
  cpe?: string
  purl?: string
  externalReferences?: { type: string; url: string; hashes?: Hash[] }[]
  properties?: { name: string; value: string }[]
}
export interface Entity { name?: string; url?: string[]; contact?: Contact[] }
export interface Contact { name?: string; email?: string }
export interface Hash { alg: string; content: string }
export type License =
  | { license: { id?: string; name?: string; url?: string; acknowledgement?: 'declared' | 'concluded' }; expression?: never }
  | { expression: string; acknowledgement?: 'declared' | 'concluded'; license?: never }

/** The tldraw SDK's own licence (not open source), archived where REUSE keeps licence texts. */
export const tldrawLicence = { name: 'LicenseRef-tldraw', file: 'LICENSES/LicenseRef-tldraw.txt' } as const

/** The EUPL's Licensor: who passes this software on, filled in by the operator. */
export interface Licensor { name: string; url: string; email: string }
export const readLicensor = (root = '.'): Licensor => JSON.parse(readFileSync(join(root, 'deploy/licensor.json'), 'utf8')) as Licensor
export const licensorIsPlaceholder = (licensor: Licensor): boolean => [licensor.url, licensor.email].some((v) => /\.invalid\b/.test(v))

export interface PackageJson {
  name?: string
  version?: string
  license?: string | { type?: string }
  licenses?: { type?: string }[]
  author?: string | { name?: string; email?: string; url?: string }
  homepage?: string
  repository?: string | { url?: string; directory?: string }
  dependencies?: Record<string, string>
}

/** What `licencesOf` reads of a lockfile entry. */
export interface LockLicence { license?: string }

export const knownCreators = (root: string): Record<string, { name?: string; url?: string; email?: string }> =>
  JSON.parse(readFileSync(join(root, 'deploy/sbomCreators.json'), 'utf8')) as Record<string, { name?: string; url?: string }>

export function authorOf(author: PackageJson['author']): { name?: string; email?: string; url?: string } | undefined {
  if (!author) return undefined
  if (typeof author !== 'string') return author.name || author.email || author.url ? author : undefined
  const m = /^\s*([^<(]*?)\s*(?:<([^>]*)>)?\s*(?:\(([^)]*)\))?\s*$/.exec(author)
  const found = { name: m?.[1] || undefined, email: m?.[2] || undefined, url: m?.[3] || undefined }
  // Keep only what reads as an address: the SBOM schema checks e-mail addresses.
  if (found.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(found.email)) found.email = undefined
  return found.name || found.email || found.url ? found : undefined
}

/** The licence the package declares; tldraw's "SEE LICENSE IN LICENSE.md" becomes the archived LicenseRef. */
export function licencesOf(pkg: PackageJson, entry: LockLicence, dir: string): License[] {
  const stated =
    typeof pkg.license === 'string' ? pkg.license
    : pkg.license?.type ?? (pkg.licenses?.length ? pkg.licenses.map((l) => l.type).filter(Boolean).join(' OR ') : undefined) ?? entry.license
  if (stated && /^SEE LICEN[CS]E IN /i.test(stated)) {
    if (/^@?tldraw\b/.test(pkg.name ?? '') && readFileSync(join(dir, stated.replace(/^SEE LICEN[CS]E IN /i, '')), 'utf8').includes('tldraw license')) {
      return [{ license: { name: tldrawLicence.name, url: tldrawLicence.file, acknowledgement: 'declared' } }]
    }
    return []
  }
  if (stated) return [/^[A-Za-z0-9.+-]+$/.test(stated) ? { license: { id: stated, acknowledgement: 'declared' } } : { expression: stated, acknowledgement: 'declared' }]
  // No licence in package.json (pdfkit's png-js): the MIT licence's own wording in its LICENSE file, concluded by us.
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE'].map((n) => join(dir, n)).find(existsSync)
  const text = file ? readFileSync(file, 'utf8') : ''
  return /^\s*(The )?MIT License/i.test(text) && text.includes('Permission is hereby granted, free of charge') ? [{ license: { id: 'MIT', acknowledgement: 'concluded' } }] : []
}

/** Whether an installed package holds code Node or a browser runs (JavaScript or a native addon), not only fonts, styles or data. */
export function hasCode(dir: string, depth = 0): boolean {
  if (!existsSync(dir) || depth > 4) return false
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /\.(c|m)?js$|\.node$/.test(entry.name)) return true
    if (entry.isDirectory() && entry.name !== 'node_modules' && hasCode(join(dir, entry.name), depth + 1)) return true
  }
  return false
}
