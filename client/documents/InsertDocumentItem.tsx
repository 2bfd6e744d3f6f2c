/** "Dokument einfügen …" for the toolbar and the main menu; the dialog it leads to is `DocumentImport.tsx`. */
import { TldrawUiMenuItem, useEditor, useReadonly } from 'tldraw'
import { t } from '../locale.ts'
import { chooseDocumentFile } from './documentRequests.ts'

export function InsertDocumentItem() {
  const editor = useEditor()
  if (useReadonly()) return null
  return <TldrawUiMenuItem id="insert-document" icon="manual" label={t.documentInsert} onSelect={() => chooseDocumentFile(editor)} />
}
