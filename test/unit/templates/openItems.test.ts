/**
 * Every Wer / Bis-wann table feeds the report's "Offene Punkte": a guard over every registered
 * template (a table with such a column must be declared in `openItemTables`, so a new one cannot
 * be forgotten), and reports of boards with tasks written into them.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard } from '../../../shared/results/export.ts'
import { completeConsent, recordedFor } from '../../helpers/consentRecords.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { dokumentation, dokumentationMarkdown } from '../../../shared/results/dokumentation.ts'
import { scaffoldMeta, type CellRef } from '../../../shared/board/scaffoldMeta.ts'
import { templateNames, templates } from '../../../shared/templates/registry.ts'
import { build, keyOf, noteInCell } from './helpers.ts'

/** Columns that make a table a table of tasks. */
const taskColumns = ['wer', 'bisWann', 'ueberpruefung']

/** Tables with such a column that hold no task, and why. */
const notTasks: Record<string, string[]> = {
  // "Wer steuert den Prozess?" names a role in the chain, nothing anyone still has to do.
  dienstleistungskette: ['steuerung'],
}

const cellsOf = (shapes: TLShape[]) => shapes.flatMap((s) => (scaffoldMeta(s)?.cell ? [{ key: keyOf(s)!, ref: scaffoldMeta(s)!.cell as CellRef }] : []))

const report = (records: TLShape[], consent?: unknown) => workshopReport(exportBoard({ id: 'b', title: 'Netzwerk Nord' }, records, undefined, undefined, consent), records, '2026-11-24')
const markdownOf = (records: TLShape[]) => dokumentationMarkdown(dokumentation({ id: 'b', title: 'Netzwerk Nord' }, records, {}, '2026-11-24'), 'de')

describe.each(templateNames)('%s', (name) => {
  const { shapes } = build(name, {})
  const declared = templates[name].openItemTables ?? []

  it('declares every table with a Wer, Bis-wann or Überprüfung column as a task table', () => {
    const sections = new Set(cellsOf(shapes).filter(({ ref }) => taskColumns.includes(ref.col ?? '')).map(({ ref }) => ref.section))
    const undeclared = [...sections].filter((section) => !declared.some((d) => d.section === section))
    expect(undeclared.filter((section) => !notTasks[name]?.includes(section))).toEqual([])
  })

  it.runIf(declared.length > 0)('lists one filled row of each task table as an open item, from this template', () => {
    const cells = cellsOf(shapes)
    const notes = declared.flatMap((table, i) => {
      // The first row that is a task row: it has every who and when column (goal rows of a Zielsystem have none).
      const wanted = [...(table.who ?? []), ...(table.when ?? [])]
      const rowsOf = cells.filter(({ ref }) => ref.section === table.section)
      const hasAll = (row: string | undefined) => wanted.every((col) => rowsOf.some(({ ref }) => ref.row === row && ref.col === col))
      const first = (rowsOf.find(({ ref }) => hasAll(ref.row)) ?? rowsOf[0]).ref.row
      const keyOfCol = (col: string) => cells.find(({ ref }) => ref.section === table.section && ref.row === first && ref.col === col)?.key
      const cols = [table.what[0], ...(table.who ?? []), ...(table.when ?? [])]
      return cols.flatMap((col) => {
        const key = keyOfCol(col)
        return key ? [noteInCell(shapes, key, `${col} ${i}`)] : []
      })
    })
    // Every other cell written in too, so that what a template waits for (a Fallkonferenz's confirmations) is there.
    const rest = cells.filter(({ ref }) => !declared.some((d) => d.section === ref.section)).map(({ key }) => noteInCell(shapes, key, 'ja'))
    // …and a Fallkonferenz's confirmations recorded (its „Beteiligte Stellen“ says „ja“ here: released too).
    const made = report([...shapes, ...notes, ...rest], recordedFor(shapes, { ...completeConsent, entbundeneStellen: [...completeConsent.entbundeneStellen, 'ja'] }))
    const items = made.openItems
    expect(items).toHaveLength(declared.length)
    for (const item of items) {
      expect(item.source.startsWith(made.templates[0].title)).toBe(true)
      // Several task tables: the source says which.
      if (declared.length > 1) expect(item.source).toMatch(/ · \S/)
    }
  })
})

describe('the report’s open items', () => {
  const planspiel = build('planspiel', {})
  const zielsystem = build('zielsystem', {}, 'de', { x: 0, y: 20_000 })
  const board = [...planspiel.shapes, ...zielsystem.shapes]

  it('lists a Planspiel next step and a Zielsystem milestone not yet reached, not one reached', () => {
    const notes = [
      noteInCell(planspiel.shapes, 'next:n1:was', 'Kita-Träger zum Runden Tisch einladen'),
      noteInCell(planspiel.shapes, 'next:n1:wer', 'Frau Adler'),
      noteInCell(planspiel.shapes, 'next:n1:bisWann', '15.1.'),
      noteInCell(zielsystem.shapes, 'meilensteine:cell:m1:meilenstein', 'Gemeinsame Sprechstunde läuft'),
      noteInCell(zielsystem.shapes, 'meilensteine:cell:m1:bisWann', '30.6.'),
      noteInCell(zielsystem.shapes, 'meilensteine:cell:m2:meilenstein', 'Wegweiser gedruckt'),
      noteInCell(zielsystem.shapes, 'meilensteine:cell:m2:erreicht', 'ja, im März'),
      noteInCell(zielsystem.shapes, 'meilensteine:cell:m3:meilenstein', 'Infoabend bei der IHK'),
      noteInCell(zielsystem.shapes, 'meilensteine:cell:m3:erreicht', 'nein'),
    ]
    const items = report([...board, ...notes]).openItems
    expect(items.map((i) => [i.what, i.who, i.when])).toEqual([
      [['Kita-Träger zum Runden Tisch einladen'], ['Frau Adler'], ['15.1.']],
      [['Gemeinsame Sprechstunde läuft'], [], ['30.6.']],
      [['Infoabend bei der IHK'], [], []],
    ])
    const markdown = markdownOf([...board, ...notes])
    expect(markdown).toContain('Kita-Träger zum Runden Tisch einladen')
    expect(markdown.split('## Offene Punkte')[1]).not.toContain('Wegweiser gedruckt')
    expect(markdown).not.toMatch(/## Offene Punkte\n\nKeine/)
  })

  it('says "Keine" only when no task table holds a task', () => {
    const notes = [noteInCell(planspiel.shapes, 'scene:s1:gut', 'Schnelle Termine'), noteInCell(zielsystem.shapes, 'meilensteine:cell:m1:erreicht', 'ja')]
    expect(markdownOf([...board, ...notes])).toMatch(/## Offene Punkte\n\nKeine\n/)
  })
})
