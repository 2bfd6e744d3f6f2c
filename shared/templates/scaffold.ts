/**
 * Reading template structure off plain tldraw records. Depends on no template module, so that
 * templates, the registry and the instance logic can all import it without an import cycle.
 */
import type { TLShape } from '@tldraw/tlschema'
import { metaKey, type ScaffoldMeta } from './model.ts'
import { maxShapeDepth } from '../shapeTree.ts'

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
