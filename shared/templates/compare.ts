/**
 * Two states of a board side by side, template by template: which notes each field held before
 * and after, and what was added or removed. Reads two exports (`export.ts`), so any two saved
 * versions, or a version and the board now, can be compared: the Beteiligtenanalyse of last
 * year against this year's.
 */
import type { BoardExport, TemplateExport } from './export.ts'

export interface FieldChange {
  /** Table, row and column, as the export names them. */
  table: string
  row: string
  column: string
  before: string[]
  after: string[]
  added: string[]
  removed: string[]
}

export interface TemplateComparison {
  instance: string
  title: string
  /** Only in the later state, only in the earlier one, or in both. */
  presence: 'added' | 'removed' | 'both'
  changes: FieldChange[]
}

/** `a` without one occurrence of each entry of `b`: the same note twice counts twice. */
function without(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b]
  return a.filter((item) => {
    const i = left.indexOf(item)
    if (i < 0) return true
    left.splice(i, 1)
    return false
  })
}

/** Every field of a template's tables by "table · row · column", with its notes. */
function fields(template: TemplateExport | undefined): Map<string, { table: string; row: string; column: string; notes: string[] }> {
  const out = new Map<string, { table: string; row: string; column: string; notes: string[] }>()
  for (const table of template?.tables ?? []) {
    for (const row of table.rows) {
      const label = row[0]?.join(' ') ?? ''
      row.slice(1).forEach((notes, c) => {
        const column = table.columns[c + 1] ?? ''
        out.set(JSON.stringify([table.title, label, column]), { table: table.title, row: label, column, notes })
      })
    }
  }
  return out
}

export function compareExports(before: BoardExport, after: BoardExport): TemplateComparison[] {
  const earlier = new Map(before.templates.map((t) => [t.instance, t]))
  const later = new Map(after.templates.map((t) => [t.instance, t]))
  // In the later state's order, then what only the earlier one had.
  const order = [...after.templates.map((t) => t.instance), ...before.templates.map((t) => t.instance).filter((i) => !later.has(i))]
  return order.map((instance) => {
    const a = earlier.get(instance)
    const b = later.get(instance)
    const fa = fields(a)
    const fb = fields(b)
    const changes: FieldChange[] = []
    for (const key of new Set([...fb.keys(), ...fa.keys()])) {
      const field = fb.get(key) ?? fa.get(key)!
      const notesBefore = fa.get(key)?.notes ?? []
      const notesAfter = fb.get(key)?.notes ?? []
      const added = without(notesAfter, notesBefore)
      const removed = without(notesBefore, notesAfter)
      if (added.length + removed.length > 0) {
        changes.push({ table: field.table, row: field.row, column: field.column, before: notesBefore, after: notesAfter, added, removed })
      }
    }
    return { instance, title: (b ?? a)!.title, presence: a && b ? 'both' : b ? 'added' : 'removed', changes }
  })
}
