/**
 * The small groups the templates on the current page already lay out: a Planspiel's groups for
 * the evaluation (with the names its draw wrote into them), else its three groups of roles
 * (Spiel, Beratung, Beobachtung, with the names people wrote into their role's field), and a
 * Zukunftskonferenz's small groups. A round can take them over, so the groups people were told
 * about are the ones they go to.
 */
import type { Editor, TLShape } from 'tldraw'
import { planspielRoleGroup } from '../../shared/board/entries/groups.ts'
import type { PlanspielRole } from '../../shared/board/entries/roles.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../shared/locale.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { notesInCell } from '../templates/cellNotes.ts'
import { pageInstances } from '../templates/pageInstances.ts'

/** The cell sections that hold small groups, by template. */
const groupSections: Partial<Record<TemplateName, string>> = { planspiel: 'smallgroups', zukunftskonferenz: 'groups' }

export interface TemplateGroups {
  template: TemplateName
  groups: { name: string; memberNames: string[] }[]
}

export function templateGroups(editor: Editor): TemplateGroups | null {
  for (const instance of pageInstances(editor)) {
    const section = groupSections[instance.template]
    if (!section) continue
    const rows = new Map<string, { name: string; cells: TLShape[] }>()
    const cells = [...instance.shapes.values()].filter((s) => scaffoldMeta(s)?.cell?.section === section).sort((a, b) => a.y - b.y || a.x - b.x)
    for (const cell of cells) {
      const ref = scaffoldMeta(cell)!.cell!
      const row = rows.get(ref.row ?? cell.id) ?? { name: ref.rowLabel ?? '', cells: [] }
      row.cells.push(cell)
      rows.set(ref.row ?? cell.id, row)
    }
    if (rows.size < 2) {
      if (instance.template === 'planspiel') return { template: 'planspiel', groups: planspielRoleGroups(editor, [...instance.shapes.values()], instance.locale) }
      continue
    }
    // Only the Planspiel's cells hold names (its draw); a Zukunftskonferenz's hold the group's work.
    const names = (row: { cells: TLShape[] }) =>
      instance.template === 'planspiel' ? row.cells.flatMap((cell) => notesInCell(editor, cell).map(({ note }) => editor.getShapeUtil(note).getText(note) ?? '')) : []
    return { template: instance.template, groups: [...rows.values()].map((row) => ({ name: row.name, memberNames: names(row) })) }
  }
  return null
}

/** A role field's row in the Planspiel (`templates/planspiel.ts`) as the role whose group it belongs to. */
const roleOfRow = (row: string): PlanspielRole => (row === 'advisers' ? { kind: 'adviser' } : row === 'observers' ? { kind: 'observer' } : { kind: 'client' })

function planspielRoleGroups(editor: Editor, shapes: TLShape[], locale: Locale): TemplateGroups['groups'] {
  const groups = new Map<string, string[]>()
  const cells = shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'roles').sort((a, b) => a.y - b.y || a.x - b.x)
  for (const cell of cells) {
    const name = planspielRoleGroup(roleOfRow(scaffoldMeta(cell)!.cell!.row ?? ''), locale).name
    const names = notesInCell(editor, cell).map(({ note }) => editor.getShapeUtil(note).getText(note) ?? '')
    groups.set(name, [...(groups.get(name) ?? []), ...names])
  }
  return [...groups].map(([name, memberNames]) => ({ name, memberNames }))
}
