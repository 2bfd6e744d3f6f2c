/**
 * Nothing a participant wrote is replaced by accident. tldraw opens a note to edit with all its
 * text selected, so the next keystrokes overwrote it (a double-click meant for the free part of
 * a cell lands on a Zettel often enough); here the caret goes to the end instead. And a note
 * whose words are protected (someone else's, while "Zettel anderer schützen" is on) does not
 * open to edit at all: tldraw then treats the double-click as one on the canvas, which writes a
 * new Zettel (`templates/noteOnDoubleClick.ts`).
 */
import { NoteShapeUtil, react, type Editor, type TLNoteShape } from 'tldraw'
import { mayChangeWords } from './boardRights.ts'

/** tldraw's note, opened to edit only by those who may change its words. */
export class NoteKeepingWords extends NoteShapeUtil {
  override canEdit(shape: TLNoteShape) {
    return super.canEdit(shape) && mayChangeWords(this.editor.store, shape)
  }
}

/** Puts the caret at the end of every text opened to edit; returns the stopper. */
export function caretToEndOnEdit(editor: Editor): () => void {
  return react('caret to the end of an opened text', () => {
    const textEditor = editor.getRichTextEditor()
    if (!textEditor) return
    // tldraw selects all right after it hands over the text editor, in the same task.
    queueMicrotask(() => {
      if (editor.getRichTextEditor() !== textEditor || textEditor.isDestroyed) return
      if (!textEditor.state.selection.empty) textEditor.commands.focus('end')
    })
  })
}
