/**
 * A note someone drops into a template cell – dragged there, or written there with the note tool
 * or as a service card – takes a slot of its own in that cell at the cell's note size
 * (shared/templates/noteSlots.ts): it covers no other note and stays inside the cell, where the
 * export looks for it.
 *
 * Only the notes a person has just moved or written move, in that person's own client, once the
 * gesture or the editing ends: nobody's client rearranges somebody else's notes (the relay would
 * refuse it where notes are protected), and what happens while the editor is idle – undo, redo,
 * paste, growing a template – leaves positions as they are.
 */
import { react, type Editor, type TLNoteShape, type TLShape, type TLShapeId } from 'tldraw'
import { center, contains, type Box } from '../../shared/templates/geometry.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { placeInSlots } from '../../shared/templates/noteSlots.ts'
import { slotsIn } from './cellNotes.ts'

const isNote = (shape: TLShape): shape is TLNoteShape => shape.type === 'note'

export function arrangeNotesInCells(editor: Editor): () => void {
  const touched = new Set<TLShapeId>()
  // Side effects run as the change happens; store listeners only on the next frame, when the
  // editor may have left (or reached) idle since, and would mistake this pass's own placing, or a
  // nudge, for a gesture.
  const touch = (shape: TLShape, source: 'user' | 'remote') => {
    if (source === 'user' && shape.type === 'note' && !editor.isIn('select.idle')) touched.add(shape.id)
  }
  const stopCreated = editor.sideEffects.registerAfterCreateHandler('shape', touch)
  const stopChanged = editor.sideEffects.registerAfterChangeHandler('shape', (_prev, next, source) => touch(next, source))
  const stopReacting = react('notes into cell slots', () => {
    if (!editor.isIn('select.idle') || touched.size === 0) return
    const ids = [...touched]
    touched.clear()
    // Outside the reaction: placing writes to the store.
    queueMicrotask(() => placeInCells(editor, ids))
  })
  return () => {
    stopCreated()
    stopChanged()
    stopReacting()
  }
}

function placeInCells(editor: Editor, ids: TLShapeId[]) {
  const pageId = editor.getCurrentPageId()
  const onPage = editor.getCurrentPageShapes().filter((s) => s.parentId === pageId)
  const boxOf = (shape: TLShape): Box => editor.getShapePageBounds(shape)!
  const cells = onPage.filter((s) => scaffoldMeta(s)?.kind === 'cell').map((shape) => ({ shape, box: boxOf(shape) }))
  // Where notes are now, including the ones this pass has just placed.
  const notes = new Map(onPage.filter(isNote).map((note) => [note.id, boxOf(note)]))
  for (const id of ids) {
    const note = editor.getShape(id)
    const box = notes.get(id)
    if (!note || !box || !isNote(note) || note.isLocked) continue
    // The smallest cell wins where cells nest, as in the export.
    const cell = cells
      .filter((c) => contains(c.box, center(box)))
      .sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]
    if (!cell) continue
    const inCell = (b: Box) => contains(cell.box, center(b))
    const slots = slotsIn(editor, cell.shape, cell.box)!
    const others = [...notes].filter(([other, b]) => other !== id && inCell(b)).map(([, b]) => b)
    const place = placeInSlots(slots, box, others)
    if (Math.abs(place.x - box.x) < 0.5 && Math.abs(place.y - box.y) < 0.5 && place.scale === note.props.scale) continue
    editor.updateShape<TLNoteShape>({ id, type: 'note', x: place.x, y: place.y, props: { scale: place.scale } })
    notes.set(id, boxOf(editor.getShape(id)!))
  }
}
