/**
 * The workshop report: the board's title and date, how many people wrote on it, every
 * template's facts and tables in board order (short form unless asked), the dot vote, and the
 * open items gathered from every template's task tables (Wer, bis wann). The Dokumentation
 * (`dokumentation.ts`) is made from it and is what people download; its words are here.
 */
import { authorOf } from '../board/declaration.ts'
import { isEmptyRow, isEmptyTable, type BoardExport } from './export.ts'
import { exportedRecords } from '../board/shapeTree.ts'
import type { ExportTable, OpenItem } from '../templates/definition.ts'
import { formatDate } from '../dates.ts'
import { isScaffold } from '../board/scaffoldMeta.ts'
import type { Locale } from '../locale.ts'
import type { TLShape } from '@tldraw/tlschema'

export interface WorkshopReport extends BoardExport {
  /** The day the report was made, `YYYY-MM-DD`. */
  date: string
  /** How many different people wrote something on the board. */
  contributors: number
  openItems: Array<OpenItem & { source: string }>
}

export const reportWords = {
  report: { de: 'Bericht', en: 'Report' },
  date: { de: 'Stand', en: 'As of' },
  contributors: { de: 'Beiträge von', en: 'Contributors' },
  person: { de: 'Person', en: 'person' },
  people: { de: 'Personen', en: 'people' },
  contents: { de: 'Inhalt', en: 'Contents' },
  openItems: { de: 'Offene Punkte', en: 'Open items' },
  what: { de: 'Was', en: 'What' },
  who: { de: 'Wer und bis wann', en: 'Who, by when' },
  source: { de: 'Quelle', en: 'Source' },
  other: { de: 'Weitere Zettel', en: 'Other notes' },
  none: { de: 'Keine', en: 'None' },
  nothingYet: { de: 'Noch keine Einträge.', en: 'Nothing written yet.' },
}

export interface ReportOptions {
  /** Tables and rows nobody wrote in too (a blank form to fill in by hand); left out by default. */
  emptyTables?: boolean
}

export function workshopReport(data: BoardExport, records: Iterable<unknown>, date: string, options: ReportOptions = {}): WorkshopReport {
  const authors = new Set<string>()
  for (const record of exportedRecords(records)) {
    const shape = record as TLShape
    if (shape.typeName !== 'shape' || isScaffold(shape)) continue
    const author = authorOf(shape)
    if (author) authors.add(author)
  }
  const written = (table: ExportTable) => ({ ...table, rows: table.rows.filter((row) => !isEmptyRow(table, row)) })
  // A template nobody wrote in says so: no table, not even a count of nothing (a count table's zeros).
  const templates = options.emptyTables
    ? data.templates
    : data.templates.map((t) => ({ ...t, tables: t.notes === 0 ? [] : t.tables.filter((table) => !isEmptyTable(table)).map(written) }))
  return {
    ...data,
    templates,
    date,
    contributors: authors.size,
    openItems: data.templates.flatMap((t) => t.openItems.map((item) => ({ ...item, source: item.table ? `${t.title} · ${item.table}` : t.title }))),
  }
}

/** A report row of an open item: what, who and by when in one column, and where it comes from. */
export const openItemRow = (item: OpenItem & { source: string }): string[][] => [item.what, whoAndWhen(item), [item.source]]

/** One owner and one date on one line („Herr B., 15.1.“, as the Protokoll's cell held them); several, one a line. */
const whoAndWhen = ({ who, when }: Pick<OpenItem, 'who' | 'when'>): string[] =>
  who.length <= 1 && when.length <= 1 ? [[...who, ...when].join(', ')].filter((line) => line !== '') : [...who, ...when]

/** The line beneath the report's title: as of when, and how many people wrote. */
export function reportLine(report: WorkshopReport, locale: Locale): string {
  const people = reportWords[report.contributors === 1 ? 'person' : 'people'][locale]
  return `${reportWords.date[locale]}: ${formatDate(report.date, locale)} · ${reportWords.contributors[locale]}: ${report.contributors} ${people}`
}
