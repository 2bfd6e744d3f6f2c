/**
 * How wide each column of a table is in an ODT or DOCX file, as shares of the page's width: by
 * the PDF's rule (`tableColumns.ts`: every column at least as wide as its longest word where the
 * page allows, the rest to the columns of long Zettel), so that a number column stays narrow and
 * „Beratungsstellen“ in a label column stays whole. Office programs cannot fit columns themselves
 * when the file opens, and the fonts are theirs: the text is measured by an average letter.
 */
import { columnNeeds, columnWidths } from './tableColumns.ts'

/** An average letter of a 9-point table, and the page between its margins (17 cm), in points. */
const letter = { regular: 4.7, bold: 5 }
const page = 482

export function columnShares(columns: string[], rows: string[][][]): number[] {
  const measure = (text: string, bold: boolean) => [...text].length * letter[bold ? 'bold' : 'regular']
  // One paragraph a Zettel, no bullets: an Office cell keeps them apart by itself.
  return columnWidths(columnNeeds(columns, rows, measure, { padding: 4, bullet: 0 }), page).map((w) => w / page)
}
