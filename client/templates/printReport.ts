/**
 * The workshop report as PDF, through the browser's print dialog ("Als PDF speichern"): the
 * report's data laid out as headings and tables in the print sheet. Built with DOM text nodes
 * only, so nothing anyone wrote on the board can turn into markup.
 */
import type { Locale } from '../../shared/locale.ts'
import { openItemRow, reportLine, reportWords, type WorkshopReport } from '../../shared/results/report.ts'
import { voteNoteText } from '../../shared/results/export.ts'
import { scopeLabel, voteWords } from '../../shared/results/voting.ts'

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (text !== undefined) el.textContent = text
  if (className) el.className = className
  return el
}

/** A table whose cells hold notes, one per line. */
function table(columns: string[], rows: string[][][]): HTMLTableElement {
  const t = element('table')
  const head = t.createTHead().insertRow()
  for (const column of columns) head.append(element('th', column))
  const body = t.createTBody()
  for (const row of rows) {
    const tr = body.insertRow()
    row.forEach((notes, i) => {
      const cell = element(i === 0 ? 'th' : 'td')
      if (i === 0) cell.setAttribute('scope', 'row')
      notes.forEach((note, n) => {
        if (n > 0) cell.append(element('br'))
        cell.append(document.createTextNode(note))
      })
      tr.append(cell)
    })
  }
  return t
}

/** Lays out the report in the print sheet and opens the print dialog. */
export function printReport(report: WorkshopReport, locale: Locale): void {
  const w = (key: keyof typeof reportWords) => reportWords[key][locale]
  let sheet = document.getElementById('nws-print')
  if (!sheet) {
    sheet = element('div')
    sheet.id = 'nws-print'
    document.body.append(sheet)
  }
  const doc = element('article', undefined, 'nws-report')
  doc.append(
    element('h1', `${w('report')}: ${report.board.title}`),
    element('p', reportLine(report, locale)),
  )
  for (const template of report.templates) {
    const section = element('section')
    section.append(element('h2', template.title))
    for (const fact of template.facts) section.append(element('p', `${fact.label}: ${fact.value}`))
    for (const t of template.tables) section.append(element('h3', t.title), table(t.columns, t.rows))
    if (template.tables.length === 0) section.append(element('p', w('nothingYet')))
    doc.append(section)
  }
  if (report.vote) {
    const v = report.vote
    doc.append(
      element('h2', voteWords.title[locale]),
      element('p', `${voteWords.scope[locale]}: ${scopeLabel(v.scope, locale)} · ${voteWords.dots[locale]}: ${v.dotsPerPerson} · ${voteWords.voters[locale]}: ${v.voters}`),
      table(
        [voteWords.rank[locale], voteWords.note[locale], voteWords.count[locale]],
        v.ranking.map((r) => [[String(r.rank)], [voteNoteText(r, locale)], [String(r.dots)]]),
      ),
    )
  }
  doc.append(element('h2', w('openItems')))
  doc.append(
    report.openItems.length === 0
      ? element('p', w('none'))
      : table([w('what'), w('who'), w('source')], report.openItems.map(openItemRow)),
  )
  if (report.otherNotes.length > 0) {
    const list = element('ul')
    for (const note of report.otherNotes) list.append(element('li', note))
    doc.append(element('h2', w('other')), list)
  }
  sheet.replaceChildren(doc)
  // Gone once printed: a later Ctrl+P must not print this report again.
  const target = sheet
  window.addEventListener('afterprint', () => target.replaceChildren(), { once: true })
  window.print()
}
