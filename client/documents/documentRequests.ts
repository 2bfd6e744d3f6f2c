/**
 * Ways a PDF reaches the board: dropped or pasted onto the canvas (tldraw's "files" handler, which
 * keeps handling pictures and videos), or chosen with "Dokument einfügen". Each hands the file to
 * the editor's DocumentImport, which asks, shows progress and places the pages (in a chunk of its
 * own, with the PDF reader's glue; `InsertDocumentItem.tsx` is the menus' entry).
 */
import type { Editor, VecLike } from 'tldraw'

export interface DocumentRequest {
  file: File
  point?: VecLike
}

type Listener = (request: DocumentRequest) => void
const listeners = new WeakMap<Editor, Set<Listener>>()
/**
 * Asked for before the dialog listens: its chunk mounts once the editor is ready
 * (`client/board/laterParts.tsx`), and a PDF dropped in that moment waits for it.
 */
const waiting = new WeakMap<Editor, DocumentRequest[]>()

export function onDocumentRequest(editor: Editor, listener: Listener): () => void {
  const set = listeners.get(editor) ?? new Set()
  listeners.set(editor, set)
  set.add(listener)
  const held = waiting.get(editor) ?? []
  waiting.delete(editor)
  for (const request of held) listener(request)
  return () => set.delete(listener)
}

function requestDocument(editor: Editor, request: DocumentRequest) {
  const set = listeners.get(editor)
  if (!set || set.size === 0) return void waiting.set(editor, [...(waiting.get(editor) ?? []), request])
  for (const listener of set) listener(request)
}

/** By type, or by name where the system gives none (some file managers drag PDFs untyped). */
export const isPdfFile = (file: File) => file.type === 'application/pdf' || (!file.type && /\.pdf$/i.test(file.name))

type FilesHandler = (info: { type: 'files'; files: File[]; point?: VecLike; ignoreParent?: boolean }) => unknown

/** Dropped PDFs become documents; every other file goes to the handler tldraw had (pictures, videos). */
export function registerDocumentDrop(editor: Editor): void {
  // tldraw keeps its handlers in a map it does not declare; registering ours would drop its own.
  const previous = (editor as unknown as { externalContentHandlers: Record<string, FilesHandler | null | undefined> }).externalContentHandlers.files
  editor.registerExternalContentHandler('files', async (info) => {
    const documents = info.files.filter(isPdfFile)
    const others = info.files.filter((file) => !isPdfFile(file))
    for (const file of documents) requestDocument(editor, { file, point: info.point })
    if (others.length > 0 && previous) await previous({ ...info, files: others })
  })
}

/** Opens the system's file picker for one PDF. */
export function chooseDocumentFile(editor: Editor): void {
  const input = document.createElement('input')
  input.type = 'file'
  input.accept = 'application/pdf,.pdf'
  input.hidden = true
  input.addEventListener('change', () => {
    const file = input.files?.[0]
    input.remove()
    if (file) requestDocument(editor, { file })
  })
  input.addEventListener('cancel', () => input.remove())
  document.body.append(input)
  input.click()
}
