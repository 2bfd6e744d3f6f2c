/**
 * The board's own pictures and PDF keep what a template's gate holds back from every export
 * (a Fallkonferenz before its confirmations): read by `exportHolds.ts`, which loads the templates'
 * export and so comes once the editor is ready (`laterParts.tsx`), or at the first export before.
 */
import type { TLUiToast } from 'tldraw'
import { t } from '../locale.ts'
import { whenReady } from './laterParts.tsx'

/** An export refused because a template on the board holds sections back. */
export class HeldBackError extends Error {}

type ExportHolds = typeof import('./exportHolds.ts')
let loaded: ExportHolds | undefined
export const exportHolds = (): Promise<ExportHolds> => import('./exportHolds.ts').then((holds) => (loaded = holds))
whenReady(exportHolds)

/** Runs `then` with what reads the holds: at once once loaded (a copy keeps its click), else when it comes. */
export function withExportHolds(then: (holds: ExportHolds) => void, failed: (error: unknown) => void): void {
  if (loaded) then(loaded)
  else exportHolds().then(then, failed)
}

/** The toast for a failed or refused export. */
export const exportProblemToast = (error: unknown): Omit<TLUiToast, 'id'> =>
  error instanceof HeldBackError
    ? { severity: 'warning', title: t.exportHeldBack, description: error.message }
    : { severity: 'error', title: t.exportFailed, description: error instanceof Error ? error.message : undefined }
