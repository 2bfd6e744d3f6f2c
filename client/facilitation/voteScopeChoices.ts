/**
 * The vote's scope menu and what starting a vote does to the room, from the page's parts
 * (`board/boardSections.ts`, as the list „Beitragen“ names them: a returned group's copy is
 * „Angebotsübersicht · Jugendhilfe“, never the frame it lies in). Pure: no editor.
 */
import type { Focus } from '../../shared/board/entries/focus.ts'
import type { VoteScope } from '../../shared/board/entries/vote.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import type { BoardSection } from '../board/boardSections.ts'

export interface ScopeChoice {
  scope: VoteScope
  label: string
}

type Part = Pick<BoardSection, 'key' | 'label' | 'kind' | 'instance' | 'bounds'>

/** One choice per part: a template (or a group's copy) with each of its columns, a document or frame by its name. */
export function partScopeChoices(parts: readonly Part[], pageId: string): ScopeChoice[] {
  const choices: ScopeChoice[] = []
  for (const part of parts) {
    if (part.kind === 'page') continue
    const title = part.label
    if (!part.instance) {
      choices.push({ scope: { kind: 'frame', shapeId: part.key, pageId, label: title }, label: title })
      continue
    }
    const instance = part.instance.instance
    choices.push({ scope: { kind: 'template', instance, pageId, label: title }, label: format(t.voteScopeTemplate, { title }) })
    for (const { section, col, colLabel } of templateColumns(part.instance)) {
      const label = format(t.voteScopeColumn, { column: colLabel, title })
      choices.push({ scope: { kind: 'column', instance, section, col, pageId, label: `${colLabel} – ${title}` }, label })
    }
  }
  return choices
}

/**
 * The columns of a template's tables, in layout order (cells sorted by position). A column
 * whose label another table of the template repeats (the Bedarfsanalyse's two levels) says its
 * table: two equal lines in the menu could not be told apart.
 */
function templateColumns(instance: Instance) {
  const columns = new Map<string, { section: string; col: string; colLabel: string; sectionTitle: string }>()
  const cells = [...instance.shapes.values()].sort((a, b) => a.y - b.y || a.x - b.x)
  for (const shape of cells) {
    const cell = scaffoldMeta(shape)?.cell
    if (!cell?.col) continue
    const key = `${cell.section}/${cell.col}`
    if (!columns.has(key)) columns.set(key, { section: cell.section, col: cell.col, colLabel: cell.colLabel ?? cell.col, sectionTitle: cell.sectionTitle })
  }
  const all = [...columns.values()]
  const repeated = (label: string) => all.filter((c) => c.colLabel === label).length > 1
  return all.map(({ sectionTitle, ...column }) => (repeated(column.colLabel) && sectionTitle ? { ...column, colLabel: `${column.colLabel} (${sectionTitle})` } : column))
}

/** The part a vote is about, when it is one (a template, its column, a frame); not the board or a selection. */
export function scopePart<P extends Part>(scope: VoteScope, parts: readonly P[]): P | undefined {
  if (scope.kind === 'frame') return parts.find((part) => part.key === scope.shapeId)
  if (scope.kind === 'template' || scope.kind === 'column') return parts.find((part) => part.instance?.instance === scope.instance)
  return undefined
}


/**
 * Where starting the vote brings the room's lists (the focus „Alle zu …“ writes): its part. The
 * canvases stay where they are: a participant's clicks there must not land on a moving view.
 */
export function voteFocus(scope: VoteScope, parts: readonly Part[], pageId: string, at: number): Focus | undefined {
  const part = scopePart(scope, parts)
  return part && { part: part.key, pageId, bounds: part.bounds, at }
}
