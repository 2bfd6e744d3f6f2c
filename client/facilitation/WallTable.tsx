/**
 * A template's slide on the wall (the Beamer): not the canvas, where a Zettel is a few pixels
 * tall, but the slide's cells drawn anew as a table over the whole picture, inside its 16:9 safe
 * area (beamerView.ts): the template's title and the part, then per section its column headers
 * on top, its row headers at the left and in each cell its Zettel as cards in their colour with
 * their whole text. Which cells a slide shows is decided in shared/templates/wallSlides.ts; what
 * a cell holds is filed as the list view files it (contributionModel.ts), so nothing hidden
 * there (another's private writing) shows here. The type is the largest from 28 px down to 14 px
 * at which the tables fit, measured on the drawn page.
 *
 * A picture for the room, on the wall's device only: hidden from screen readers.
 */
import { useLayoutEffect, useRef } from 'react'
import { useEditor, useValue } from 'tldraw'
import { findInstances } from '../../shared/templates/catalogue.ts'
import { instanceLayout } from '../../shared/templates/steps.ts'
import { tableColumns, wallFontMax, wallFontMin, wallGeometry, wallTables, type WallItem } from '../../shared/templates/wallSlides.ts'
import { safeArea } from './beamerView.ts'
import { wallContents } from './presentation.ts'
import { wallSlide } from './wallSlide.ts'

export function WallTable() {
  const editor = useEditor()
  const slide = useValue('wall slide', () => wallSlide.get(), [])
  const table = slide?.table
  const screen = useValue('wall screen', () => editor.getViewportScreenBounds(), [editor])
  const drawn = useValue(
    'wall table',
    () => {
      if (!table) return undefined
      const instance = findInstances(editor.getCurrentPageShapes()).find((i) => i.instance === table.instance)
      if (!instance) return undefined
      const items = wallContents(editor).get(table.instance) ?? new Map<string, WallItem[]>()
      const colors = editor.getCurrentTheme().colors.light as unknown as Record<string, { noteFill?: string; noteText?: string }>
      return { tables: wallTables(instanceLayout(instance), table.cells), items, colors }
    },
    [editor, table],
  )
  const body = useRef<HTMLDivElement>(null)
  // As large as fits: the largest type at which the tables take no more than the body's height.
  useLayoutEffect(() => {
    const el = body.current
    if (!el) return
    const fits = (px: number) => {
      el.style.fontSize = `${px}px`
      return el.scrollHeight <= el.clientHeight + 1
    }
    let lo = wallFontMin
    let hi = wallFontMax
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (fits(mid)) lo = mid
      else hi = mid - 1
    }
    fits(lo)
    el.dataset.font = String(lo)
  })
  if (!slide || !table || !drawn) return null
  const area = safeArea({ w: screen.w, h: screen.h })
  const g = wallGeometry
  const scale = area.w / 1728
  const noteColors = (color: string | undefined) => {
    const tone = drawn.colors[color ?? 'yellow'] ?? drawn.colors.yellow
    return { background: tone?.noteFill ?? '#fed49a', color: tone?.noteText ?? '#000' }
  }
  return (
    <div className="nws-wall-table" aria-hidden="true" data-slide={slide.key}>
      <div
        className="nws-wall-table__area"
        style={{ left: area.x, top: area.y, width: 1728, height: 972, transform: scale !== 1 ? `scale(${scale})` : undefined }}
      >
        <h2 className="nws-wall-table__title" style={{ fontSize: g.titlePx, lineHeight: g.titleLine, marginBottom: g.titleGapPx }}>
          {table.title} <span className="nws-wall-table__part">· {table.part}</span>
        </h2>
        <div className="nws-wall-table__body" ref={body} style={{ fontSize: table.font }}>
          {drawn.tables.map((t) => {
            const { rowHead } = tableColumns(t)
            const columns = `${t.showRows ? `${rowHead}px ` : ''}repeat(${t.columns.length}, minmax(0, 1fr))`
            return (
              <section key={t.section} className="nws-wall-table__table" data-section={t.section}>
                <div className="nws-wall-table__caption">{t.title}</div>
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
                          <div key={c.col} className="nws-wall-table__cell" data-cell={key} data-row={r.row} data-col={c.col}>
                            {(drawn.items.get(key) ?? []).map((item, i) => (
                              <div key={i} className={`nws-wall-table__item nws-wall-table__item--${item.kind}`} style={item.kind === 'zettel' ? noteColors(item.color) : undefined}>
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

/** A row's header and cells, laid into the grid as its own items. */
const Row = ({ children }: { children: React.ReactNode }) => <>{children}</>
