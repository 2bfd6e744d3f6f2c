/**
 * CSV as German spreadsheet programs open it: semicolons, UTF-8 with a byte order mark, CRLF.
 * Every CSV the app offers (board export, vote tally) is written here, so that none of them
 * forgets the formula guard.
 */

// A cell starting like a formula ("=HYPERLINK(…)", "+1", "@SUM", "-2+3") would run when the file
// is opened; a leading apostrophe makes it text. "- Termin" (a dash and a space) stays as it is.
const defuse = (line: string) => (/^([=+@\t\r]|-\S)/.test(line) ? `'${line}` : line)

/** One field; lines inside it (several notes in one cell) are guarded one by one. */
export function csvField(raw: string | number): string {
  const value = String(raw).split('\n').map(defuse).join('\n')
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export const csvLine = (values: readonly (string | number)[]) => values.map(csvField).join(';')

/** The whole file from its lines (already joined with `csvLine`; '' for an empty line). */
export const csvDocument = (lines: readonly string[]) => '\uFEFF' + lines.join('\r\n') + '\r\n'
