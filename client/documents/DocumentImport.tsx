/**
 * What a person sees while a PDF comes onto the board: for a long one, which pages; then
 * "Seite 3 von 12" with "Abbrechen"; a bad file or a full board as a message saying what is wrong,
 * with nothing changed. Offered to whoever may add pictures (not observers: their editor is read-only).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useEditor, useToasts, type Editor } from 'tldraw'
import { ApiError } from '../api.ts'
import { format, formatBytes } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { onDocumentRequest, type DocumentRequest } from './documentRequests.ts'
import { importDocument, NoRoomError, type ImportProgress } from './importDocument.ts'
import { askAbovePages, choosePages, firstPages, maxPages } from './pageChoice.ts'
import { DocumentError, maxDocumentBytes, openDocument, type OpenDocument } from './pdfPages.ts'
import { documentName } from './placeDocument.ts'
import './documents.css'

type Stage =
  | { kind: 'idle' }
  | { kind: 'pages'; name: string; count: number; choose: (pages: number[] | null) => void }
  | { kind: 'progress'; progress: ImportProgress | null; cancel: () => void }

export function DocumentImport() {
  const editor = useEditor()
  const session = useOpenBoard()
  const { addToast } = useToasts()
  const [stage, setStage] = useState<Stage>({ kind: 'idle' })
  // One document after another: a second drop waits for the first.
  const queue = useRef(Promise.resolve())

  useEffect(
    () =>
      onDocumentRequest(editor, (request) => {
        queue.current = queue.current.then(() =>
          bringDocument(editor, session, request, setStage).catch((error: unknown) => {
            const message = problemMessage(error, request.file.name)
            if (message) addToast({ severity: 'error', title: t.documentNotInserted, description: message, keepOpen: true })
          }),
        )
      }),
    [editor, session, addToast],
  )

  if (stage.kind === 'pages') return <PagesDialog {...stage} />
  if (stage.kind === 'progress') {
    const { progress } = stage
    return (
      <div className="nws-document-dialog" role="dialog" aria-labelledby="nws-document-progress-title" aria-modal="true">
        <h2 id="nws-document-progress-title">{t.documentProgressTitle}</h2>
        <p role="status">
          {progress ? format(progress.phase === 'drawing' ? t.documentDrawing : t.documentUploading, { current: progress.current, total: progress.total }) : '…'}
        </p>
        {progress && <progress max={progress.total * 2} value={(progress.phase === 'drawing' ? 0 : progress.total) + progress.current} />}
        <div className="nws-document-dialog__actions">
          <button type="button" className="nws-document-button" onClick={stage.cancel}>
            {t.documentCancel}
          </button>
        </div>
      </div>
    )
  }
  return null
}

async function bringDocument(editor: Editor, board: { boardId: string; token: string }, request: DocumentRequest, setStage: (stage: Stage) => void) {
  const { file } = request
  const name = documentName(file.name)
  const controller = new AbortController()
  const showProgress = (progress: ImportProgress | null) => setStage({ kind: 'progress', progress, cancel: () => controller.abort() })
  let opened: OpenDocument | undefined
  try {
    showProgress(null)
    opened = await openDocument(file)
    controller.signal.throwIfAborted()
    let pages = Array.from({ length: opened.pageCount }, (_, i) => i + 1)
    if (opened.pageCount > askAbovePages) {
      const count = opened.pageCount
      const chosen = await new Promise<number[] | null>((choose) => setStage({ kind: 'pages', name, count, choose }))
      if (!chosen) return
      pages = chosen
    }
    showProgress(null)
    await importDocument({ editor, board, document: opened, name, pages, at: request.point, signal: controller.signal, onProgress: showProgress })
  } finally {
    setStage({ kind: 'idle' })
    await opened?.close()
  }
}

/** What to tell the person; nothing when they cancelled. */
function problemMessage(error: unknown, fileName: string): string | null {
  const name = fileName
  if (error instanceof DOMException && error.name === 'AbortError') return null
  if (error instanceof Error && error.name === 'RenderingCancelledException') return null
  if (error instanceof DocumentError) {
    if (error.problem === 'not-pdf') return format(t.documentNotPdf, { name })
    if (error.problem === 'protected') return format(t.documentProtected, { name })
    if (error.problem === 'too-large') return format(t.documentTooLarge, { name, max: formatBytes(maxDocumentBytes, locale) })
    return format(t.documentBroken, { name })
  }
  if (error instanceof NoRoomError) {
    return format(t.documentNoRoom, { name, needed: formatBytes(error.neededBytes, locale), free: formatBytes(error.freeBytes, locale) })
  }
  // Filled up by someone else between asking and uploading.
  if (error instanceof ApiError && error.status === 507) return `${t.boardSpaceFull} ${format(t.documentUploadFailed, { name })}`
  return format(t.documentUploadFailed, { name })
}

function PagesDialog({ name, count, choose }: { name: string; count: number; choose: (pages: number[] | null) => void }) {
  const [text, setText] = useState(firstPages(count))
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const choice = choosePages(text, count)
    if (choice.ok) return choose(choice.pages)
    if (choice.problem === 'unreadable') setProblem(t.documentPagesUnreadable)
    else if (choice.problem === 'missing') setProblem(format(t.documentPagesMissing, { page: choice.page, count }))
    else setProblem(format(t.documentPagesTooMany, { count: choice.count, max: maxPages }))
  }
  return (
    <form
      className="nws-document-dialog"
      role="dialog"
      aria-labelledby="nws-document-pages-title"
      aria-modal="true"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') choose(null)
        // The canvas's shortcuts must not see what is typed here.
        event.stopPropagation()
      }}
    >
      <h2 id="nws-document-pages-title">{t.documentPagesTitle}</h2>
      <p>{format(t.documentPagesText, { name, count, max: maxPages })}</p>
      <label className="nws-document-field">
        <span>{t.documentPagesLabel}</span>
        <input
          autoFocus
          value={text}
          placeholder={t.documentPagesHint}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'nws-document-pages-problem' : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {problem && (
        <p id="nws-document-pages-problem" className="nws-document-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="nws-document-dialog__actions">
        <button type="button" className="nws-document-button" onClick={() => choose(null)}>
          {t.documentCancel}
        </button>
        <button type="submit" className="nws-document-button nws-document-button--primary">
          {t.documentPagesConfirm}
        </button>
      </div>
    </form>
  )
}
