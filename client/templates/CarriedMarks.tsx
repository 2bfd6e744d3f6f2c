/**
 * On the canvas: each carried Zettel of this page says where it came from, in a small label just
 * beneath it („aus: Zukunftskonferenz März, 12.03.2025“), wrapped to the Zettel's width. It takes
 * no clicks and hides while its Zettel is being written, so it is never in the way of editing and
 * never covers what the Zettel says; its type keeps a readable size on a phone, until the Zettel
 * itself is too small to read.
 */
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { carriedFrom } from '../../shared/results/carriedFrom.ts'
import { originParts } from '../../shared/results/carriedItems.ts'
import { locale, t } from '../locale.ts'
import './carriedMarks.css'

/** Marks drawn on one page at most: a page of several hundred carried Zettel names them all only up close. */
const maxMarks = 400
/** The smallest type on screen, in CSS pixels, as long as the Zettel allows it. */
const minScreenPx = 11

export function CarriedMarks() {
  const editor = useEditor()
  const marks = useValue(
    'carried marks',
    () => {
      const editing = editor.getEditingShapeId()
      const out: { id: TLShapeId; x: number; y: number; w: number; h: number; where: string; day?: string; by?: string }[] = []
      for (const shape of editor.getCurrentPageShapes()) {
        if (out.length >= maxMarks) break
        if (shape.type !== 'note' || shape.id === editing) continue
        const from = carriedFrom(shape.meta)
        if (!from) continue
        const box = editor.getShapePageBounds(shape)
        if (!box) continue
        out.push({ id: shape.id, x: box.x, y: box.y, w: box.w, h: box.h, ...(originParts(from, locale) ?? { where: t.carriedMarkUnknown }) })
      }
      return out
    },
    [editor],
  )
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  if (marks.length === 0) return null
  return (
    <div className="nws-carried-layer" aria-hidden="true">
      {marks.map((mark) => {
        // Page units: a fixed share of the Zettel, but never under the smallest readable type; a
        // Zettel seen from far keeps a label of its own scale (a phone's whole board stays calm).
        const size = Math.min(Math.max(mark.w * 0.075, minScreenPx / zoom), mark.w * 0.14)
        return (
          <div
            key={mark.id}
            className="nws-carried-mark"
            data-carried={mark.id}
            style={{ transform: `translate(${mark.x}px, ${mark.y + mark.h}px)`, width: Math.max(mark.w, size * 9), fontSize: size }}
          >
            {/* The day on a line of its own: a long name is cut short, never the day. */}
            <span className="nws-carried-mark__label">
              <span className="nws-carried-mark__where">{mark.where}</span>
              {mark.day && <span className="nws-carried-mark__day">{mark.day}</span>}
              {mark.by && <span className="nws-carried-mark__by">{mark.by}</span>}
            </span>
          </div>
        )
      })}
    </div>
  )
}
