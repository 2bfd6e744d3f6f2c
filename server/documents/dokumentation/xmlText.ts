/**
 * Text for the XML inside an ODT or DOCX file. A Zettel may hold what XML 1.0 cannot (control
 * characters pasted from a spreadsheet, a lone half of an emoji), and a single such character
 * makes Word and LibreOffice refuse the whole file as damaged: those are dropped, the rest escaped.
 */

const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `text` as XML 1.0 accepts it: characters it forbids dropped. */
export const xmlSafe = (text: string) => text.replace(notInXml, '')

/** `text` escaped for an element's content or an attribute in quotes. */
export const xmlEscape = (text: string) =>
  xmlSafe(text).replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!)

/** Page numbering words (`Seite {n} von {total}`) cut around their two numbers. */
export function pageWords(template: string): { before: string; between: string; after: string } {
  const [before, rest = ''] = template.split('{n}')
  const [between, after = ''] = rest.split('{total}')
  return { before, between, after }
}
