/**
 * The import graph the source declares: walked from one file, what loading it loads (type-only
 * imports load nothing and are left out; packages are named, not followed); over a folder, its
 * imports and its circles (type-only imports count: they tie the files' meaning together all the same).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import ts from 'typescript'

/**
 * What loading `entry` loads: the source files it reaches and the packages it imports, and for
 * each file but the entry the file that first imported it (so a test can name the whole way).
 */
export function reachedFrom(entry: string): { files: Set<string>; packages: Set<string>; importedBy: Map<string, string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const importedBy = new Map<string, string>()
  const visit = (file: string, importer?: string) => {
    if (files.has(file)) return
    files.add(file)
    if (importer) importedBy.set(file, importer)
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
    for (const specifier of valueImports(source)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier), file)
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
    }
  }
  visit(entry)
  return { files, packages, importedBy }
}

/** The `.ts` files under `folder`, and for each the files under `folder` it imports, type-only imports included. */
export function importsIn(folder: string): Map<string, string[]> {
  const files: string[] = []
  const collect = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) collect(join(dir, entry.name))
      else if (entry.name.endsWith('.ts')) files.push(resolve(dir, entry.name))
    }
  }
  collect(folder)
  const inFolder = new Set(files)
  const edges = new Map<string, string[]>()
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
    const targets = imports(source, { types: true }).filter((specifier) => specifier.startsWith('.'))
    edges.set(file, targets.map((specifier) => resolve(dirname(file), specifier)).filter((target) => inFolder.has(target)))
  }
  return edges
}

/** The import circles among the `.ts` files under `folder`: each as its files, in no particular order. */
export function circlesIn(folder: string): string[][] {
  const edges = importsIn(folder)
  const files = [...edges.keys()]
  // Tarjan's strongly connected components: a component of more than one file is a circle.
  const order = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const circles: string[][] = []
  const connect = (file: string) => {
    order.set(file, order.size)
    low.set(file, order.get(file)!)
    stack.push(file)
    onStack.add(file)
    for (const target of edges.get(file)!) {
      if (!order.has(target)) {
        connect(target)
        low.set(file, Math.min(low.get(file)!, low.get(target)!))
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, order.get(target)!))
    }
    if (low.get(file) !== order.get(file)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== file)
    if (component.length > 1 || edges.get(file)!.includes(file)) circles.push(component)
  }
  for (const file of files) if (!order.has(file)) connect(file)
  return circles
}

/** The module specifiers a file loads when it is loaded: imports and re-exports that are not type-only. */
function valueImports(source: ts.SourceFile): string[] {
  return imports(source, { types: false })
}

/** The module specifiers a file imports or re-exports from; type-only ones too if `types`. */
function imports(source: ts.SourceFile, { types }: { types: boolean }): string[] {
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
      if (types || !typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && (types || !statement.isTypeOnly)) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specifiers
}
