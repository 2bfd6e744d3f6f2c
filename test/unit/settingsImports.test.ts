/**
 * Reading the relay's settings (`server/config.ts`) loads neither the room, nor Yjs, nor the
 * template catalogue: the admin CLI, the cluster's primary and deployment checks read settings
 * without opening a board. Checked on the import graph the source declares (type-only imports
 * load nothing) and on a fresh process that imports the settings.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/appRoot.ts'

/** What loading `entry` loads: the source files it reaches and the packages it imports. */
function reachedFrom(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
    for (const specifier of valueImports(source)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier))
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
    }
  }
  visit(entry)
  return { files, packages }
}

/** The module specifiers a file loads when it is loaded: imports and re-exports that are not type-only. */
function valueImports(source: ts.SourceFile): string[] {
  const specifiers: string[] = []
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)))
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specifiers
}

describe('reading the settings', () => {
  it('reaches neither the room nor the template catalogue nor Yjs', () => {
    const { files, packages } = reachedFrom(resolve(appRoot, 'server/config.ts'))
    const reached = [...files].map((file) => relative(appRoot, file).split('\\').join('/'))
    expect(reached).toContain('server/config.ts')
    expect(reached.filter((file) => file === 'server/Room.ts' || file.startsWith('shared/templates/'))).toEqual([])
    expect([...packages].filter((name) => name === 'yjs' || name.startsWith('y-'))).toEqual([])
  })

  it('does not load Yjs in a fresh process', async () => {
    // Yjs marks the global object when it is loaded (it warns about a second copy with it).
    const script = "await import('./server/config.ts'); process.stdout.write(String(globalThis['__ $YJS$ __'] === true))"
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: appRoot })
    expect(stdout).toBe('false')
  })
})
