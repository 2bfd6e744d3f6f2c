/**
 * Double-clicking inside a template cell is how most people start writing there. tldraw makes a
 * free text shape at the pointer, which grows to the right across the column's border and looks
 * like something written in the next column. Inside a cell a double-click makes a note (Zettel)
 * instead: in the cell's free slot nearest the pointer, at the cell's note size, ready to type
 * into, as if it had been placed there with the note tool. Outside cells tldraw's text stays.
 * A double-click on a Zettel whose words are protected (`board/wordsKeeper.ts`) arrives here too:
 * it writes a new Zettel, in the cell or beside that one, and leaves the other's words alone.
 */
import {
  SelectTool,
  createShapeId,
  startEditingShapeWithRichText,
  type Editor,
  type StateNode,
  type TLClickEventInfo,
  type TLNoteShape,
  type TLShapeId,
  type TLStateNodeConstructor,
} from 'tldraw'
import { placeInSlots } from '../../shared/templates/noteSlots.ts'
import { cellAt, notesInCell, slotsIn } from './cellNotes.ts'
import { besideNote } from '../board/wordsKeeper.ts'

/** Writes an empty note into the cell at the pointer and starts editing it; undefined outside cells. */
export function startNoteInCell(editor: Editor, info: TLClickEventInfo): TLShapeId | undefined {
  if (editor.getIsReadonly()) return undefined
  const point = editor.inputs.getCurrentPagePoint()
  const cell = cellAt(editor, point)
  const cellBox = cell && editor.getShapePageBounds(cell)
  if (!cell || !cellBox) return undefined
  const slots = slotsIn(editor, cell, cellBox)!
  const place = placeInSlots(slots, { x: point.x, y: point.y, w: 0, h: 0 }, notesInCell(editor, cell).map(({ box }) => box))
  editor.markHistoryStoppingPoint('writing a note into a cell')
  const id = createShapeId()
  editor.createShape<TLNoteShape>({ id, type: 'note', x: place.x, y: place.y, props: { scale: place.scale } })
  // Refused (the board's rules, its shape limit): nothing to write into.
  if (!editor.getShape(id)) return undefined
  editor.select(id)
  startEditingShapeWithRichText(editor, id, { info })
  return id
}

/** Writes an empty note to the right of `note` and starts editing it. */
function startNoteBeside(editor: Editor, note: TLNoteShape, info: TLClickEventInfo): TLShapeId | undefined {
  if (editor.getIsReadonly()) return undefined
  const at = besideNote(editor, note)
  if (!at) return undefined
  editor.markHistoryStoppingPoint('writing a note beside another')
  const id = createShapeId()
  editor.createShape<TLNoteShape>({ id, type: 'note', parentId: note.parentId, ...at, props: { scale: note.props.scale } })
  if (!editor.getShape(id)) return undefined
  editor.select(id)
  startEditingShapeWithRichText(editor, id, { info })
  return id
}

/**
 * A double-click starts editing on the second press's pointer-down. The browser sends that press's
 * mousedown only afterwards, once the new text box has taken the focus, and its default action
 * focuses the canvas: letters typed in that moment were lost ("ooperationsvereinbarung"). The
 * press's own mousedown keeps the focus where it is; the guard ends with the press.
 */
function keepFocusFromNextMouseDown(editor: Editor) {
  const doc = editor.getContainer().ownerDocument
  const keep = (event: MouseEvent) => event.preventDefault()
  const stop = () => {
    doc.removeEventListener('mousedown', keep, true)
    doc.removeEventListener('pointerup', stop, true)
  }
  doc.addEventListener('mousedown', keep, true)
  doc.addEventListener('pointerup', stop, true)
}

type IdleState = StateNode & { handleDoubleClickOnCanvas(info: TLClickEventInfo): void }

/** tldraw's select tool, whose idle state writes a note on a double-click inside a cell. */
export class SelectToolWritingNotesInCells extends SelectTool {
  static override children(): TLStateNodeConstructor[] {
    return SelectTool.children().map((State) => (State.id === 'idle' ? writingNotesInCells(State) : State))
  }
}

function writingNotesInCells(Idle: TLStateNodeConstructor): TLStateNodeConstructor {
  const Base = Idle as unknown as new (editor: Editor, parent?: StateNode) => IdleState
  class IdleWritingNotesInCells extends Base {
    override handleDoubleClickOnCanvas(info: TLClickEventInfo) {
      keepFocusFromNextMouseDown(this.editor)
      if (startNoteInCell(this.editor, info)) return
      const onNote = info.target === 'shape' && this.editor.isShapeOfType<TLNoteShape>(info.shape, 'note') ? info.shape : undefined
      if (!onNote || !startNoteBeside(this.editor, onNote, info)) super.handleDoubleClickOnCanvas(info)
    }
  }
  return IdleWritingNotesInCells as unknown as TLStateNodeConstructor
}
