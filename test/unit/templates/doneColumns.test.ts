/**
 * „Erledigt?“ in every Wer/Bis-wann table (issue 44): in each template that got the column late,
 * a task with „ja“ or a date there is done and leaves the open items; „teilweise“ keeps it open.
 * The template's own cell keys, as stored boards have them; the done column under `doneKey`.
 */
import { describe, expect, it } from 'vitest'
import { exportBoard } from '../../../shared/results/export.ts'
import { doneKey } from '../../../shared/templates/doneColumn.ts'
import { templates, type TemplateName } from '../../../shared/templates/registry.ts'
import type { TemplateDefinition } from '../../../shared/templates/definition.ts'
import { build, noteInCell } from './helpers.ts'

interface TaskRow {
  /** The cell keys of a task row's what, who and done cells. */
  what: string
  who: string
  done: string
}

/** Each template's task table, by a row's cells (row n). */
const taskRows: Array<[TemplateName, (n: number) => TaskRow]> = [
  ['zukunftskonferenz', (n) => ({ what: `action:a${n}:massnahme`, who: `action:a${n}:wer`, done: `action:a${n}:${doneKey}` })],
]

describe('a task ticked off in „Erledigt?“', () => {
  for (const [name, row] of taskRows)
    it(`${name}: „ja“ or a date closes the task, „teilweise“ does not`, () => {
      const declared = (templates[name] as TemplateDefinition).openItemTables ?? []
      expect(declared.every((table) => table.done?.includes(doneKey)), 'every task table has its done column').toBe(true)
      const { shapes } = build(name, {})
      const task = (n: number, what: string, done?: string) => [
        noteInCell(shapes, row(n).what, what),
        noteInCell(shapes, row(n).who, 'Frau Adler'),
        ...(done === undefined ? [] : [noteInCell(shapes, row(n).done, done)]),
      ]
      const records = [...shapes, ...task(1, 'Flyer drucken', 'ja'), ...task(2, 'Raum buchen', '28.9.'), ...task(3, 'Träger einladen', 'teilweise'), ...task(4, 'Konzept schreiben')]
      const open = exportBoard({ id: 'b', title: name }, records).templates[0].openItems.map((item) => item.what.at(-1))
      expect(open).toEqual(['Träger einladen', 'Konzept schreiben'])
    })
})
