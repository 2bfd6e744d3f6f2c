/**
 * What people wrote, as Markdown that shows it as written: a title or note never becomes HTML in
 * the reader's viewer (`<script>`, `<img onerror>`), a character reference it holds shows as
 * typed, and a pipe or line break never ends a table cell or a list item.
 */

/**
 * `<` and `>` always; `&` where it would start a character reference (`&lt;`, `&#124;`): a lone
 * `&` is text in Markdown already, and "Planung & Bau" stays readable in the file itself. `[`
 * after a backslash: no note becomes a link or an image a viewer fetches (`![](https://…)`); a
 * backslash of the writer's own before punctuation is doubled, so it escapes nothing of ours.
 */
export const markdownText = (text: string) =>
  text
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\[/g, '\\[')

const lineBreak = /\r\n|\r|\n/g

/** Text on one line: a heading, a list item, a fact. */
export const markdownLine = (text: string) => markdownText(text).replace(lineBreak, ' ')

/**
 * A Zettel's text in a table cell, on one line (a table row is one line; the only `<br>` in our
 * files is ours, between a cell's Zettel and a Zettel's lines: `markdownTable`), its pipes as a character reference,
 * which no Markdown dialect reads as the end of a cell (`\|` some do, after a backslash of the
 * writer's own).
 */
export const markdownCellText = (text: string) => markdownLine(text).replace(/\|/g, '&#124;')
