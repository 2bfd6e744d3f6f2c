/**
 * Notes laid into the free slots of the template cells they were put in, from the board's records
 * alone (no editor). The relay needs it for the notes of a round of private writing: each writer's
 * browser saw only its own notes and put each into the free slot nearest the pointer, so several
 * chose the same one, and at the reveal they would lie stacked on one spot.
 *
 * The rules are the client's (client/templates/cellNotes.ts, notesInCells.ts): the smallest cell
 * on the note's page that its centre lies in, the cell's slots at the note size readable on the
 * projector around the cards lying in it (noteSlots.ts), and the free slot nearest to where the
 * note was put, given the notes in the cell and those laid before it. A note outside every cell
 * keeps its place.
 */
import type { TLShape } from '@tldraw/tlschema'
import { pageOf, scaffoldMeta } from '../board/scaffoldMeta.ts'
import { findKnownInstances } from '../templates/knownTemplates.ts'
import { center, contains, type Box } from '../templates/geometry.ts'
import type { Instance } from '../templates/instance.ts'
import { legibleScaleOf } from '../templates/instanceParts.ts'
import { cellSlots, placeInSlots, type Slots } from '../templates/noteSlots.ts'
import { plainText } from '../templates/richText.ts'
import { exportedRecords } from '../board/shapeTree.ts'
import { placedCell } from './pageParts.ts'
import { recordBounds } from '../board/shapeBounds.ts'

/** A note as stored: a tldraw record, or JSON a browser sent. */
type NoteRecord = object

export interface CellPlacement {
  /** `note` moved into a free slot of the cell its centre lies in, at the cell's note size; as it is outside cells. */
  place<N extends NoteRecord>(note: N): N
  /** `note` lies on the board now: notes placed after it leave its spot free. */
  lay(note: NoteRecord): void
}

interface Cell {
  shape: TLShape
  box: Box
  /** Computed when a note first lands in the cell. */
  slots?: Slots
  /** The notes lying in the cell by id, once asked for; kept up to date by `lay`. */
  notes?: Map<string, Box>
}

export function cellPlacement(records: Iterable<unknown>): CellPlacement {
  // Shapes whose parents reach a page: no walk below meets a parent cycle.
  const shapes = new Map<string, TLShape>()
  for (const record of exportedRecords(records)) {
    const shape = record as TLShape
    if (shape.typeName === 'shape') shapes.set(shape.id, shape)
  }
  const onPage = new Map<string, TLShape[]>()
  for (const shape of shapes.values()) {
    const page = pageOf(shape, shapes)
    const list = onPage.get(page)
    if (list) list.push(shape)
    else onPage.set(page, [shape])
  }
  const pageOfNote = (note: TLShape) => pageOf(note, shapes)
  const boxOf = (shape: TLShape) => recordBounds(shape, shapes)

  // Per page, on first use: its cells (on the page itself, or in the frame of a group's returned copy), notes and templates.
  const cellsOn = new Map<string, Cell[]>()
  const cellsOf = (page: string): Cell[] => {
    let cells = cellsOn.get(page)
    if (!cells) {
      cells = (onPage.get(page) ?? []).flatMap((shape) => {
        const box = placedCell(shape, page, shapes) ? boxOf(shape) : undefined
        return box ? [{ shape, box }] : []
      })
      cellsOn.set(page, cells)
    }
    return cells
  }
  const notesOn = new Map<string, Map<string, Box>>()
  const notesOf = (page: string): Map<string, Box> => {
    let notes = notesOn.get(page)
    if (!notes) {
      notes = new Map()
      for (const shape of onPage.get(page) ?? []) {
        const box = shape.type === 'note' ? boxOf(shape) : undefined
        if (box) notes.set(shape.id, box)
      }
      notesOn.set(page, notes)
    }
    return notes
  }
  const instancesOn = new Map<string, Instance[]>()
  const instancesOf = (page: string) => instancesOn.get(page) ?? instancesOn.set(page, findKnownInstances(onPage.get(page) ?? [])).get(page)!

  const notesIn = (cell: Cell, page: string) =>
    (cell.notes ??= new Map([...notesOf(page)].filter(([, box]) => contains(cell.box, center(box)))))
  const slotsOf = (cell: Cell, page: string): Slots => {
    if (cell.slots) return cell.slots
    const meta = scaffoldMeta(cell.shape)!
    const instance = instancesOf(page).find((i) => i.instance === meta.instance)
    const cards = (onPage.get(page) ?? [])
      .filter((s) => s.parentId === cell.shape.parentId && scaffoldMeta(s)?.kind === 'card')
      .flatMap((card) => boxOf(card) ?? [])
      .filter((box) => contains(cell.box, center(box)))
    const label = plainText((cell.shape.props as { richText?: unknown }).richText)
    return (cell.slots = cellSlots(cell.box, label, instance ? legibleScaleOf(instance, meta.key) : 1, cards))
  }
  /** The smallest cell on the page holding `point`, as in the export, where cells nest. */
  const cellAt = (page: string, point: { x: number; y: number }) =>
    cellsOf(page)
      .filter((cell) => contains(cell.box, point))
      .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]

  /** A note's page box; none for anything else, or a record too broken to have one (a stored note is judged after it is placed). */
  const noteBox = (shape: TLShape) =>
    shape.type === 'note' && typeof shape.x === 'number' && typeof shape.y === 'number' && typeof shape.props === 'object' && shape.props !== null
      ? boxOf(shape)
      : undefined

  return {
    place(note) {
      const shape = note as unknown as TLShape
      const box = noteBox(shape)
      if (!box) return note
      const page = pageOfNote(shape)
      const cell = cellAt(page, center(box))
      if (!cell) return note
      const others = [...notesIn(cell, page)].filter(([id]) => id !== shape.id).map(([, other]) => other)
      const place = placeInSlots(slotsOf(cell, page), box, others)
      // The slot is a page point; the note's x and y are its parent's (the page's, or a frame's).
      return { ...note, x: shape.x + place.x - box.x, y: shape.y + place.y - box.y, props: { ...(shape.props as object), scale: place.scale } }
    },
    lay(note) {
      const shape = note as unknown as TLShape
      const box = noteBox(shape)
      if (!box) return
      const page = pageOfNote(shape)
      notesOf(page).set(shape.id, box)
      for (const cell of cellsOf(page)) if (cell.notes && contains(cell.box, center(box))) cell.notes.set(shape.id, box)
    },
  }
}
