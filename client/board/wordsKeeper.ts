/**
 * Nothing a participant wrote is replaced by accident. tldraw opens a note to edit with all its
 * text selected, so the next keystrokes overwrote it (a double-click meant for the free part of
 * a cell lands on a Zettel often enough); here the caret goes to the end instead. And a note
 * whose words are protected (someone else's, while "Zettel anderer schützen" is on) does not
 * open to edit at all: tldraw then treats the double-click as one on the canvas, which writes a
 * new Zettel (`templates/noteOnDoubleClick.ts`). Two people changing one Zettel's text unseen
 * (offline, or at once) both keep their words: the browser whose text Yjs dropped writes it as a
 * Zettel of its own beside the other (`sync/overwrittenTexts.ts`) and says so.
 */
import { NoteShapeUtil, react, type Editor, type TLNoteShape, type TLRichText, type TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { watchOverwrittenTexts } from '../sync/overwrittenTexts.ts'
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

/** Gap between a Zettel and one written beside it, at the Zettel's scale, as tldraw leaves between adjacent notes. */
const besideGap = 20

/** Where a Zettel written beside `note` goes, in its parent's coordinates: to its right, same top. */
export function besideNote(editor: Editor, note: TLNoteShape): { x: number; y: number } | undefined {
  const box = editor.getShapeGeometry(note).bounds
  return box && { x: note.x + box.w + besideGap * note.props.scale, y: note.y }
}

/** Keeps this browser's text of a Zettel that another writer replaced unseen, as a Zettel beside it; returns the stopper. */
export function keepOverwrittenWords(editor: Editor, doc: Y.Doc, ownClients: () => ReadonlySet<number>, onKept: () => void): () => void {
  return watchOverwrittenTexts(doc, ownClients, ({ id, richText }) => {
    // Once the record bridge has put the other text into the store.
    queueMicrotask(() => {
      const note = editor.getShape<TLNoteShape>(id as TLShapeId)
      const at = note && besideNote(editor, note)
      if (!note || !at) return
      editor.createShape<TLNoteShape>({
        type: 'note',
        parentId: note.parentId,
        ...at,
        props: { color: note.props.color, scale: note.props.scale, richText: richText as TLRichText },
      })
      onKept()
    })
  })
}
