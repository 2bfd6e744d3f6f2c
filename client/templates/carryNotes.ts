/** "Übernehmen nach …" on the board: copies a template's notes into another along a carry route. */
import type { Editor, TLNoteShape, TLShape } from 'tldraw'
import { center, contains } from '../../shared/templates/geometry.ts'
import { carriedFrom, carriedFromKey, planCarry, type CarryRoute, type SourceNote } from '../../shared/results/carryOver.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { findPageInstance } from './growTemplate.ts'
import { writeIntoCell } from './cellNotes.ts'

/** The notes lying in the instance's cells, each with its cell (the smallest, where cells nest). */
function notesOf(editor: Editor, instance: Instance): (SourceNote & { shape: TLNoteShape })[] {
  const cells = [...instance.shapes.values()]
    .filter((s) => scaffoldMeta(s)?.kind === 'cell')
    .map((shape) => ({ ref: scaffoldMeta(shape)!.cell!, box: editor.getShapePageBounds(shape)! }))
    .filter((c) => c.box)
  return editor
    .getCurrentPageShapes()
    .filter((s): s is TLNoteShape => s.type === 'note')
    .flatMap((shape) => {
      const point = center(editor.getShapePageBounds(shape)!)
      const cell = cells.filter((c) => contains(c.box, point)).sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]
      return cell ? [{ id: shape.id, text: plainText(shape.props.richText), cell: cell.ref, shape }] : []
    })
}

/** Carries the notes; returns how many were written. */
export function carryNotes(editor: Editor, route: CarryRoute, fromId: string, toId: string): number {
  const from = findPageInstance(editor, fromId)
  const to = findPageInstance(editor, toId)
  if (!from || !to) return 0
  const carried = new Set(notesOf(editor, to).flatMap(({ shape }) => carriedFrom(shape.meta)?.note ?? []))
  const planned = planCarry(route, from.instance, notesOf(editor, from), new Set(to.shapes.keys()), carried)
  const byCell = new Map<string, typeof planned>()
  for (const note of planned) byCell.set(note.cellKey, [...(byCell.get(note.cellKey) ?? []), note])
  let written = 0
  if (planned.length > 0) editor.markHistoryStoppingPoint('carry notes')
  editor.run(() => {
    for (const [key, notes] of byCell) {
      const cell = to.shapes.get(key) as TLShape
      written += writeIntoCell(editor, cell, notes.map((n) => ({ text: n.text, meta: { [carriedFromKey]: { ...n.from } } }))).length
    }
  })
  return written
}
