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
    // Rows may share a label (every actor of the Ist map, two partners of one name): the n-th
    // row of a label pairs with the n-th.
    const seen = new Map<string, number>()
    for (const row of table.rows) {
      const label = row[0]?.join(' ') ?? ''
      const n = seen.get(label) ?? 0
      seen.set(label, n + 1)
      row.slice(1).forEach((notes, c) => {
        const column = table.columns[c + 1] ?? ''
        out.set(JSON.stringify([table.title, label, n, column]), { table: table.title, row: label, column, notes })
      })
    }
  }
  return out
}

/**
 * The templates of both states in pairs: the same instance, else – for a template inserted anew
 * to repeat it, a Beteiligtenanalyse a year later – the next unpaired one of the same template.
 */
function pairs(before: BoardExport, after: BoardExport): Array<[TemplateExport | undefined, TemplateExport | undefined]> {
  const laterIds = new Set(after.templates.map((t) => t.instance))
  const unpaired = before.templates.filter((t) => !laterIds.has(t.instance))
  const out: Array<[TemplateExport | undefined, TemplateExport | undefined]> = after.templates.map((b) => {
    const same = before.templates.find((a) => a.instance === b.instance)
    if (same) return [same, b]
    const i = unpaired.findIndex((a) => a.template === b.template)
    return [i >= 0 ? unpaired.splice(i, 1)[0] : undefined, b]
  })
  return [...out, ...unpaired.map((a): [TemplateExport, undefined] => [a, undefined])]
}

export function compareExports(before: BoardExport, after: BoardExport): TemplateComparison[] {
  return pairs(before, after).map(([a, b]) => {
    const instance = (b ?? a)!.instance
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
