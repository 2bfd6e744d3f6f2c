/** „Frühere Fassung zurückholen“: the author of a Zettel brings back the text it had before its last change (`earlierTexts.ts`). */
import { TldrawUiMenuGroup, TldrawUiMenuItem, useEditor, type TLNoteShape, type TLRichText } from 'tldraw'
import { authorOf } from '../../shared/board/declaration.ts'
import { t } from '../locale.ts'
import { useOpenBoard } from './boardContext.ts'
import { earlierTextsOf } from './earlierTexts.ts'

export function EarlierTextMenuItem() {
  const editor = useEditor()
  const session = useOpenBoard()
  const [only] = editor.getSelectedShapes()
  const note = editor.getSelectedShapeIds().length === 1 && only?.type === 'note' && authorOf(only) === session.author ? (only as TLNoteShape) : undefined
  const earlier = note && earlierTextsOf(editor)
  if (!note || !earlier || earlier.latest(note.id) === undefined) return null
  return (
    <TldrawUiMenuGroup id="nws-earlier-text">
      <TldrawUiMenuItem
        id="nws-earlier-text"
        label={t.earlierText}
        readonlyOk={false}
        onSelect={() => {
          const text = earlier.take(note.id)
          if (text === undefined) return
          editor.markHistoryStoppingPoint('bringing back an earlier text')
          editor.updateShape<TLNoteShape>({ id: note.id, type: 'note', props: { richText: text as TLRichText } })
        }}
      />
    </TldrawUiMenuGroup>
  )
}
