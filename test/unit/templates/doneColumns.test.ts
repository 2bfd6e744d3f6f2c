/**
 * „Erledigt?“ in every Wer/Bis-wann table (issue 44): each template with a task table has the
 * column as made, in both languages, its header beside Wer in the table's header row and inside
 * the template (so in view wherever the template is); in each template that got the column late,
 * a task with „ja“ or a date there is done and leaves the open items; „teilweise“ keeps it open.
 * The template's own cell keys, as stored boards have them; the done column under `doneKey`.
 */
import { describe, expect, it } from 'vitest'
import { exportBoard } from '../../../shared/results/export.ts'
import { doneKey } from '../../../shared/templates/doneColumn.ts'
import { templates, type TemplateName } from '../../../shared/templates/registry.ts'
import type { TemplateDefinition } from '../../../shared/templates/definition.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, noteInCell } from './helpers.ts'

/** The templates whose task tables the column came to (issue 44), and those made with it since. */
const withTaskTables: TemplateName[] = ['protokoll', 'arbeitsauftrag', 'zukunftskonferenz', 'gruendungsveranstaltung', 'angebotsuebersicht', 'dienstleistungskette', 'steuerungsgruppe', 'oeffentlichkeitsarbeit', 'experteninterviews', 'anlaufstelle', 'quickWins', 'kooperationen']

describe('the „Erledigt?“ column as made', () => {
  for (const name of withTaskTables)
    for (const locale of ['de', 'en'] as Locale[])
      it(`${name} (${locale}): its task table's header row ends in „${locale === 'de' ? 'Erledigt?' : 'Done?'}“, beside Wer, inside the template`, () => {
        const { plan } = build(name, {}, locale)
        const { blocks, w, h } = plan.layout
        const done = blocks.filter((b): b is Extract<typeof b, { kind: 'header' }> => b.kind === 'header' && /(^|:)head(:action)?:erledigt$/.test(b.key))
        // One per task table it declares (the Angebotsübersicht has two: the brochure's steps and the upkeep).
        const declared = ((templates[name] as TemplateDefinition).openItemTables ?? []).filter((table) => table.done?.includes(doneKey))
        expect(done).toHaveLength(declared.length)
        for (const header of done) {
          expect(header.text).toBe(locale === 'de' ? 'Erledigt?' : 'Done?')
          // In the same header row as the table's Wer, to its right.
          const who = blocks.find((b) => b.kind === 'header' && b.key === header.key.replace(/erledigt$/, 'wer'))
          expect(who && Math.abs(who.y - header.y) < 1 && who.x < header.x, JSON.stringify(who)).toBe(true)
          expect(header.x >= 0 && header.y >= 0 && header.x + header.w <= w && header.y + header.h <= h).toBe(true)
        }
      })
})

interface TaskRow {
  /** The cell keys of a task row's what, who and done cells. */
  what: string
  who: string
  done: string
  /** Where a task is one only with its date. */
  when?: string
}

/** Each template's task table, by its first row's cells. */
const taskRows: Array<[TemplateName, TaskRow]> = [
  ['zukunftskonferenz', { what: 'action:a1:massnahme', who: 'action:a1:wer', done: `action:a1:${doneKey}` }],
  ['gruendungsveranstaltung', { what: 'naechste:cell:n1:was', who: 'naechste:cell:n1:wer', done: `naechste:cell:n1:${doneKey}` }],
  ['dienstleistungskette', { what: 'vergleich:cell:v1:aendert', who: 'vergleich:cell:v1:wer', done: `vergleich:cell:v1:${doneKey}` }],
  ['angebotsuebersicht', { what: 'pflege:cell:pflege:aufgabe', who: 'pflege:cell:pflege:wer', done: `pflege:cell:pflege:${doneKey}`, when: 'pflege:cell:pflege:bisWann' }],
  ['quickWins', { what: 'quickwins:cell:eigene1:vorhaben', who: 'quickwins:cell:eigene1:wer', done: `quickwins:cell:eigene1:${doneKey}` }],
  ['kooperationen', { what: 'kooperationen:cell:p1:naechster', who: 'kooperationen:cell:p1:wer', done: `kooperationen:cell:p1:${doneKey}` }],
]

describe('a task ticked off in „Erledigt?“', () => {
  for (const [name, row] of taskRows)
    it(`${name}: „ja“ or a date closes the task, „teilweise“ does not`, () => {
      const declared = (templates[name] as TemplateDefinition).openItemTables ?? []
      expect(declared.every((table) => table.done?.includes(doneKey)), 'every task table has its done column').toBe(true)
      const { shapes } = build(name, {})
      const open = (done?: string) => {
        const records = [
          ...shapes,
          noteInCell(shapes, row.what, 'Flyer drucken'),
          noteInCell(shapes, row.who, 'Frau Adler'),
          ...(row.when ? [noteInCell(shapes, row.when, '30.9.')] : []),
          ...(done === undefined ? [] : [noteInCell(shapes, row.done, done)]),
        ]
        return exportBoard({ id: 'b', title: name }, records).templates[0].openItems.filter((item) => item.what.includes('Flyer drucken')).length
      }
      expect(open()).toBe(1)
      expect(open('ja')).toBe(0)
      expect(open('28.9.')).toBe(0)
      expect(open('teilweise')).toBe(1)
    })
})
