/**
 * Where a word may break at a line's end in the PDF: soft hyphens (U+00AD) from TeX's hyphenation
 * patterns (the `hyphen` package: German in the 1996 spelling, British English), which pdfkit
 * turns into a visible hyphen where it breaks a line there and prints as nothing elsewhere.
 * Without them a long compound („Gesundheitskoordinierungsstelle“) in a narrow table column was
 * cut anywhere, without a hyphen.
 */
// CommonJS modules (their files named: Node's ES modules import no folder), by their default export.
import german from 'hyphen/de-1996/index.js'
import english from 'hyphen/en-gb/index.js'
import type { Locale } from '../../../shared/locale.ts'

export const softHyphen = '\u00AD'

/** Words longer than this are no words (pasted data, links): `breakLongWords` cuts them instead. */
const longestHyphenated = 48
/**
 * Shorter words are left whole: they fit on a line anyway, and every break point is one more
 * piece pdfkit measures (hyphenating every word made a long PDF half again as slow).
 */
const shortestHyphenated = 10
/** A whole word (not the end of a longer one): syllables need two letters at least on each side. */
const word = new RegExp(`(?<![\\p{L}\\p{M}])[\\p{L}\\p{M}]{4,${longestHyphenated}}(?![\\p{L}\\p{M}])`, 'gu')

/**
 * `text` with soft hyphens where its words may break, by the rules of the document's language:
 * words of `shortestHyphenated` letters and more; in a table's column, where `tooWide` is given,
 * exactly the words it cannot hold with the space after them (`tooWide` is asked of the
 * word as pdfkit measures it: its text up to the next space, and that space), however short
 * ("Jobcenter" in a column narrower than the word), and no other: a word that fits its column
 * stays whole ("Beratungsstellen", not "Beratungsstel-len" at a line's end).
 */
export function hyphenate(text: string, locale: Locale, tooWide?: (word: string) => boolean): string {
  const rules = (locale === 'de' ? german : english).hyphenateSync
  // pdfkit measures a word with what follows it up to the next break ("Rechtsberatung, "): one
  // that fits its column only without that space it cuts anywhere, without a hyphen.
  const hyphenated = (whole: string, token: string) => (tooWide ? tooWide(`${token} `) : whole.length >= shortestHyphenated)
  // Word by word: a link, an address or a row of pasted data stays whole (a hyphen in a link would change it).
  return text.replace(/\S+/gu, (token) =>
    /:\/\/|@|^www\./iu.test(token) ? token : token.replace(word, (whole) => (hyphenated(whole, token) ? rules(whole, { minWordLength: 4 }) : whole)),
  )
}
