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
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { DefaultFontFaces, useEditor, useValue } from 'tldraw'
import { findInstances } from '../../shared/templates/catalogue.ts'
import { instanceLayout } from '../../shared/templates/steps.ts'
import { rowHeadMax, wallFontMax, wallFontMin, wallGeometry, wallSlideRoom, wallTables, type WallItem } from '../../shared/templates/wallSlides.ts'
import { safeArea } from './beamerView.ts'
import { wallContents } from './presentation.ts'
import { presenterTable, wallSlide } from './wallSlide.ts'
import { WallClock } from './WallClock.tsx'

/** The presenter's bar above a slide on a presenter's own screen (not the Beamer): the top bar's height. */
const presenterBarPx = 52

/**
 * `presenter`: on the facilitator's own screen while presenting (a laptop on the projector is
 * the wall then): the slide below the top bar with the presenter's controls and right of the
 * dock (a vote is started there), the toolbars out of the way; the presenter bar switches back to
 * the canvas (`presenterTable`).
 */
export function WallTable({ presenter = false }: { presenter?: boolean }) {
  const editor = useEditor()
  const asTable = useValue('presenter table', () => presenterTable.get(), [])
  const slide = useValue('wall slide', () => (presenter && !asTable ? undefined : wallSlide.get()), [presenter, asTable])
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
  // The board loads a face when a shape asks for it (fontsOnDemand.ts): the table's bold headers
  // ask here, and the type is measured again once the faces are in.
  const [faces, setFaces] = useState(0)
  useEffect(() => {
    if (!table) return
    let gone = false
    const sans = DefaultFontFaces.tldraw_sans
    void Promise.all([sans.normal.normal, sans.normal.bold].map((face) => editor.fonts.ensureFontIsLoaded(face)))
      .catch(() => undefined)
      .then(() => !gone && setFaces((n) => n + 1))
    return () => {
      gone = true
    }
  }, [editor, table !== undefined])
  // As large as fits: the largest type at which the tables take no more than the body's height
  // and no word is wider than its card or header; at the least type, a long word may be broken.
  useLayoutEffect(() => {
    const el = body.current
    if (!el) return
    const boxes = [...el.querySelectorAll<HTMLElement>('.nws-wall-table__item, .nws-wall-table__head')]
    el.dataset.wrap = 'words'
    const fits = (px: number) => {
      el.style.fontSize = `${px}px`
      return el.scrollHeight <= el.clientHeight + 1 && boxes.every((box) => box.scrollWidth <= box.clientWidth + 1)
    }
    let lo = wallFontMin
    let hi = wallFontMax
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (fits(mid)) lo = mid
      else hi = mid - 1
    }
    if (!fits(lo)) el.dataset.wrap = 'anywhere'
    el.dataset.font = String(lo)
    el.dataset.faces = String(faces)
  })
  const shown = !!slide && !!table && !!drawn
  useEffect(() => {
    if (!presenter || !shown) return
    const container = editor.getContainer()
    container.dataset.presenting = 'table'
    return () => {
      delete container.dataset.presenting
    }
  }, [editor, presenter, shown])
  if (!slide || !table || !drawn) return null
  // Below the presenter's bar, which hangs below the top bar (facilitation.css).
  const bar = presenter ? editor.getContainer().querySelector('.nws-facilitation > .nws-presenter')?.getBoundingClientRect() : undefined
  const top = presenter ? Math.max(presenterBarPx, bar ? bar.bottom - screen.y + 8 : 0) : 0
  const dock = presenter ? (editor.getContainer().querySelector('.nws-facilitation-dock')?.getBoundingClientRect().right ?? 0) - screen.x : 0
  const left = Math.max(0, dock)
  const room = safeArea({ w: screen.w - left, h: screen.h - top })
  const area = { ...room, x: room.x + left, y: room.y + top }
  const g = wallGeometry
  const scale = area.w / wallSlideRoom.w
  const noteColors = (color: string | undefined) => {
    const tone = drawn.colors[color ?? 'yellow'] ?? drawn.colors.yellow
    return { background: tone?.noteFill ?? '#fed49a', color: tone?.noteText ?? '#000' }
  }
  return (
    <div className={`nws-wall-table${presenter ? ' nws-wall-table--presenter' : ''}`} aria-hidden="true" data-slide={slide.key}>
      <div
        className="nws-wall-table__area"
        style={{ left: area.x, top: area.y, width: wallSlideRoom.w, height: wallSlideRoom.h, transform: scale !== 1 ? `scale(${scale})` : undefined }}
      >
        <div className="nws-wall-table__header" style={{ marginBottom: g.titleGapPx }}>
          <h2 className="nws-wall-table__title" style={{ fontSize: g.titlePx, lineHeight: g.titleLine }}>
            {table.title}
            {table.part !== table.title && <span className="nws-wall-table__part"> · {table.part}</span>}
          </h2>
          <WallClock slideStep={slide.step} />
        </div>
        <div className="nws-wall-table__body" ref={body} style={{ fontSize: table.font }}>
          {drawn.tables.map((t) => {
            // The section's name where the slide's title does not say it already.
            const caption = drawn.tables.length > 1 || !table.part.includes(t.title)
            const columns = `${t.showRows ? `min(${rowHeadMax}px, ${t.rowHeadEm}em) ` : ''}repeat(${t.columns.length}, minmax(0, 1fr))`
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
