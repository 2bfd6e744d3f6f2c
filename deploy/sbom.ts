/**
 * The software bill of materials of what runs in production: a CycloneDX 1.6 SBOM (JSON) of the
 * runtime dependencies, as the Deutsche Verwaltungscloud standard asks (BSI TR-03183-2), made by
 * `@cyclonedx/cyclonedx-npm` from the installed tree. `npm run sbom [file]` (default
 * `dist/sbom.cdx.json`); the file is checked before it is kept.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface Sbom {
  bomFormat: string
  specVersion: string
  metadata: { component?: { name: string; version?: string; licenses?: License[] } }
  components: Component[]
}
export interface Component {
  name: string
  group?: string
  version: string
  purl?: string
  licenses?: License[]
  externalReferences?: { type: string; url: string }[]
}
export type License = { license?: { id?: string; name?: string }; expression?: string }

/** Writes the SBOM to `file` and returns it; throws with what is wrong if the tool's output is not a CycloneDX 1.6 BOM. */
export function writeSbom(file: string): Sbom {
  const target = resolve(file)
  mkdirSync(dirname(target), { recursive: true })
  const draft = `${target}.partial`
  const run = spawnSync(
    'npx',
    ['--no-install', 'cyclonedx-npm', '--omit', 'dev', '--spec-version', '1.6', '--output-format', 'JSON', '--output-reproducible', '--mc-type', 'application', '--output-file', draft],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
  if (run.status !== 0) throw new Error(`cyclonedx-npm failed (${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`)
  const sbom = JSON.parse(readFileSync(draft, 'utf8')) as Sbom
  if (sbom.bomFormat !== 'CycloneDX' || sbom.specVersion !== '1.6' || !Array.isArray(sbom.components)) {
    throw new Error(`not a CycloneDX 1.6 BOM: ${draft}`)
  }
  for (const component of sbom.components) {
    if (component.licenses?.length) continue
    const stated = licenceFileOf(component)
    if (stated) component.licenses = [{ license: { id: stated } }]
  }
  writeFileSync(draft, JSON.stringify(sbom, null, 2))
  renameSync(draft, target)
  return sbom
}

/**
 * The licence a package states only in its LICENSE file, not in package.json (pdfkit's png-js):
 * recognised for the MIT licence's own heading and wording only; anything else stays unknown.
 */
function licenceFileOf(component: Pick<Component, 'name' | 'group'>): string | undefined {
  const dir = resolve('node_modules', ...(component.group ? [component.group] : []), component.name)
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE'].map((name) => join(dir, name)).find(existsSync)
  const text = file ? readFileSync(file, 'utf8') : ''
  return /^\s*(The )?MIT License/i.test(text) && text.includes('Permission is hereby granted, free of charge') ? 'MIT' : undefined
}

/** A component's licence as one SPDX expression or name ("UNKNOWN" where the package states none). */
export const licenceOf = (component: Pick<Component, 'licenses'>): string =>
  [...new Set((component.licenses ?? []).map((l) => l.expression ?? l.license?.id ?? l.license?.name).filter(Boolean))].join(' AND ') || 'UNKNOWN'

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2] ?? 'dist/sbom.cdx.json'
  const sbom = writeSbom(file)
  console.log(`${file}: CycloneDX ${sbom.specVersion}, ${sbom.components.length} components`)
}
