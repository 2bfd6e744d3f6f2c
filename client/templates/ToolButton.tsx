/** A template tool's button: runs on the editor and reports what it did in the instance's status line. */
import { useEditor, type Editor } from 'tldraw'

export function ToolButton(props: { action: string; label: string; run(editor: Editor): string; report(message: string): void }) {
  const editor = useEditor()
  return (
    <button
      type="button"
      className="nws-button nws-button--secondary nws-button--small"
      data-action={props.action}
      onClick={() => props.report(props.run(editor))}
    >
      {props.label}
    </button>
  )
}
