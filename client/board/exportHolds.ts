/**
 * What a template's gate holds back from the board's own pictures and PDF (a Fallkonferenz before
 * its confirmations): the gate is the template's (`exportGate`), read here as the server's export
 * reads it; while it holds, such an export is refused with its reason (`heldBack.ts`), and a vote's
 * CSV leaves the held Zettel out.
 */
import type { Editor, TLShapeId } from 'tldraw'
import { heldBackTemplates, type HeldBack } from '../../shared/results/export.ts'
import { pictureHeld } from '../../shared/results/pictureHold.ts'
import { locale } from '../locale.ts'
import { consentOf } from './boardConsent.ts'

export { pictureTitle } from '../../shared/results/pictureHold.ts'
export { heldBackNotes } from '../../shared/results/export.ts'

/**
 * Why these shapes (on the current page), or the whole board, may not go out now: each
 * template holding sections back that they touch, with its reason; undefined when nothing is.
 */
export function heldBackReason(editor: Editor, ids?: readonly TLShapeId[]): string | undefined {
  const page = editor.getCurrentPageId()
  const touches = (box: { x: number; y: number; w: number; h: number }) =>
    ids!.some((id) => {
      const b = editor.getShapePageBounds(id)
      return !!b && b.x < box.x + box.w && box.x < b.x + b.w && b.y < box.y + box.h && box.y < b.y + b.h
    })
  const records = editor.store.allRecords()
  const consent = consentOf(editor.store)
  const held = heldBackTemplates(records, consent).filter((h) => ids === undefined || (h.page === page && touches(h.box)))
  // Beyond the templates: on a case board, a free Zettel, a frame's or an arrow's label the export holds back (`pictureHold.ts`).
  return heldBackText(held) ?? pictureHeld(records, consent, ids, locale)
}

/** Each template holding sections back, with its reason; undefined when none is. */
export const heldBackText = (held: readonly HeldBack[]): string | undefined =>
  held.length > 0 ? held.map((h) => `${h.title}: ${h.gate.reason.value}`).join(' ') : undefined
