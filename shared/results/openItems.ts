/**
 * The report's open items, gathered from every table a template declares as a task table: each
 * row someone wrote a task or a name into, in the order the rows stand on the board.
 */
import type { ExportCell, InstanceView, OpenItem, OpenItemTable } from '../templates/definition.ts'
import { saysNo } from '../templates/answers.ts'

export function openItemsOf(view: InstanceView, declared: readonly OpenItemTable[]): OpenItem[] {
  const items = declared.map((decl) => tableItems(view.cells, decl))
  if (declared.length < 2) return items.flat()
  // Several task tables: each item says which it stands in.
  return items.flatMap((list, i) => {
    const table = view.cells.find((cell) => cell.ref.section === declared[i].section)?.ref.sectionTitle
    return list.map((item) => (table ? { ...item, table } : item))
  })
}

function tableItems(cells: readonly ExportCell[], decl: OpenItemTable): OpenItem[] {
  const rows = new Map<string, Map<string, ExportCell>>()
  for (const cell of cells) {
    if (cell.ref.section !== decl.section || cell.ref.row === undefined) continue
    const row = rows.get(cell.ref.row) ?? new Map<string, ExportCell>()
    row.set(cell.ref.col ?? '', cell)
    rows.set(cell.ref.row, row)
  }
  const top = (row: Map<string, ExportCell>) => Math.min(...[...row.values()].map((c) => c.shape.y))
  const requires = decl.requires ?? decl.what
  return [...rows.values()]
    .sort((a, b) => top(a) - top(b))
    .flatMap((row) => {
      const notes = (col: string) => row.get(col)?.notes ?? []
      const all = (cols: readonly string[] | undefined) => (cols ?? []).flatMap(notes)
      if (!requires.some((col) => notes(col).length > 0)) return []
      const done = decl.done ? notes(decl.done) : []
      if (done.length > 0 && !done.every(saysNo)) return []
      const what = decl.what.map(notes).find((texts) => texts.length > 0) ?? []
      const label = decl.rowLabel ? [...row.values()][0]?.ref.rowLabel : undefined
      return [{ what: label ? [label, ...what] : what, who: all(decl.who), when: all(decl.when) }]
    })
}
