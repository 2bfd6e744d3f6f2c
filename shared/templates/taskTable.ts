/**
 * A table of tasks with Wer / Bis wann / Erledigt?, as the fourth wave's instruments give it
 * (Steuerungsgruppen-Sitzung, Öffentlichkeitsarbeit): its columns and its open-item declaration
 * in one place, so that a task marked done leaves the open items the same way in each.
 */
import type { OpenItemTable } from './definition.ts'
import type { Labels } from '../locale.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

/** The task columns' keys. Stored boards find their cells by these keys: add, never rename. */
export const taskCols = Object.freeze({ aufgabe: 'aufgabe', wer: 'wer', bisWann: 'bisWann', erledigt: doneKey } as const)

export interface TaskColumn {
  key: string
  title: Labels
  prompt?: Labels
  w: number
}

/** Who, by when and done: the columns after the task's own. */
export const taskTail: readonly TaskColumn[] = [
  { key: taskCols.wer, title: { de: 'Wer', en: 'Who' }, w: 300 },
  { key: taskCols.bisWann, title: { de: 'Bis wann', en: 'By when' }, w: 340 },
  // The one done column every task table has (`doneColumn.ts`), with a prompt here.
  { ...doneColumn(360), prompt: { de: 'Datum oder „ja“, wenn erledigt', en: 'The date or “yes” once done' } },
]

/**
 * The `done` of an open-item table closed by this column: the one line to change where the
 * declaration's `done` becomes a list of columns.
 */
export const doneIn = (col: string): OpenItemTable['done'] => [col]

/**
 * The open-item declaration of a task table: a row is a task once its task or its Wer is written,
 * and leaves the open items once „Erledigt?“ holds a Zettel that does not say no.
 */
export function taskItems(section: string, what: readonly string[], extra: Partial<OpenItemTable> = {}): OpenItemTable {
  return { section, what: [...what], who: [taskCols.wer], when: [taskCols.bisWann], requires: [...what, taskCols.wer], done: doneIn(taskCols.erledigt), ...extra }
}
