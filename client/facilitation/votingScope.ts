/** Where a vote can take place on this board, and which notes are in it, read from the editor. */
import type { Editor, TLFrameShape, TLShape, TLShapeId } from 'tldraw'
import { notesInScope, type ScopeWorld, type VoteScope } from '../../shared/facilitation/voting.ts'
import { shapeText } from '../../shared/templates/export.ts'
import { findInstances, scaffoldMeta } from '../../shared/templates/instance.ts'
import { pick } from '../../shared/templates/model.ts'
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

/** The whole board, each template and each frame on the current page. */
export function scopeChoices(editor: Editor): ScopeChoice[] {
  const pageId = editor.getCurrentPageId()
  const shapes = editor.getCurrentPageShapes()
  const choices: ScopeChoice[] = [{ scope: { kind: 'board' }, label: t.voteScopeBoard }]
  for (const instance of findInstances(shapes)) {
    const title = shapeText(instance.title)?.trim() || pick(instance.definition.title, locale)
    choices.push({
      scope: { kind: 'template', instance: instance.instance, pageId, label: title },
      label: format(t.voteScopeTemplate, { title }),
    })
  }
  for (const frame of shapes.filter((s): s is TLFrameShape => s.type === 'frame')) {
    const title = frame.props.name.trim() || t.voteUntitledFrame
    choices.push({ scope: { kind: 'frame', shapeId: frame.id, pageId, label: title }, label: format(t.voteScopeFrame, { title }) })
  }
  return choices
}

/** The choice that fits the selection (a frame, or any part of a template), else the board. */
export function preferredChoice(editor: Editor, choices: readonly ScopeChoice[]): number {
  for (const shape of editor.getSelectedShapes()) {
    const instance = scaffoldMeta(shape)?.instance
    const found = choices.findIndex(
      ({ scope }) => (scope.kind === 'frame' && scope.shapeId === shape.id) || (scope.kind === 'template' && scope.instance === instance),
    )
    if (found >= 0) return found
  }
  return 0
}

/** A note's text for lists and the CSV; undefined when the note is gone. */
export function noteText(editor: Editor, shapeId: string): string | undefined {
  const shape = editor.getShape(shapeId as TLShapeId)
  if (!shape) return undefined
  return shapeText(shape)?.trim() || t.voteEmptyNote
}

/** The notes of a vote on the whole board (every page). */
export const notesInScopeNow = (editor: Editor, scope: VoteScope) => notesInScope(scope, scopeWorld(editor))
