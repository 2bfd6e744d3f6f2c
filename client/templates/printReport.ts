/**
 * The Dokumentation through the browser's print dialog: its layout (`shared/results/layout.ts`,
 * the same blocks the server's PDF and the Markdown are made of) as headings, lines and tables in
 * the print sheet. Built with DOM text nodes only, so nothing anyone wrote on the board can turn
 * into markup.
 */
import type { DocumentLayout, LayoutBlock } from '../../shared/results/layout.ts'

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (text !== undefined) el.textContent = text
  if (className) el.className = className
  return el
}

/** A cell's Zettel: one as text, several as a list, each after a bullet (as in the PDF); blank ones left out. */
function cellContent(cell: HTMLElement, notes: string[]) {
  const shown = notes.filter((note) => note.trim())
  if (shown.length === 1) cell.append(document.createTextNode(shown[0]!))
  if (shown.length < 2) return
  const list = element('ul')
  for (const note of shown) list.append(element('li', note))
  cell.append(list)
}

/** A table whose cells hold Zettel. */
function table(columns: string[], rows: string[][][]): HTMLTableElement {
  const t = element('table')
  const head = t.createTHead().insertRow()
  for (const column of columns) head.append(element('th', column))
  const body = t.createTBody()
  for (const row of rows) {
    const tr = body.insertRow()
    row.forEach((notes, i) => {
      // A row's label heads it; a one-column table (the Planspiel's case) is text, not a label.
      const label = i === 0 && row.length > 1
      const cell = element(label ? 'th' : 'td')
      if (label) cell.setAttribute('scope', 'row')
      cellContent(cell, notes)
      tr.append(cell)
    })
  }
  return t
}

function blockElement(block: LayoutBlock): HTMLElement {
  switch (block.kind) {
    case 'heading':
      return element(`h${block.level}`, block.text)
    case 'line': {
      const p = element('p')
      p.append(block.strong ? element('strong', block.text) : document.createTextNode(block.text))
      return p
    }
    case 'facts': {
      const list = element('dl')
      for (const fact of block.facts) list.append(element('dt', fact.label), element('dd', fact.value))
      return list
    }
    case 'list': {
      const list = element(block.numbered ? 'ol' : 'ul')
      for (const item of block.items) list.append(element('li', item))
      return list
    }
    case 'table':
      return table(block.columns, block.rows)
  }
}

/** Lays out the Dokumentation in the print sheet and opens the print dialog. */
export function printReport(layout: DocumentLayout): void {
  let sheet = document.getElementById('nws-print')
  if (!sheet) {
    sheet = element('div')
    sheet.id = 'nws-print'
    document.body.append(sheet)
  }
  const doc = element('article', undefined, 'nws-report')
  doc.append(...layout.blocks.map(blockElement))
  sheet.replaceChildren(doc)
  // Gone once printed: a later Ctrl+P must not print this report again.
  const target = sheet
  window.addEventListener('afterprint', () => target.replaceChildren(), { once: true })
  window.print()
}
