/**
 * Room in a template cell for as many notes as a button writes there (everyone present into a
 * Protokoll's "Anwesende"): the cell grows by its template's grow action until its slots hold
 * them all, and the notes already in it flow with the new ones through the slots in reading
 * order. Seven names used to go into a cell of four slots, three lying exactly on three others.
 */
import { type Editor, type TLNoteShape, type TLShape, type TLShapeId } from 'tldraw'
import { GrowRefused } from '../../shared/templates/instance.ts'
import { createNoteAt, notesInCell, slotsIn, writeIntoCell, type NewNote } from './cellNotes.ts'
import { findPageInstance, planGrowth } from './growTemplate.ts'

/**
 * Grows the instance by `actionId` until the cell has `count` slots or the template is at its
 * limit; returns the cell as it is then. Call inside `editor.run(…, { ignoreShapeLock: true })`.
 */
export function growCellFor(editor: Editor, instanceId: string, cellKey: string, actionId: string, count: number): TLShape | undefined {
  for (;;) {
    const instance = findPageInstance(editor, instanceId)
    const cell = instance?.shapes.get(cellKey)
    if (!instance || !cell) return undefined
    if ((slotsIn(editor, cell)?.boxes.length ?? Infinity) >= count) return cell
    try {
      const { create, update } = planGrowth(editor, instance, actionId)
      editor.createShapes(create)
      editor.updateShapes(update)
    } catch (error) {
      if (error instanceof GrowRefused) return cell
      throw error
    }
  }
}

/**
 * Writes the notes into the cell after the ones lying there, each note of the cell in a slot of
 * its own, in reading order, at the slots' size. Where the slots are too few, the new notes go
 * where `writeIntoCell` puts them. Returns the new notes' ids.
 */
export function flowIntoCell(editor: Editor, cell: TLShape, notes: NewNote[]): TLShapeId[] {
  const slots = slotsIn(editor, cell)
  const present = notesInCell(editor, cell).sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)
  if (!slots || present.length + notes.length > slots.boxes.length) return writeIntoCell(editor, cell, notes)
  present.forEach(({ note }, i) => {
    const at = editor.getPointInParentSpace(note, slots.boxes[i])
    editor.updateShape<TLNoteShape>({ id: note.id, type: 'note', x: at.x, y: at.y, props: { scale: slots.scale } })
  })
  return notes.map((note, i) => createNoteAt(editor, slots.boxes[present.length + i], slots.scale, note))
}
