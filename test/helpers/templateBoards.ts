/**
 * Boards holding templates and Zettel for browser tests whose subject is what a page shows, not
 * how it got there: the records are built here with the product's own functions and reach the
 * board as stored updates through a facilitator's client, before a page loads it.
 * - `templatesSideBySide`: templates laid left to right as a new board lays them
 *   (server/documents/templateBoard.ts), as many as wanted: a new board starts with at most
 *   `maxBoardTemplates`, a page may hold more (the Vorlagen panel adds them one by one).
 * - `zettelInCells`: Zettel put into template cells where a page files them
 *   (shared/results/cellPlacement.ts: the free slot nearest to where each was put, at the
 *   cell's note size), above every shape there, as a participant's note lies.
 * - `writeRecords`: writes them, and returns once another client reads them from the relay.
 */
import { randomBytes } from 'node:crypto'
import type * as Y from 'yjs'
import type { TLParentId, TLShape, TLShapeId } from '@tldraw/tlschema'
import { getIndicesAbove, type IndexKey } from '@tldraw/utils'
import type { CreatedBoard } from '../../shared/api.ts'
import { caseSections } from '../../shared/board/entries/consent.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { cellPlacement } from '../../shared/results/cellPlacement.ts'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import { center, templateGap } from '../../shared/templates/geometry.ts'
import { buildTemplate } from '../../shared/templates/instance.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import type { Locale } from '../../shared/locale.ts'
import type { RelayProcess } from './relay.ts'
import { connectClient, until, whenSynced } from './clients.ts'
import { noteAt, putRecords, recordsIn } from './records.ts'

const randomKey = () => randomBytes(12).toString('base64url')
/** tldraw's own default page, which every new board has. */
const pageId = 'page:page' as TLParentId

export interface TemplateRequest {
  template: TemplateName
  options?: unknown
}

/** The scaffold of these templates side by side on the board's first page, each above the one before: a list of shapes per template. */
export function templatesSideBySide(requests: readonly TemplateRequest[], locale: Locale): TLShape[][] {
  const built: TLShape[][] = []
  let x = 0
  for (const { template, options } of requests) {
    const plan = planTemplate(template, options, locale)
    built.push(
      buildTemplate(plan, {
        locale,
        origin: { x, y: 0 },
        parentId: pageId,
        instance: randomKey(),
        newShapeId: () => `shape:${randomKey()}` as TLShapeId,
        indexAbove: built.at(-1)?.at(-1)?.index ?? null,
      }),
    )
    x += plan.layout.w + templateGap
  }
  return built
}

/** What goes into one cell: the cell's shape on the board, and the Zettel's texts. */
export interface CellWriting {
  cell: TLShape
  texts: readonly string[]
}

/**
 * Zettel put into the middle of their cells one after the other, each filed into a free slot as
 * the page files a note put there (`cellPlacement`), above every shape in `records`.
 */
export function zettelInCells(records: readonly TLShape[], writings: readonly CellWriting[]): TLShape[] {
  const placement = cellPlacement(records)
  // Fractional indices sort as strings, as tldraw sorts them.
  const top = records.reduce<IndexKey | null>((top, r) => (top === null || r.index > top ? r.index : top), null)
  const count = writings.reduce((n, w) => n + w.texts.length, 0)
  const indices = getIndicesAbove(top, count)
  const notes: TLShape[] = []
  for (const { cell, texts } of writings) {
    const { w, h } = cell.props as { w: number; h: number }
    const middle = center({ x: cell.x, y: cell.y, w, h })
    for (const text of texts) {
      const note = placement.place({ ...noteAt(middle.x, middle.y, text, `shape:${randomKey()}` as TLShapeId), index: indices[notes.length]! })
      placement.lay(note)
      notes.push(note)
    }
  }
  return notes
}

/**
 * What a workshop writes first: a long compound, a hyphenated word, short phrases; in the first
 * cell, the second and the smallest. `longWords`: Zettel whose word is longer than a note's line
 * (tldraw sets it smaller to keep it whole).
 */
export const firstZettel: Record<'firstCell' | 'secondCell' | 'smallestCell' | 'longWords', readonly string[]> = {
  firstCell: ['Kinderbetreuungsfrage', 'Arbeit für Eltern', 'Weniger Wege'],
  secondCell: ['Kita-Plätze im Ort'],
  smallestCell: ['Netzwerkkoordination'],
  longWords: ['Kinderbetreuungsfrage', 'Netzwerkkoordination'],
}

/**
 * The cells of one template a workshop writes into first, with `firstZettel`: the first two in
 * reading order, and the smallest. Not a Fallkonferenz's case cells: they stay shut until the
 * facilitator records the confirmations.
 */
export function cellsWrittenFirst(cells: readonly TLShape[]): CellWriting[] {
  const area = (s: TLShape) => (s.props as { w: number; h: number }).w * (s.props as { w: number; h: number }).h
  const open = cells.filter((s) => !caseSections.includes(scaffoldMeta(s)!.key.split(':')[0]!)).sort((a, b) => a.y - b.y || a.x - b.x)
  const smallest = [...open].sort((a, b) => area(a) - area(b))[0]!
  return [
    { cell: open[0]!, texts: firstZettel.firstCell },
    { cell: open[1] ?? open[0]!, texts: firstZettel.secondCell },
    { cell: smallest, texts: firstZettel.smallestCell },
  ]
}

/** The cells of a board's templates, by template, each with its scaffold meta. */
export function cellsOf(records: readonly TLShape[]): Map<string, TLShape[]> {
  const byInstance = new Map<string, TLShape[]>()
  for (const shape of records) {
    const meta = scaffoldMeta(shape)
    if (meta?.kind !== 'cell') continue
    byInstance.set(meta.instance, [...(byInstance.get(meta.instance) ?? []), shape])
  }
  return byInstance
}

/** Something else the facilitator writes beside the records (a facilitation entry), and how another client sees it arrived. */
export interface BoardWrite {
  write(doc: Y.Doc): void
  arrived(doc: Y.Doc): boolean
}

/**
 * Writes records into a board as its facilitator, a template at a time (one update each, as the
 * panel inserts one), and returns once a second client reads the last of them from the relay:
 * the relay has taken them all (a refused one would never arrive).
 */
export async function writeRecords(relay: Pick<RelayProcess, 'wsUrl'>, board: CreatedBoard, batches: readonly (readonly object[])[], also?: BoardWrite): Promise<void> {
  const writer = connectClient(relay, board.id, undefined, { token: board.access.facilitator })
  try {
    await whenSynced(writer)
    for (const batch of batches) putRecords(writer.doc, [...batch])
    also?.write(writer.doc)
    const ids = new Set(batches.flat().map((r) => (r as { id: string }).id))
    const check = connectClient(relay, board.id, undefined, { token: board.access.facilitator })
    try {
      await whenSynced(check)
      await until(check.doc, () => {
        const there = new Set(recordsIn<{ id: string }>(check.doc).map((r) => r.id))
        return [...ids].every((id) => there.has(id)) && (also?.arrived(check.doc) ?? true)
      })
    } finally {
      check.destroy()
    }
  } finally {
    writer.destroy()
  }
}
