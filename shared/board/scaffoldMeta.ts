/**
 * The scaffold meta: what marks a shape as part of a template (`meta.netzwerkstatt`), and reading
 * it off plain tldraw records. Part of the board's contract, below the templates: the relay
 * judges scaffold rights with it and loads no template.
 */
import type { TLShape } from '@tldraw/tlschema'
import type { Locale } from '../locale.ts'
import { maxShapeDepth } from './shapeTree.ts'

/** The kinds of scaffold shape a template lays out (`templates/model.ts` declares their blocks). */
export type ScaffoldKind = 'title' | 'header' | 'prompt' | 'cell' | 'card'

/**
 * Where a cell sits in its template, and the words to name it in an export. Rows and columns
 * are optional: a list section has only rows (or only one cell), a table has both.
 */
export interface CellRef {
  section: string
  sectionTitle: string
  /** Heading of the export's first column, naming what the rows are (Beteiligte, Gruppe…). */
  rowsTitle?: string
  row?: string
  rowLabel?: string
  col?: string
  colLabel?: string
}

/** The meta every scaffold shape carries under `meta.netzwerkstatt`. */
export interface ScaffoldMeta {
  template: string
  instance: string
  key: string
  kind: ScaffoldKind
  /** Only on the title: what the template was generated from. */
  options?: unknown
  locale?: Locale
  cell?: CellRef
  /** Only on cards: what the card stands for (e.g. `start`, `end`, `case`). */
  role?: string
}

export const metaKey = 'netzwerkstatt'

export function scaffoldMeta(shape: TLShape): ScaffoldMeta | undefined {
  const meta = (shape.meta as Record<string, unknown> | undefined)?.[metaKey]
  if (!meta || typeof meta !== 'object') return undefined
  const m = meta as Partial<ScaffoldMeta>
  return typeof m.instance === 'string' && typeof m.key === 'string' && typeof m.template === 'string'
    ? (m as ScaffoldMeta)
    : undefined
}

/** True for a template's own shapes (titles, headers, cells, cards), never participants' notes. */
export const isScaffold = (shape: TLShape) => scaffoldMeta(shape) !== undefined

/** The page a shape lies on, through groups and frames. */
export function pageOf(shape: TLShape, shapes: ReadonlyMap<string, TLShape>): string {
  let parentId: string = shape.parentId
  // Bounded: a corrupt parent cycle must not hang an export.
  for (let depth = 0; depth < maxShapeDepth; depth++) {
    const parent = shapes.get(parentId)
    if (!parent) break
    parentId = parent.parentId
  }
  return parentId
}

/** A board's shapes grouped by the page they lie on (`pageOf`). */
export function shapesByPage(shapes: ReadonlyMap<string, TLShape>): Map<string, TLShape[]> {
  const byPage = new Map<string, TLShape[]>()
  for (const shape of shapes.values()) {
    const page = pageOf(shape, shapes)
    const onPage = byPage.get(page)
    if (onPage) onPage.push(shape)
    else byPage.set(page, [shape])
  }
  return byPage
}
