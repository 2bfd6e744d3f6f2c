/**
 * A PDF's pages drawn as pictures in this browser, with pdf.js. Only the pictures go on to the
 * server; the file itself never leaves the browser. pdf.js runs as it is bundled here (its worker
 * from our own origin); no script in the document runs (pdf.js only runs one in its viewer's
 * sandbox, which we do not load), no eval, no XFA forms, and fonts a PDF does not carry come from
 * the system, not from a download. Its WebAssembly decoders are left out: our Content-Security-
 * Policy does not let pages compile WebAssembly, so JPEG 2000 and JBIG2 pictures inside a PDF
 * (some scans) are left blank, and pdf.js reads ICC colours with its own simpler code.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { pageOnBoard } from './placeDocument.ts'

export type DocumentProblem = 'not-pdf' | 'broken' | 'protected' | 'too-large'

export class DocumentError extends Error {
  override name = 'DocumentError'
  constructor(readonly problem: DocumentProblem) {
    super(problem)
  }
}

/** Larger files are not read at all: the browser would hold all of it in memory. */
export const maxDocumentBytes = 100 * 1024 * 1024
/** A page's picture: at most this many pixels along its longer side and in all. */
export const maxPageSide = 2000
export const maxPagePixels = 3_000_000

async function loadPdfjs() {
  const pdfjs = await import('pdfjs-dist')
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
  return pdfjs
}

/** Every PDF starts with "%PDF-" within its first kilobyte; anything else is some other file. */
async function looksLikePdf(file: Blob): Promise<boolean> {
  const head = new TextDecoder('latin1').decode(await file.slice(0, 1024).arrayBuffer())
  return head.includes('%PDF-')
}

export interface OpenDocument {
  pageCount: number
  /** Draws one page (counting from 1) as a picture. */
  renderPage(page: number, signal: AbortSignal): Promise<PagePicture>
  close(): Promise<void>
}

export interface PagePicture {
  blob: Blob
  /** The page's size on the board. */
  w: number
  h: number
  pixelW: number
  pixelH: number
}

export async function openDocument(file: Blob): Promise<OpenDocument> {
  if (file.size > maxDocumentBytes) throw new DocumentError('too-large')
  if (!(await looksLikePdf(file))) throw new DocumentError('not-pdf')
  const pdfjs = await loadPdfjs()
  const task = pdfjs.getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: true,
    useWasm: false,
    // Nothing to fetch: the whole file is here.
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0,
  })
  let pdf: PDFDocumentProxy
  try {
    pdf = await task.promise
  } catch (error) {
    await task.destroy()
    const name = error instanceof Error ? error.name : ''
    throw new DocumentError(name === 'PasswordException' ? 'protected' : 'broken')
  }
  if (pdf.numPages < 1) {
    await pdf.destroy()
    throw new DocumentError('broken')
  }
  return {
    pageCount: pdf.numPages,
    renderPage: (page, signal) => renderPage(pdf, page, signal),
    close: () => pdf.destroy(),
  }
}

async function renderPage(pdf: PDFDocumentProxy, number: number, signal: AbortSignal): Promise<PagePicture> {
  signal.throwIfAborted()
  let page
  try {
    page = await pdf.getPage(number)
  } catch {
    throw new DocumentError('broken')
  }
  try {
    const natural = page.getViewport({ scale: 1 })
    const scale = Math.min(maxPageSide / Math.max(natural.width, natural.height), Math.sqrt(maxPagePixels / (natural.width * natural.height)))
    const viewport = page.getViewport({ scale })
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.floor(viewport.width))
    canvas.height = Math.max(1, Math.floor(viewport.height))
    const rendering = page.render({ canvas, viewport, background: '#ffffff' })
    const cancel = () => rendering.cancel()
    signal.addEventListener('abort', cancel)
    try {
      await rendering.promise
    } catch (error) {
      signal.throwIfAborted()
      throw error instanceof Error && error.name === 'RenderingCancelledException' ? error : new DocumentError('broken')
    } finally {
      signal.removeEventListener('abort', cancel)
    }
    edgeOf(canvas)
    const blob = await pictureOf(canvas)
    const picture = { blob, ...pageOnBoard(natural.width, natural.height), pixelW: canvas.width, pixelH: canvas.height }
    canvas.width = canvas.height = 0
    return picture
  } finally {
    page.cleanup()
  }
}

/** A thin grey edge: white pages on the white board would otherwise run into each other. */
function edgeOf(canvas: HTMLCanvasElement) {
  const context = canvas.getContext('2d')
  if (!context) return
  const width = Math.max(2, Math.round(canvas.width / 500))
  context.strokeStyle = '#9aa5b1'
  context.lineWidth = width
  context.strokeRect(width / 2, width / 2, canvas.width - width, canvas.height - width)
}

const toBlob = (canvas: HTMLCanvasElement, type: string, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality))

/** WebP keeps text sharp at a third of PNG's size; browsers without a WebP encoder get JPEG. */
async function pictureOf(canvas: HTMLCanvasElement): Promise<Blob> {
  const webp = await toBlob(canvas, 'image/webp', 0.85)
  if (webp?.type === 'image/webp') return webp
  const jpeg = await toBlob(canvas, 'image/jpeg', 0.88)
  if (!jpeg) throw new DocumentError('broken')
  return jpeg
}
