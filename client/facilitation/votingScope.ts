/** Where a vote can take place on this board, and which notes are in it, read from the editor. */
import type { Editor, TLFrameShape, TLShape, TLShapeId } from 'tldraw'
import { notesInScope, type ScopeWorld } from '../../shared/results/voting.ts'
import { maxSelectedNotes, type VoteScope } from '../../shared/board/entries/vote.ts'
import { shapeText } from '../../shared/results/export.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { findInstances } from '../../shared/templates/catalogue.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { pick } from '../../shared/locale.ts'
import { format } from '../i18n.ts'
import { locale } from '../locale.ts'
import { t } from '../locale.ts'

const allShapes = (editor: Editor) => editor.store.query.records('shape').get()

/** The board as the scope rules see it: every page, or only the current one (for the canvas). */
export function scopeWorld(editor: Editor, currentPageOnly = false): ScopeWorld {
  return {
    shapes: currentPageOnly ? editor.getCurrentPageShapes() : allShapes(editor),
    boundsOf: (shape: TLShape) => editor.getShapePageBounds(shape),
    pageOf: (shape: TLShape) => editor.getAncestorPageId(shape),
  }
}

export interface ScopeChoice {
  scope: VoteScope
  label: string
}

/**
 * The selected notes (when some are selected), the whole board, each template, each column of
 * a template's tables and each frame on the current page.
 */
export function scopeChoices(editor: Editor): ScopeChoice[] {
  const pageId = editor.getCurrentPageId()
  const shapes = editor.getCurrentPageShapes()
  const choices: ScopeChoice[] = []
  const selected = editor.getSelectedShapes().filter((s) => s.type === 'note').slice(0, maxSelectedNotes)
  if (selected.length > 0) {
    const label = format(t.voteScopeSelection, { count: selected.length })
    choices.push({ scope: { kind: 'selection', noteIds: selected.map((s) => s.id), pageId, label }, label })
  }
  choices.push({ scope: { kind: 'board' }, label: t.voteScopeBoard })
  for (const instance of findInstances(shapes)) {
    const title = shapeText(instance.title)?.trim() || pick(instance.definition.title, locale)
    choices.push({
      scope: { kind: 'template', instance: instance.instance, pageId, label: title },
      label: format(t.voteScopeTemplate, { title }),
    })
    for (const { section, col, colLabel } of templateColumns(instance)) {
      const label = format(t.voteScopeColumn, { column: colLabel, title })
      choices.push({ scope: { kind: 'column', instance: instance.instance, section, col, pageId, label: `${colLabel} – ${title}` }, label })
    }
  }
  for (const frame of shapes.filter((s): s is TLFrameShape => s.type === 'frame')) {
    const title = frame.props.name.trim() || t.voteUntitledFrame
    choices.push({ scope: { kind: 'frame', shapeId: frame.id, pageId, label: title }, label: format(t.voteScopeFrame, { title }) })
  }
  return choices
}

/** The columns of a template's tables, in layout order (cells sorted by position). */
function templateColumns(instance: Instance) {
  const columns = new Map<string, { section: string; col: string; colLabel: string }>()
  const cells = [...instance.shapes.values()].sort((a, b) => a.y - b.y || a.x - b.x)
  for (const shape of cells) {
    const cell = scaffoldMeta(shape)?.cell
    if (!cell?.col) continue
    const key = `${cell.section}/${cell.col}`
    if (!columns.has(key)) columns.set(key, { section: cell.section, col: cell.col, colLabel: cell.colLabel ?? cell.col })
  }
  return [...columns.values()]
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
