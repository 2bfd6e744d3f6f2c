/**
 * The board's export setting (`exportPermission.ts`) on tldraw's own paths out of the board:
 * its export, copy-as and print actions (main menu, context menu, keyboard shortcuts) and the
 * browser's copy event. Where this link may not export they are gone, not merely disabled; where
 * it may, tldraw's files are named after the board and printing makes our PDF (`printBoard.ts`).
 */
import { useEffect } from 'react'
import { useEditor, type Editor, type TLShapeId, type TLUiActionsContextType, type TLUiOverrides } from 'tldraw'
import { exportProblemToast, HeldBackError, withExportHolds } from './heldBack.ts'
import { whenReady } from './laterParts.tsx'
import { consentOf } from './boardConsent.ts'
import './exportGuard.css'

/** tldraw's actions that take the board's content out of the page. */
const exportActions = [
  'export-as-svg',
  'export-as-png',
  'export-all-as-svg',
  'export-all-as-png',
  'copy-as-svg',
  'copy-as-png',
  'copy-as-json',
  'copy',
  'print',
  'download-original',
]

const shapesToExport = (editor: Editor, all: boolean): TLShapeId[] => {
  const selected = all ? [] : editor.getSelectedShapeIds()
  return selected.length > 0 ? selected : [...editor.getCurrentPageShapeIds()]
}

// The PDF's layout reads the templates' holds (`exportHolds.ts`): it comes once the editor is ready, or at the first print.
const printing = () => import('./printBoard.ts')
whenReady(printing)
/** Lays out the board's PDF and opens the print dialog (`printBoard.ts`). */
export const printBoard = (editor: Editor, title: string): Promise<number> => printing().then((chunk) => chunk.printBoard(editor, title))

/** tldraw's actions for this board: `mayExport` as it is now, `title` for file names and print. */
export function boardActions(mayExport: boolean, title: string): NonNullable<TLUiOverrides['actions']> {
  return (editor, actions, helpers) => {
    // No embeds (see BoardEditor).
    const { 'insert-embed': _embed, ...rest } = actions
    if (!mayExport) return Object.fromEntries(Object.entries(rest).filter(([id]) => !exportActions.includes(id)))
    const name = title.trim() || undefined
    const named: TLUiActionsContextType = {}
    for (const format of ['svg', 'png'] as const) {
      for (const all of [false, true]) {
        const id = `export-${all ? 'all-' : ''}as-${format}`
        if (!rest[id]) continue
        named[id] = {
          ...rest[id],
          onSelect() {
            withExportHolds(({ heldBackReason, pictureTitle }) => {
              const ids = shapesToExport(editor, all)
              const held = heldBackReason(editor, ids)
              if (held) helpers.addToast(exportProblemToast(new HeldBackError(held)))
              // Named by the title a case board may show (`pictureHold.ts`), not the typed one.
              else if (ids.length > 0) helpers.exportAs(ids, { format, name: name && pictureTitle(editor.store.allRecords(), consentOf(editor.store), name) })
            }, (error) => helpers.addToast(exportProblemToast(error)))
          },
        }
      }
    }
    // Copying a picture of the selection is an export too.
    for (const id of ['copy-as-svg', 'copy-as-png', 'copy-as-json']) {
      const action = rest[id]
      if (!action) continue
      named[id] = {
        ...action,
        onSelect(source) {
          withExportHolds(({ heldBackReason }) => {
            // With nothing selected, tldraw copies the whole page.
            const held = heldBackReason(editor, shapesToExport(editor, false))
            if (held) helpers.addToast(exportProblemToast(new HeldBackError(held)))
            else void action.onSelect(source)
          }, (error) => helpers.addToast(exportProblemToast(error)))
        },
      }
    }
    if (rest.print) {
      named.print = {
        ...rest.print,
        onSelect() {
          printBoard(editor, title).catch((error: unknown) => helpers.addToast(exportProblemToast(error)))
        },
      }
    }
    return { ...rest, ...named }
  }
}

/**
 * What tldraw does outside its actions: it copies selected shapes on the browser's copy event,
 * and Ctrl+P without an action is the browser's print of the screen. Both are stopped before
 * tldraw's listeners, while this link may not export; a print from the browser's own menu
 * prints a blank sheet (exportGuard.css).
 */
export function NoExportGuard({ mayExport }: { mayExport: boolean }) {
  const editor = useEditor()
  useEffect(() => {
    if (mayExport) return
    const view = editor.getContainer().ownerDocument.defaultView ?? window
    const body = view.document.body
    body.classList.add('nws-no-export')
    const stopCopy = (event: ClipboardEvent) => {
      // Copying text out of a field (a link, a name) is the browser's, not the board's.
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, [contenteditable="true"]') && !target.closest('.tl-canvas')) return
      if (editor.getSelectedShapeIds().length === 0) return
      event.preventDefault()
      event.stopImmediatePropagation()
    }
    const stopPrint = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'p') {
        event.preventDefault()
        event.stopImmediatePropagation()
      }
    }
    view.addEventListener('copy', stopCopy, true)
    view.addEventListener('cut', stopCopy, true)
    view.addEventListener('keydown', stopPrint, true)
    return () => {
      body.classList.remove('nws-no-export')
      view.removeEventListener('copy', stopCopy, true)
      view.removeEventListener('cut', stopCopy, true)
      view.removeEventListener('keydown', stopPrint, true)
    }
  }, [editor, mayExport])
  return null
}
