/**
 * A Zettel written without the canvas (the list „Beitragen“, an import) arrives with tldraw's
 * default size: a note grown for its text and a long word set smaller are what tldraw works out
 * when its own editor writes a note (it measures the text), and no other path can. So a canvas
 * that sees such a note arrive gives it the size tldraw would have given it, as if it had been
 * written here: otherwise a long Zettel spills out of its note and a long word is broken.
 *
 * Only the facilitator's canvas and the author's own do it: they may change the note under any
 * protection, and twenty canvases in a room writing the same size would be nineteen writes too many.
 */
import type { Editor, TLNoteShape, TLShape, TLShapeId } from 'tldraw'
import { authorMetaKey } from '../../shared/board/declaration.ts'

const isNote = (shape: TLShape): shape is TLNoteShape => shape.type === 'note'

export function sizeArrivedNotes(editor: Editor, mayResize: (author: unknown) => boolean): () => void {
  const arrived = new Set<TLShapeId>()
  let queued = false
  const take = (shape: TLShape, source: 'user' | 'remote') => {
    if (source !== 'remote' || !isNote(shape) || !mayResize(shape.meta[authorMetaKey])) return
    arrived.add(shape.id)
    if (queued) return
    queued = true
    // After the remote change is merged: the store is not written from within it.
    queueMicrotask(() => {
      queued = false
      const ids = [...arrived]
      arrived.clear()
      void resize(editor, ids)
    })
  }
  // What arrived while neither canvas was open: measured once, after the board has opened.
  const opening = setTimeout(() => {
    const unmeasured = editor
      .getCurrentPageShapes()
      .filter((shape): shape is TLNoteShape => isNote(shape) && mayBeUnmeasured(editor, shape) && mayResize(shape.meta[authorMetaKey]))
    void resize(editor, unmeasured.map((note) => note.id))
  }, 0)
  const stopCreated = editor.sideEffects.registerAfterCreateHandler('shape', take)
  const stopChanged = editor.sideEffects.registerAfterChangeHandler('shape', (prev, next, source) => {
    if (isNote(prev) && isNote(next) && prev.props.richText === next.props.richText) return
    take(next, source)
  })
  return () => {
    clearTimeout(opening)
    stopCreated()
    stopChanged()
  }
}

/**
 * A note with tldraw's default size whose text might need another: long, or with a long word.
 * (Measuring every note of a large board as it opens would hold the canvas up.)
 */
function mayBeUnmeasured(editor: Editor, note: TLNoteShape): boolean {
  if (note.props.growY !== 0 || note.props.fontSizeAdjustment !== 1) return false
  const text = editor.getShapeUtil(note).getText(note) ?? ''
  return text.length > 40 || text.split(/\s+/).some((word) => word.length > 11)
}

async function resize(editor: Editor, ids: TLShapeId[]) {
  if (ids.length === 0) return
  // Measured in a stand-in font (the note's not yet loaded for its characters), the size would be
  // wrong for good: tldraw's own face and the page's subsets (fontSubset.ts) both name the family.
  const loads = ids.flatMap((id) => {
    const note = editor.getShape(id)
    if (!note) return []
    const text = editor.getShapeUtil(note).getText(note) ?? ''
    return editor.fonts.getShapeFontFaces(id).flatMap((face) => [
      editor.fonts.ensureFontIsLoaded(face),
      document.fonts.load(`${face.weight ?? 'normal'} 1em "${face.family}"`, text),
    ])
  })
  await Promise.all(loads.map((load) => load.catch(() => undefined)))
  if (editor.isDisposed) return
  const util = editor.getShapeUtil<TLNoteShape>('note')
  const updates = ids.flatMap((id) => {
    const note = editor.getShape(id)
    if (!note || !isNote(note) || note.isLocked) return []
    // tldraw's own rule for a note being created: its size for its text, or nothing to change. On
    // a copy: tldraw keeps a measure per record, and this one may have been measured while drawn
    // before its font had loaded.
    const sized = util.onBeforeCreate?.({ ...note })
    if (!sized || (sized.props.growY === note.props.growY && sized.props.fontSizeAdjustment === note.props.fontSizeAdjustment)) return []
    return [{ id, type: 'note' as const, props: { growY: sized.props.growY, fontSizeAdjustment: sized.props.fontSizeAdjustment } }]
  })
  if (updates.length > 0) editor.run(() => editor.updateShapes(updates), { history: 'ignore' })
}
