/**
 * The „Erledigt?“ column every Wer/Bis-wann table has (issue 44): a Zettel there that says done
 * (ja, erledigt, ✓, a date; `answers.ts`) closes the row's task, which the pack then lists as
 * done since the last pack instead of open. One key for every template, so that a board's cells
 * are found by it.
 */
import type { Labels } from '../locale.ts'

export const doneKey = 'erledigt'

export const doneTitle: Labels = { de: 'Erledigt?', en: 'Done?' }

/**
 * The column, as the templates' column lists hold it: wide enough for its title at a table's
 * header scale, and without a prompt (a second header line would cost the template its zoom).
 */
export const doneColumn = (w = 300): { key: string; title: Labels; w: number } => ({ key: doneKey, title: doneTitle, w })
