/**
 * The read-only link's export setting (`facilitation/exports`), kept beside the board in storage
 * (`BoardRecord.observersMayExport`) so that a read-only export or report of a board nobody is on
 * is refused without its document being read (`http/boardsApi.ts`). A room writes it in one place
 * (`ExportSettingMirror.write`): before it stores a write that changes the setting (a client's or
 * the relay's own), and again each time it loads the board; so is every new board (a template, a
 * version, an archive).
 *
 * Only a refusal is answered from storage: an export the setting allows still has its document
 * job read the setting from the document first (`documentJobs.ts`). So a setting ahead of its
 * document (written, then the update failed to store) can refuse the read-only link for a while,
 * but never lets it take home what the facilitator closed.
 */
import * as Y from 'yjs'
import { exportsEntry } from '../../shared/board/entries/exports.ts'
import { facilitationMapName } from '../../shared/board/ydoc.ts'
import type { Rehearsed } from './rehearsal.ts'

/** Whether the board lets the read-only link export. */
export const observersMayExport = (doc: Y.Doc): boolean => exportsEntry.get(doc).observers

/** The setting a rehearsed write leaves the board with, if it changes it; undefined if it does not. */
export function exportSettingChange(board: Y.Doc, { writes, after }: Rehearsed): boolean | undefined {
  if (!writes.some(({ path }) => path[0] === facilitationMapName && path[1] === exportsEntry.key)) return undefined
  const now = observersMayExport(after)
  return now === observersMayExport(board) ? undefined : now
}

/** The setting a board's whole state holds (an archive's document), decoded here. */
export function observersMayExportIn(state: Uint8Array): boolean {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return observersMayExport(doc)
  } finally {
    doc.destroy()
  }
}
