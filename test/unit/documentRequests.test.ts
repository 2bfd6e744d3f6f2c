/**
 * The PDF dialog (`DocumentImport.tsx`) is in a chunk of its own that mounts once the editor is
 * ready: a PDF dropped onto the canvas before it listens waits for it instead of being lost.
 */
import { describe, expect, it } from 'vitest'
import type { Editor } from 'tldraw'
import { onDocumentRequest, registerDocumentDrop, type DocumentRequest } from '../../client/documents/documentRequests.ts'

type FilesHandler = (info: { type: 'files'; files: File[]; point?: { x: number; y: number } }) => Promise<void>

function editorWithDrop() {
  const handlers: Record<string, FilesHandler | undefined> = {}
  const editor = { externalContentHandlers: handlers, registerExternalContentHandler: (type: string, fn: FilesHandler) => (handlers[type] = fn) }
  registerDocumentDrop(editor as unknown as Editor)
  return { editor: editor as unknown as Editor, drop: (files: File[]) => handlers.files!({ type: 'files', files, point: { x: 1, y: 2 } }) }
}

const pdf = (name: string) => new File(['%PDF-1.4'], name, { type: 'application/pdf' })

describe('a PDF dropped onto the canvas', () => {
  it('waits for the dialog when dropped before it listens, and comes once', async () => {
    const { editor, drop } = editorWithDrop()
    await drop([pdf('Protokoll.pdf')])
    const heard: DocumentRequest[] = []
    const stop = onDocumentRequest(editor, (request) => heard.push(request))
    expect(heard.map((request) => [request.file.name, request.point])).toEqual([['Protokoll.pdf', { x: 1, y: 2 }]])
    stop()
    onDocumentRequest(editor, (request) => heard.push(request))
    expect(heard).toHaveLength(1)
  })

  it('goes straight to the dialog once it listens', async () => {
    const { editor, drop } = editorWithDrop()
    const heard: string[] = []
    onDocumentRequest(editor, (request) => heard.push(request.file.name))
    await drop([pdf('Einladung.pdf')])
    expect(heard).toEqual(['Einladung.pdf'])
  })
})
