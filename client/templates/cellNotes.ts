/**
 * Notes written into a template cell by a button rather than by hand (the people present into a
 * Protokoll, notes carried over from another template): each takes a free slot of the cell, in
 * reading order, as a note put there by hand would.
 */
import { createShapeId, toRichText, type Editor, type JsonObject, type TLNoteShape, type TLParentId, type TLShape, type TLShapeId } from 'tldraw'
import { center, contains, type Box, type Point } from '../../shared/templates/geometry.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { cellSlots, placeInSlots, type Slots } from '../../shared/templates/noteSlots.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { legibleScaleIn } from './legibleNotes.ts'

export interface NewNote {
  text: string
  /** Kept on the note, e.g. where it was carried from. */
  meta?: JsonObject
}

/** The template cell on the current page at this page point; the smallest where cells nest, as in the export. */
export function cellAt(editor: Editor, point: Point): TLShape | undefined {
  const pageId = editor.getCurrentPageId()
  return editor
    .getCurrentPageShapes()
    .filter((s) => s.parentId === pageId && scaffoldMeta(s)?.kind === 'cell')
    .map((shape) => ({ shape, box: editor.getShapePageBounds(shape)! }))
    .filter(({ box }) => contains(box, point))
    .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]?.shape
}

/**
 * The shapes on the page a shape lies on: the current page's, or another's when notes are carried
 * to a template on another page of the board.
 */
export function shapesOnPageOf(editor: Editor, shape: TLShape): TLShape[] {
  const pageId = editor.getAncestorPageId(shape)
  if (!pageId || pageId === editor.getCurrentPageId()) return editor.getCurrentPageShapes()
  return [...editor.getPageShapeIds(pageId)].flatMap((id) => editor.getShape(id) ?? [])
}

/** The notes lying in a cell now, with their page boxes. */
export function notesInCell(editor: Editor, cell: TLShape): { note: TLNoteShape; box: Box }[] {
  const cellBox = editor.getShapePageBounds(cell)
  if (!cellBox) return []
  return shapesOnPageOf(editor, cell)
    .filter((s): s is TLNoteShape => s.type === 'note')
    .map((note) => ({ note, box: editor.getShapePageBounds(note)! }))
    .filter(({ box }) => contains(cellBox, center(box)))
}

/**
 * The cell's slots for notes, however a note gets there (by hand, by double-click, by a button):
 * at the note size readable on the projector, around the cards lying in the cell.
 */
export function slotsIn(editor: Editor, cell: TLShape, cellBox: Box | undefined = editor.getShapePageBounds(cell)): Slots | undefined {
  if (!cellBox) return undefined
  const cards = shapesOnPageOf(editor, cell)
    .filter((s) => s.parentId === cell.parentId && scaffoldMeta(s)?.kind === 'card')
    .flatMap((card) => editor.getShapePageBounds(card) ?? [])
    .filter((box) => contains(cellBox, center(box)))
  return cellSlots(cellBox, plainText((cell.props as { richText?: unknown }).richText), legibleScaleIn(editor, cell), cards)
}

/** Creates a note with this text at a page point (of the current page, or of `page`); returns its id. */
export function createNoteAt(editor: Editor, at: Point, scale: number, { text, meta }: NewNote, page?: TLParentId): TLShapeId {
  const id = createShapeId()
  editor.createShape<TLNoteShape>({
    id,
    type: 'note',
    x: at.x,
    y: at.y,
    ...(page ? { parentId: page } : {}),
    props: { richText: toRichText(text), scale },
    ...(meta ? { meta } : {}),
  })
  return id
}

/** Writes the notes into the cell; returns their ids. The caller marks the undo step, once for all cells it writes. */
export function writeIntoCell(editor: Editor, cell: TLShape, notes: NewNote[]): TLShapeId[] {
  const cellBox = editor.getShapePageBounds(cell)
  if (!cellBox || notes.length === 0) return []
  const slots = slotsIn(editor, cell, cellBox)!
  const taken = notesInCell(editor, cell).map(({ box }) => box)
  const corner: Box = { x: cellBox.x, y: cellBox.y, w: 0, h: 0 }
  const ids: TLShapeId[] = []
  for (const { text, meta } of notes) {
    const place = placeInSlots(slots, corner, taken)
    const id = createNoteAt(editor, place, place.scale, { text, meta }, editor.getAncestorPageId(cell))
    taken.push({ x: place.x, y: place.y, w: 200 * place.scale, h: 200 * place.scale })
    ids.push(id)
  }
  return ids
}
