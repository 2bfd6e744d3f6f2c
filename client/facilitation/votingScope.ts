/** Where a vote can take place on this board, and which notes are in it, read from the editor. */
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { notesInScope, type ScopeWorld } from '../../shared/results/voting.ts'
import { maxSelectedNotes, type VoteScope } from '../../shared/board/entries/vote.ts'
import { shapeText } from '../../shared/templates/richText.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { format } from '../i18n.ts'
import { boardSections } from '../board/boardSections.ts'
import { partScopeChoices, type ScopeChoice } from './voteScopeChoices.ts'
import { t } from '../locale.ts'

export type { ScopeChoice }

const allShapes = (editor: Editor) => editor.store.query.records('shape').get()

/** The board as the scope rules see it: every page, or only the current one (for the canvas). */
export function scopeWorld(editor: Editor, currentPageOnly = false): ScopeWorld {
  return {
    shapes: currentPageOnly ? editor.getCurrentPageShapes() : allShapes(editor),
    boundsOf: (shape: TLShape) => editor.getShapePageBounds(shape),
    pageOf: (shape: TLShape) => editor.getAncestorPageId(shape),
  }
}

/**
 * The selected notes (when some are selected), the whole board, and each part of the current
 * page (`voteScopeChoices.ts`): a template with its columns, a group's result, a document, a frame.
 */
export function scopeChoices(editor: Editor): ScopeChoice[] {
  const pageId = editor.getCurrentPageId()
  const choices: ScopeChoice[] = []
  const selected = editor.getSelectedShapes().filter((s) => s.type === 'note').slice(0, maxSelectedNotes)
  if (selected.length > 0) {
    const label = format(t.voteScopeSelection, { count: selected.length })
    choices.push({ scope: { kind: 'selection', noteIds: selected.map((s) => s.id), pageId, label }, label })
  }
  choices.push({ scope: { kind: 'board' }, label: t.voteScopeBoard })
  return [...choices, ...partScopeChoices(boardSections(editor), pageId)]
}

/**
 * The choice that fits the selection: the selected notes; a frame; a cell's column; any other
 * part of a template. Else the whole board.
 */
export function preferredChoice(editor: Editor, choices: readonly ScopeChoice[]): number {
  const selection = choices.findIndex(({ scope }) => scope.kind === 'selection')
  if (selection >= 0) return selection
  for (const shape of editor.getSelectedShapes()) {
    const meta = scaffoldMeta(shape)
    const found = choices.findIndex(
      ({ scope }) =>
        (scope.kind === 'frame' && scope.shapeId === shape.id) ||
        (scope.kind === 'column' && scope.instance === meta?.instance && scope.section === meta.cell?.section && scope.col === meta.cell?.col),
    )
    if (found >= 0) return found
    const template = choices.findIndex(({ scope }) => scope.kind === 'template' && scope.instance === meta?.instance)
    if (template >= 0) return template
  }
  return choices.findIndex(({ scope }) => scope.kind === 'board')
}

/** A note's text for lists and the CSV; undefined when the note is gone. */
export function noteText(editor: Editor, shapeId: string): string | undefined {
  const shape = editor.getShape(shapeId as TLShapeId)
  if (!shape) return undefined
  return shapeText(shape)?.trim() || t.voteEmptyNote
}

/** The notes of a vote on the whole board (every page). */
export const notesInScopeNow = (editor: Editor, scope: VoteScope) => notesInScope(scope, scopeWorld(editor))
