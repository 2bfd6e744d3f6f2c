/**
 * The import graph the source declares, read with the TypeScript parser (not patterns, so an
 * import in a comment or a string is not one, and one split over lines is). Walked from one file:
 * what loading it loads (static value imports only; type-only imports load nothing, a dynamic
 * `import()` loads later; packages are named, not followed). Over a folder of `.ts` and `.tsx`
 * files: every import, static, re-export, type-only and dynamic, and the circles among them (a
 * type-only or a later import ties the files' meaning together all the same).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import ts from 'typescript'

/** How a file names another: each kind counts for the floors and circles; only `static` loads it with the file. */
export type ImportKind = 'static' | 'type' | 'dynamic'

export interface Import {
  specifier: string
  kind: ImportKind
}

const sourceFile = /\.tsx?$/

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
    for (const { specifier } of importsOf(file).filter(({ kind }) => kind === 'static')) {
      if (!specifier.startsWith('.')) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
      else {
        const target = resolveSource(file, specifier)
        if (target) visit(target, file)
      }
    }
  }
  visit(entry)
  return { files, packages, importedBy }
}

/** The `.ts` and `.tsx` files under `folder`, and for each the files under `folder` it imports, in any of the ways. */
export function importsIn(folder: string): Map<string, string[]> {
  const files = sourcesIn(folder)
  const inFolder = new Set(files)
  const edges = new Map<string, string[]>()
  for (const file of files) {
    const targets = importsOf(file)
      .filter(({ specifier }) => specifier.startsWith('.'))
      .map(({ specifier }) => resolveSource(file, specifier))
      .filter((target): target is string => target !== undefined && inFolder.has(target))
    edges.set(file, [...new Set(targets)])
  }
  return edges
}

/** The import circles among the `.ts` and `.tsx` files under `folder`: each as its files, in no particular order. */
export function circlesIn(folder: string): string[][] {
  return circlesOf(importsIn(folder))
}

/** The circles of an import graph (as `importsIn` gives it): each as its files, in no particular order. */
export function circlesOf(edges: Map<string, string[]>): string[][] {
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
  for (const file of edges.keys()) if (!order.has(file)) connect(file)
  return circles
}

/**
 * Everything `file` imports and how: import and export declarations (type-only when the whole
 * clause is), `import('…')` calls with a literal name anywhere in the file, and `typeof
 * import('…')` in types. A computed `import(name)` names nothing the source declares.
 */
export function importsOf(file: string): Import[] {
  const known = parsed.get(file)
  if (known) return known
  // The extension picks the grammar: a `.tsx` file is read with JSX, a `.ts` file with angle-bracket casts.
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const found: Import[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, kind: typeOnlyClause(node.importClause) ? 'type' : 'static' })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, kind: node.isTypeOnly || typeOnlyExports(node.exportClause) ? 'type' : 'static' })
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [name] = node.arguments
      if (name && ts.isStringLiteralLike(name)) found.push({ specifier: name.text, kind: 'dynamic' })
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, kind: 'type' })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  parsed.set(file, found)
  return found
}

// A test process reads each file once: the sources do not change while the tests run.
const parsed = new Map<string, Import[]>()

/** The source file a relative specifier names (written with its extension, or without as the bundler allows), if it is one. */
function resolveSource(importer: string, specifier: string): string | undefined {
  const path = resolve(dirname(importer), specifier.split('?')[0])
  const candidates = sourceFile.test(path) ? [path] : [`${path}.ts`, `${path}.tsx`, join(path, 'index.ts'), join(path, 'index.tsx')]
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
}

function sourcesIn(folder: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) files.push(...sourcesIn(join(folder, entry.name)))
    else if (sourceFile.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(resolve(folder, entry.name))
  }
  return files
}

/** `import type { A }`, or `import { type A, type B }`: nothing of the module is loaded. */
function typeOnlyClause(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return false
  if (clause.isTypeOnly) return true
  const named = clause.namedBindings
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((element) => element.isTypeOnly)
}

/** `export { type A } from`: like its import counterpart. */
function typeOnlyExports(clause: ts.NamedExportBindings | undefined): boolean {
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly)
}
