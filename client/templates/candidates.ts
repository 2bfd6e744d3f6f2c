/**
 * Organisations named elsewhere and noted in a Beteiligtenanalyse's "Genannt, noch zu prüfen"
 * (by hand or carried there from the founding event or the needs analysis): offered first when
 * a partner organisation is added to it.
 */
import type { Editor } from 'tldraw'
import type { Instance } from '../../shared/templates/instance.ts'
import { beteiligtenanalyseCells } from '../../shared/templates/beteiligtenanalyse.ts'
import { notesInCell } from './cellNotes.ts'

/** The names written in the instance's candidates cell, in reading order; none for other templates. */
export function candidateNames(editor: Editor, instance: Instance): string[] {
  const cell = instance.template === 'beteiligtenanalyse' ? instance.shapes.get(beteiligtenanalyseCells.kandidaten.block) : undefined
  if (!cell) return []
  return notesInCell(editor, cell)
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)
    .map(({ note }) => editor.getShapeUtil(note).getText(note)?.trim() ?? '')
    .filter((name) => name.length > 0)
}
