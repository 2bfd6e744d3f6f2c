/**
 * A template's slide on the wall (the Beamer): not the canvas, where a Zettel is a few pixels
 * tall, but the slide's cells drawn anew as a table over the whole picture, inside its 16:9 safe
 * area (beamerView.ts), as `WallTableView.tsx` draws it. Which cells a slide shows is decided in
 * shared/templates/wallSlides.ts; what a cell holds is filed as the list view files it
 * (contributionModel.ts), so nothing hidden there (another's private writing) shows here.
 */
import { useEffect } from 'react'
import { useEditor, useValue } from 'tldraw'
import { findKnownInstances } from '../../shared/templates/knownTemplates.ts'
import { instanceLayout } from '../../shared/templates/steps.ts'
import { wallTables, type WallItem } from '../../shared/templates/wallSlides.ts'
import { safeArea } from './beamerView.ts'
import { useTableFaces } from './tableFaces.ts'
import { wallContents } from './presentation.ts'
import { presenterTable, wallSlide } from './wallSlide.ts'
import { WallClock } from './WallClock.tsx'
import { WallTableView } from './WallTableView.tsx'

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
      const instance = findKnownInstances(editor.getCurrentPageShapes()).find((i) => i.instance === table.instance)
      if (!instance) return undefined
      const items = wallContents(editor).get(table.instance) ?? new Map<string, WallItem[]>()
      const colors = editor.getCurrentTheme().colors.light as unknown as Record<string, { noteFill?: string; noteText?: string }>
      return { tables: wallTables(instanceLayout(instance), table.cells), items, colors, lang: instance.locale }
    },
    [editor, table],
  )
  const faces = useTableFaces(editor, table !== undefined)
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
  const noteColors = (color: string | undefined) => {
    const tone = drawn.colors[color ?? 'yellow'] ?? drawn.colors.yellow
    return { background: tone?.noteFill ?? '#fed49a', color: tone?.noteText ?? '#000' }
  }
  return (
    <WallTableView
      drawing={{ slide: slide.key, title: table.title, part: table.part, font: table.font, tables: drawn.tables, items: drawn.items, noteColors, lang: drawn.lang }}
      area={area}
      presenter={presenter}
      measureAgain={faces}
      aside={<WallClock shows={{ slide: { instance: table.instance, step: slide.step } }} />}
    />
  )
}
