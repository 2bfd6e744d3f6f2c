/**
 * What the SBOM must hold: the CycloneDX 1.6 JSON schema (strict, offline, from
 * `@cyclonedx/cyclonedx-library`'s `res/schema`) and the required fields of BSI TR-03183-2 v2.1
 * (§5.2.1 SBOM, §5.2.2 each component), in CycloneDX as the BSI's property taxonomy maps them:
 *
 * | TR-03183-2 field              | here |
 * |---|---|
 * | creator of the SBOM           | `metadata.manufacturer` url or e-mail (the licensor, `deploy/licensor.json`) |
 * | timestamp                     | `metadata.timestamp` |
 * | SBOM-URI                      | `serialNumber` + `version` |
 * | component creator             | `manufacturer` url or e-mail (package.json author / homepage / repository) |
 * | name, version                 | `name`, `version` |
 * | filename                      | property `bsi:component:filename` (the npm tarball's name) |
 * | dependencies                  | `dependencies[]`, one entry per component, every target listed |
 * | licence                       | `licenses` (SPDX id, expression or LicenseRef), declared by the package |
 * | hash of the deployable form   | `hashes` SHA-512 (the tarball's, from the lockfile) |
 * | executable / archive / structured property | properties `bsi:component:executable` / `:archive` / `:structured`, once each |
 * | other unique identifiers      | `purl` or `cpe` |
 *
 * Every npm package must have all of these (a `problem`). The image's base, its Debian and the Node
 * binary may lack a SHA-512 hash or a file name where none can be known without the built image:
 * those are `gaps`, listed and stated in the SBOM's `compositions`, never silently passed.
 */
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import type { Component, Sbom } from './sbomParts.ts'

/** The schema's complaints, each as "path: message"; empty when the SBOM is valid CycloneDX 1.6. */
export async function cycloneDxProblems(sbom: unknown): Promise<string[]> {
  const errors = (await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(JSON.stringify(sbom))) as
    | null
    | { instancePath?: string; message?: string }[]
  return (errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''}`.trim())
}

const flags = {
  'bsi:component:executable': ['executable', 'non-executable'],
  'bsi:component:archive': ['archive', 'no archive'],
  'bsi:component:structured': ['structured', 'unstructured'],
} as const

/** Whether the image's own parts may go without a hash or file name (see above). */
const fromImage = (c: Component) => c['bom-ref']?.startsWith('image:') ?? false

export function tr03183(sbom: Sbom): { problems: string[]; gaps: string[] } {
  const problems: string[] = []
  const gaps: string[] = []
  const m = sbom.metadata
  if (!m?.manufacturer?.url?.length && !m?.manufacturer?.contact?.some((c) => c.email)) problems.push('SBOM: no creator (metadata.manufacturer with url or e-mail)')
  if (!m?.timestamp || Number.isNaN(Date.parse(m.timestamp))) problems.push('SBOM: no timestamp (metadata.timestamp)')
  if (!sbom.serialNumber || !sbom.version) problems.push('SBOM: no SBOM-URI (serialNumber and version)')
  if (!m?.tools?.components?.length) problems.push('SBOM: no tool (metadata.tools)')

  const refs = new Set(sbom.components.map((c) => c['bom-ref']))
  const graph = new Map((sbom.dependencies ?? []).map((d) => [d.ref, d.dependsOn ?? []]))
  const all = [...(m?.component ? [m.component] : []), ...sbom.components]
  for (const c of all) {
    const id = `${c.group ? `${c.group}/` : ''}${c.name}@${c.version ?? '?'}`
    const missing = (what: string) => problems.push(`${id}: no ${what}`)
    const gapOrMissing = (what: string) => (fromImage(c) ? gaps.push(`${id}: no ${what} (not known before the image is built)`) : missing(what))
    if (!c.manufacturer?.url?.length && !c.manufacturer?.contact?.some((x) => x.email)) missing('creator (manufacturer with url or e-mail)')
    if (!c.name) missing('name')
    if (!c.version) missing('version')
    if (!c.licenses?.length || c.licenses.some((l) => !(l.expression ?? l.license?.id ?? l.license?.name))) missing('licence')
    if (!c.purl && !c.cpe) missing('unique identifier (purl or cpe)')
    if (c !== m?.component && !c.hashes?.some((h) => h.alg === 'SHA-512' && /^[0-9a-f]{128}$/.test(h.content))) gapOrMissing('SHA-512 hash')
    const props = c.properties ?? []
    const filenames = props.filter((p) => p.name === 'bsi:component:filename')
    if (filenames.length > 1) problems.push(`${id}: bsi:component:filename more than once`)
    if (c !== m?.component && filenames.length === 0) gapOrMissing('file name (bsi:component:filename)')
    for (const [name, values] of Object.entries(flags)) {
      const found = props.filter((p) => p.name === name)
      if (found.length !== 1 || !(values as readonly string[]).includes(found[0]!.value)) missing(`${name} (exactly once: ${values.join(' / ')})`)
    }
    if (!c['bom-ref'] || !graph.has(c['bom-ref'])) missing('entry in dependencies')
  }
  for (const [ref, targets] of graph) {
    for (const target of targets) if (!refs.has(target)) problems.push(`dependencies: ${ref} depends on ${target}, which is not a component`)
  }
  return { problems, gaps }
}
