/**
 * A slide on the wall (the Beamer, beamerView.ts): the part alone, as on a slide, not a window
 * onto the board. Everything outside the part is covered in the canvas's colour, so no Zettel or
 * cell of the next part shows as a crumb at the picture's edges. Where the part is a band or run
 * cut from a table, the table's column and row headers stand beside it as a strip of their
 * titles, over its columns and beside its rows, like a spreadsheet's frozen panes
 * (shared/templates/frozenHeaders.ts): a strip, not the headers at full height, which in most
 * templates carry a prompt and would take half the slide.
 *
 * Shown while the camera shows the slide: once someone moves the wall's view away (or zooms),
 * the board is the board again.
 */
import { atom, useEditor, useValue, type Editor, type TLGeoShape, type TLShapeId } from 'tldraw'
import { center, contains, type Box } from '../../shared/templates/geometry.ts'
import type { Slide, StripCell } from './presentation.ts'
import { wallCameraFor } from './beamerView.ts'

/** The slide the wall shows (at most one editor per page). */
export const wallSlide = atom<Slide | undefined>('wall slide', undefined)

/** The part's own outline stays whole at the hole's edge. */
const holePad = 2

export function WallSlide() {
  const editor = useEditor()
  const slide = useValue('wall slide', () => wallSlide.get(), [])
  const shown = useValue('wall slide in view', () => slide !== undefined && slideInView(editor, slide), [editor, slide])
  const view = useValue('viewport', () => editor.getViewportPageBounds(), [editor])
  if (!slide || !shown) return null
  // A whole template or a frame is shown as it is: nothing to cover.
  const part = slide.hole ?? slide.bounds
  const hole = { x: part.x - holePad, y: part.y - holePad, w: part.w + 2 * holePad, h: part.h + 2 * holePad }
  // Well beyond the view, so that a camera still settling shows no edge.
  const outer = { x: view.x - view.w, y: view.y - view.h, w: view.w * 3, h: view.h * 3 }
  const covers: Box[] = !slide.hole
    ? []
    : [
        { x: outer.x, y: outer.y, w: outer.w, h: hole.y - outer.y },
        { x: outer.x, y: hole.y + hole.h, w: outer.w, h: outer.y + outer.h - hole.y - hole.h },
        { x: outer.x, y: hole.y, w: hole.x - outer.x, h: hole.h },
        { x: hole.x + hole.w, y: hole.y, w: outer.x + outer.w - hole.x - hole.w, h: hole.h },
      ]
  return (
    <div className="nws-wall-slide" aria-hidden="true" data-slide={slide.key}>
      {covers
        .filter((c) => c.w > 0 && c.h > 0)
        .map((c, i) => (
          <div key={i} className="nws-wall-slide__cover" style={placed(c)} />
        ))}
      {(slide.headers ?? []).map((cell) => (
        <HeaderInStrip key={cell.id} cell={cell} font={slide.stripFont ?? 16} />
      ))}
    </div>
  )
}

/** A header's title in its strip, in the header's colours. */
function HeaderInStrip({ cell, font }: { cell: StripCell; font: number }) {
  const editor = useEditor()
  const look = useValue(
    'header look',
    () => {
      const shape = editor.getShape<TLGeoShape>(cell.id as TLShapeId)
      if (!shape) return undefined
      const colors = editor.getCurrentTheme().colors.light as unknown as Record<string, { solid: string; semi: string }>
      const tone = colors[shape.props.color] ?? colors.grey!
      // The title only: the first line the header says (its prompt lies beneath).
      const title = (editor.getShapeUtil(shape).getText(shape) ?? '').split('\n')[0]!.trim()
      return { title, fill: tone.semi, line: tone.solid }
    },
    [editor, cell.id],
  )
  if (!look) return null
  return (
    <div
      className="nws-wall-slide__strip"
      data-header={cell.id}
      data-axis={cell.axis}
      style={{ ...placed(cell.at), background: look.fill, borderColor: look.line, fontSize: `${font}px`, borderWidth: `${font / 8}px`, padding: `0 ${font / 3}px` }}
    >
      <span>{look.title}</span>
    </div>
  )
}

/** Whether the wall's camera is where the slide put it: the part in view, at about its zoom. */
function slideInView(editor: Editor, slide: Slide): boolean {
  const hole = slide.hole ?? slide.bounds
  if (!contains(editor.getViewportPageBounds(), center(hole))) return false
  const target = wallCameraFor(editor, slide.bounds, slide.maxZoom)
  return Math.abs(editor.getZoomLevel() - target.z) <= target.z * 0.05
}

const placed = (b: Box) => ({ transform: `translate(${b.x}px, ${b.y}px)`, width: `${b.w}px`, height: `${b.h}px` })
