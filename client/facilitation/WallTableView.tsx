/**
 * A slide drawn as tables (WallTable.tsx lays it over the canvas; the wall without the canvas
 * draws it from the records alone, `boardPage/WallWithoutCanvas.tsx`): the template's title and
 * the part, then per section its column headers on top, its row headers at the left and in each
 * cell its Zettel as cards in their colour with their whole text. The type is the largest from
 * 28 px down to 14 px at which the tables fit, measured on the drawn page. No tldraw here.
 *
 * A picture for the room, on the wall's device only: hidden from screen readers. The same table in
 * a follower's small window (`reader`, FollowedTable.tsx) is that person's own reading: drawn at
 * the window's size (not the wall's picture scaled down), read out, scrolled where it is long.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react'
import type { Box } from '../../shared/templates/geometry.ts'
import { rowHeadMax, wallFontComfortable, wallFontMax, wallFontMin, wallGeometry, wallSlideRoom, type WallItem, type WallTable as Table } from '../../shared/templates/wallSlides.ts'
import './beamer.css'

export interface WallTableDrawing {
  /** The slide's key, for the tests and the wall's own checks. */
  slide: string
  title: string
  part: string
  /** The type the cut was made for; the view measures its own. */
  font: number
  tables: Table[]
  items: ReadonlyMap<string, readonly WallItem[]>
  /** A Zettel's card colours from its tldraw colour name. */
  noteColors(color: string | undefined): { background: string; color: string }
  /** The language the cells are written in (the template's), so that a browser hyphenates them by its rules; German if unknown. */
  lang?: string
}

/**
 * `area`: the safe area on the screen; `measureAgain`: changes when the type's faces arrive; `aside`: beside the title (the wall's clock);
 * `reader`: a follower's own window (drawn at the area's size, not hidden); `pointed`: the cell the laser points at.
 */
export function WallTableView({
  drawing,
  area,
  presenter = false,
  reader = false,
  pointed,
  measureAgain,
  aside,
}: {
  drawing: WallTableDrawing
  area: Box
  presenter?: boolean
  reader?: boolean
  pointed?: string
  measureAgain?: number
  aside?: ReactNode
}) {
  const body = useRef<HTMLDivElement>(null)
  // As large as fits: the largest type at which the tables take no more than the body's height
  // and no word is wider than its card or header. Where a word is still wider at the least type
  // (a German compound, „Randzeitenbetreuung“, and no hyphenation in this browser): the wall's
  // fixed picture breaks it; a reader's window lets its column grow instead (it scrolls), as a
  // word broken anywhere („Randzeitenbetreuun g“) reads wrong.
  useLayoutEffect(() => {
    const el = body.current
    if (!el) return
    const boxes = [...el.querySelectorAll<HTMLElement>('.nws-wall-table__item, .nws-wall-table__head')]
    el.dataset.wrap = 'words'
    const wordsFit = () => boxes.every((box) => box.scrollWidth <= box.clientWidth + 1)
    const fits = (px: number) => {
      el.style.fontSize = `${px}px`
      return el.scrollHeight <= el.clientHeight + 1 && wordsFit()
    }
    let lo = wallFontMin
    // In a window at arm's length, the type a slide is comfortable at is enough: more rows in view.
    let hi = reader ? wallFontComfortable : wallFontMax
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (fits(mid)) lo = mid
      else hi = mid - 1
    }
    // Only a word too wide is a reason to break or grow: a reader's table taller than its window scrolls.
    fits(lo)
    if (!wordsFit()) el.dataset.wrap = reader ? 'grow' : 'anywhere'
    el.dataset.font = String(lo)
    if (measureAgain !== undefined) el.dataset.faces = String(measureAgain)
  })
  const g = wallGeometry
  const scale = area.w / wallSlideRoom.w
  const { title, part, tables, items } = drawing
  const kind = presenter ? ' nws-wall-table--presenter' : reader ? ' nws-wall-table--reader' : ''
  // The wall's picture is the slide's room scaled to the screen; a reader's window is its own room.
  const room = reader
    ? { left: area.x, top: area.y, width: area.w, height: area.h }
    : { left: area.x, top: area.y, width: wallSlideRoom.w, height: wallSlideRoom.h, transform: scale !== 1 ? `scale(${scale})` : undefined }
  return (
    <div className={`nws-wall-table${kind}`} aria-hidden={reader ? undefined : 'true'} data-slide={drawing.slide}>
      <div className="nws-wall-table__area" style={room}>
        <div className="nws-wall-table__header" style={{ marginBottom: g.titleGapPx }}>
          <h2 className="nws-wall-table__title" style={{ fontSize: reader ? readerTitlePx : g.titlePx, lineHeight: g.titleLine }}>
            {title}
            {part !== title && <span className="nws-wall-table__part"> · {part}</span>}
          </h2>
          {aside}
        </div>
        <div className="nws-wall-table__body" ref={body} lang={drawing.lang ?? 'de'} style={{ fontSize: drawing.font }}>
          {tables.map((t) => {
            // The section's name where the slide's title does not say it already.
            const caption = tables.length > 1 || !part.includes(t.title)
            // A column as wide as its share; `--nws-wall-column` lets a reader's column grow to its longest word (beamer.css).
            const columns = `${t.showRows ? `min(${rowHeadMax}px, ${t.rowHeadEm}em) ` : ''}repeat(${t.columns.length}, var(--nws-wall-column, minmax(0, 1fr)))`
            return (
              <section key={t.section} className="nws-wall-table__table" data-section={t.section}>
                {caption && <div className="nws-wall-table__caption">{t.title}</div>}
                <div className="nws-wall-table__grid" style={{ gridTemplateColumns: columns, gap: g.gridGapPx }}>
                  {t.showColumns && (
                    <>
                      {t.showRows && <div className="nws-wall-table__corner" />}
                      {t.columns.map((c) => (
                        <div key={c.col} className="nws-wall-table__head" data-col={c.col}>
                          {c.label}
                        </div>
                      ))}
                    </>
                  )}
                  {t.rows.map((r) => (
                    <Row key={r.row}>
                      {t.showRows && (
                        <div className="nws-wall-table__head nws-wall-table__head--row" data-row={r.row}>
                          {r.label}
                        </div>
                      )}
                      {t.columns.map((c) => {
                        const key = t.cell(r.row, c.col)
                        if (!key) return <div key={c.col} className="nws-wall-table__none" />
                        return (
                          <div key={c.col} className="nws-wall-table__cell" data-cell={key} data-row={r.row} data-col={c.col} data-pointed={key === pointed || undefined}>
                            {(items.get(key) ?? []).map((item, i) => (
                              <div key={i} className={`nws-wall-table__item nws-wall-table__item--${item.kind}`} style={item.kind === 'zettel' ? drawing.noteColors(item.color) : undefined}>
                                {item.text}
                              </div>
                            ))}
                          </div>
                        )
                      })}
                    </Row>
                  ))}
                </div>
              </section>
            )
          })}
        </div>
      </div>
    </div>
  )
}

/** The title in a reader's window: a heading at arm's length, not across a room. */
const readerTitlePx = 20

/** A row's header and cells, laid into the grid as its own items. */
const Row = ({ children }: { children: React.ReactNode }) => <>{children}</>
