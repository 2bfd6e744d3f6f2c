/**
 * What the network reads of a board that holds a case (`templates/caseBoards.ts`): the pack
 * counts such a board as internal and reads nothing of it, and the network's open items (due
 * items, since the last visit, the digest, the pack) leave out the tasks that stay on their board
 * (a Fallkonferenz's ways forward), which the board's own export keeps.
 */
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import { isCaseTemplate } from '../templates/caseBoards.ts'
import type { Catalogue } from '../templates/definition.ts'
import { templates } from '../templates/registry.ts'
import type { BoardExport } from './export.ts'

/** Whether any template on the board holds a case (a page of its own or a Kleingruppe's copy included). */
export function holdsCase(records: Iterable<unknown>): boolean {
  for (const record of records) {
    const meta = (record as { typeName?: string }).typeName === 'shape' ? scaffoldMeta(record as Parameters<typeof scaffoldMeta>[0]) : undefined
    if (meta?.kind === 'title' && isCaseTemplate(meta.template)) return true
  }
  return false
}

const catalogue: Catalogue = templates

/** Every task table of the template stays on its board. */
export const tasksStayOnBoard = (template: string): boolean => {
  const tables = catalogue[template]?.openItemTables ?? []
  return tables.length > 0 && tables.every((table) => table.staysOnBoard)
}

/** The board's export as the network reads its open items: without the tasks that stay on the board. */
export const forNetwork = (data: BoardExport): BoardExport => ({
  ...data,
  templates: data.templates.map((t) => (tasksStayOnBoard(t.template) ? { ...t, openItems: [] } : t)),
})
