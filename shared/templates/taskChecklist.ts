/**
 * A checklist of the handbooks' fixed questions: each row a question with its prompt, an answer,
 * and who settles it by when (`taskTail`). A question is an open item once someone is named to
 * settle it, and leaves the open items once „Erledigt?“ holds a Zettel that does not say no.
 * Anlaufstelle and Quick Wins are built from it; rows added later keep their keys.
 */
import type { OpenItemTable } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { sum, table } from './table.ts'
import type { Tone } from './model.ts'
import { taskCols, taskItems, taskTail, type TaskColumn } from './taskTable.ts'

export interface ChecklistRow {
  key: string
  label: Labels
  prompt: Labels
}

export interface Checklist {
  section: string
  title: Labels
  rows: readonly ChecklistRow[]
  /** The answer's column, before Wer / Bis wann / Erledigt?. */
  answer: TaskColumn
}

export const checklistLabelW = 900
const rowH = 190

/** The checklist's columns: its answer, then who, by when and done. */
export const checklistColumns = (list: Checklist): readonly TaskColumn[] => [list.answer, ...taskTail]
export const checklistWidth = (list: Checklist) => checklistLabelW + sum(checklistColumns(list).map((c) => c.w))

export function checklistTable(list: Checklist, y: number, locale: Locale, scale: number, headTone: Tone = 'blue') {
  const t = (labels: Labels) => pick(labels, locale)
  return table({
    section: list.section,
    sectionTitle: t(list.title),
    rowsTitle: t(list.title),
    x: 0,
    y,
    labelW: checklistLabelW,
    columns: checklistColumns(list).map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: list.rows.map((r) => ({ key: r.key, label: t(r.label), prompt: t(r.prompt) })),
    rowH,
    scale,
    headTone,
    rowTone: headTone === 'violet' ? 'light-violet' : 'light-blue',
  })
}

/** The open items of a checklist: a question with someone to settle it, named by its row (or by its answer, `rowLabel: false`). */
export const checklistItems = (list: Checklist, extra: Partial<OpenItemTable> = { requires: [taskCols.wer], rowLabel: true }): OpenItemTable =>
  taskItems(list.section, [list.answer.key], extra)
