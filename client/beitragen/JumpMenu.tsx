/**
 * „Springen zu …“: a long list's parts and cells as links in a disclosure that stays at the top
 * of the screen, so that a phone with the whole page (a hundred cells and more) reaches any cell
 * in two taps, and a keyboard or screen reader by its name. A jump puts the focus on the cell's
 * heading; the list does not follow the room any less for it.
 */
import { useRef, type MouseEvent } from 'react'
import { t } from '../firstLoadLocale.ts'
import type { CellPart, TemplatePart } from './contributionModel.ts'
import './following.css'

/** From how many cells shown on a list is long enough to need a way to jump. */
export const jumpFromCells = 8

export const jumpOffered = (parts: readonly TemplatePart[]) => parts.reduce((n, part) => n + part.cells.length, 0) > jumpFromCells

export const partAnchor = (part: Pick<TemplatePart, 'pageId' | 'instance'>) => `nws-part-${part.pageId}-${part.instance}`
export const cellAnchor = (cell: Pick<CellPart, 'id'>) => `nws-cell-${cell.id}`

export function JumpMenu({ parts }: { parts: readonly TemplatePart[] }) {
  const menu = useRef<HTMLDetailsElement>(null)
  if (!jumpOffered(parts)) return null
  const jump = (event: MouseEvent, anchor: string) => {
    // Not through the address: its fragment is the board's link.
    event.preventDefault()
    const target = document.getElementById(anchor)
    if (menu.current) menu.current.open = false
    const heading = target?.querySelector<HTMLElement>(':scope > h2, :scope > h3')
    heading?.focus({ preventScroll: true })
    target?.scrollIntoView({ block: 'start' })
  }
  return (
    <details ref={menu} className="nws-contribute__jump">
      <summary>{t.contributeJump}</summary>
      <nav aria-label={t.contributeJump}>
        <ul>
          {parts.map((part) => (
            <li key={partAnchor(part)}>
              <a href={`#${partAnchor(part)}`} className="nws-contribute__jump-part" onClick={(event) => jump(event, partAnchor(part))}>
                {part.title}
              </a>
              {/* A document or frame is its one cell: the part's link is the way to it. */}
              <ul>
                {(part.template === '' ? [] : part.cells).map((cell) => (
                  <li key={cell.id}>
                    <a href={`#${cellAnchor(cell)}`} onClick={(event) => jump(event, cellAnchor(cell))}>
                      {cell.heading}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  )
}
