/** The formats the server exports a board's results in, with their names in the UI. */
import { t } from '../locale.ts'

export const exportFormats = [
  { format: 'md', label: t.exportMarkdown },
  { format: 'csv', label: t.exportCsv },
  { format: 'json', label: t.exportJson },
] as const
