import { afterEach, describe, expect, it } from 'vitest'
import { Editor as TextEditor } from '@tiptap/core'
import { history } from '@tiptap/pm/history'
import { tipTapDefaultExtensions, toRichText } from 'tldraw'
import { mergedContent } from '../../client/board/textEditorContent.ts'

const editors: TextEditor[] = []
afterEach(() => editors.splice(0).forEach((e) => e.destroy()))

/** The canvas's text editor as tldraw builds it (headless), with ours added. */
function openEditor(text: string): TextEditor {
  const editor = new TextEditor({
    element: null,
    extensions: [...tipTapDefaultExtensions, mergedContent],
    enableCoreExtensions: { textDirection: false },
    content: toRichText(text) as never,
  })
  editors.push(editor)
  // Headless, TipTap adds its extensions' plugins only when mounted: StarterKit's undo history by hand.
  editor.registerPlugin(history())
  return editor
}
/** Typing at the caret (as keystrokes reach ProseMirror). */
const type = (editor: TextEditor, text: string) => editor.commands.command(({ tr }) => (tr.insertText(text), true))
const beforeCaret = (editor: TextEditor) => editor.state.doc.textBetween(0, editor.state.selection.from, '\n')

describe('the canvas text editor, when the Zettel changes under it', () => {
  it('keeps the caret after the same character when others’ words arrive before and after it', () => {
    const editor = openEditor('Treffen im Jugendamt')
    editor.commands.setTextSelection(1 + 'Treffen'.length)
    // tldraw's RichTextArea, when the shape's text is no longer what the editor last wrote.
    editor.commands.setContent(toRichText('Heute: Treffen im Jugendamt (nur mit Bildungsträger)') as never)
    expect(editor.state.doc.textContent).toBe('Heute: Treffen im Jugendamt (nur mit Bildungsträger)')
    expect(beforeCaret(editor)).toBe('Heute: Treffen')
  })

  it('keeps the caret in its paragraph when paragraphs arrive above and below it', () => {
    const editor = openEditor('Erstens\nZweitens')
    editor.commands.setTextSelection(1 + 'Erstens'.length)
    editor.commands.setContent(toRichText('Vorweg\nErstens\nZweitens\nDrittens') as never)
    expect(beforeCaret(editor)).toBe('Vorweg\nErstens')
    type(editor, '!')
    expect(editor.getText({ blockSeparator: '\n' })).toBe('Vorweg\nErstens!\nZweitens\nDrittens')
  })

  it('takes back one’s own typing with Ctrl+Z, not the words that arrived meanwhile', () => {
    const editor = openEditor('Treffen im Jugendamt')
    editor.commands.setTextSelection(editor.state.doc.content.size - 1)
    type(editor, ' am Dienstag')
    editor.commands.setContent(toRichText('Heute: Treffen im Jugendamt am Dienstag') as never)
    editor.commands.undo()
    expect(editor.state.doc.textContent).toBe('Heute: Treffen im Jugendamt')
    editor.commands.redo()
    expect(editor.state.doc.textContent).toBe('Heute: Treffen im Jugendamt am Dienstag')
  })
})
