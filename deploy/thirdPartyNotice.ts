/**
 * THIRD-PARTY.md: every package that runs in production, with its version, licence and source,
 * read from the SBOM (`sbom.ts`), so that the notice and the bill of materials cannot disagree.
 * `npm run third-party` writes it; a test fails when the dependency tree has changed since.
 */
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { buildSbom, licenceOf, tldrawLicence, type Sbom } from './sbom.ts'

export function thirdPartyNotice(sbom: Sbom): string {
  const rows = sbom.components
    .filter((c) => c.purl?.startsWith('pkg:npm/'))
    .map((c) => ({ name: c.group ? `${c.group}/${c.name}` : c.name, version: c.version ?? '', licence: licenceOf(c), source: c.externalReferences?.find((r) => r.type === 'vcs' || r.type === 'website')?.url ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.version.localeCompare(b.version, 'en'))
  const byLicence = new Map<string, number>()
  for (const row of rows) byLicence.set(row.licence, (byLicence.get(row.licence) ?? 0) + 1)
  const cell = (text: string) => text.replace(/\|/g, '\\|')
  const image = sbom.components.filter((c) => c['bom-ref']?.startsWith('image:'))
  return [
    '# Third-party software',
    '',
    'Netzwerkstatt is licensed under the EUPL-1.2 (`LICENSE`). When it runs, it uses the packages below,',
    'each under its own licence; their licence texts come with each package in `node_modules`. The',
    `tldraw SDK is not open source (\`${tldrawLicence.name}\`, \`${tldrawLicence.file}\`): see "tldraw licence" in`,
    'docs/operations.md.',
    '',
    'In the container it runs on:',
    '',
    ...image.map((c) => `- ${c.name} ${c.version ?? ''}: ${c.description ?? ''} (${licenceOf(c)})`),
    '',
    'Generated from the CycloneDX SBOM of the production dependencies by `npm run third-party`; do not edit.',
    '',
    '## Licences',
    '',
    '| Licence | Packages |',
    '|---|---|',
    ...[...byLicence].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en')).map(([licence, count]) => `| ${cell(licence)} | ${count} |`),
    '',
    '## Packages',
    '',
    '| Package | Version | Licence | Source |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.name)} | ${cell(r.version)} | ${cell(r.licence)} | ${cell(r.source)} |`),
    '',
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sbom = buildSbom()
  writeFileSync('THIRD-PARTY.md', thirdPartyNotice(sbom))
  console.log(`THIRD-PARTY.md: ${sbom.components.filter((c) => c.purl?.startsWith('pkg:npm/')).length} packages`)
}
