/**
 * Beside each Zusammenschau on the page, per theme, in how many cases it came up ("3 Fälle"),
 * counted live from the notes in the matrix (tldraw's canvas layer, page coordinates). Nothing is
 * written to the board: the count follows every note as it is put in or taken out.
 */
import { useMemo } from 'react'
import { useEditor, useValue, type Editor } from 'tldraw'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { center, contains, type Box } from '../../shared/templates/geometry.ts'
import { casesPerTheme, type MatrixField } from '../../shared/templates/fallmatrixCounts.ts'
import { fallmatrixCells } from '../../shared/templates/fallmatrixCells.ts'
import { plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { pageInstances } from './pageInstances.ts'
import './fallmatrixCounts.css'

interface CountSpot {
  key: string
  x: number
  y: number
  h: number
  count: number
}

/** One spot per theme row of every Zusammenschau on the current page, right of its matrix. */
function countSpots(editor: Editor): CountSpot[] {
  const matrices = pageInstances(editor).filter((instance) => instance.template === 'fallmatrix')
  if (matrices.length === 0) return []
  const notes = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'note')
    .flatMap((note) => editor.getShapePageBounds(note) ?? [])
    .map(center)
  return matrices.flatMap((instance) => {
    const fields: (MatrixField & { box: Box })[] = []
    for (const shape of instance.shapes.values()) {
      const ref = scaffoldMeta(shape)?.cell
      const box = ref?.section === fallmatrixCells.matrix ? editor.getShapePageBounds(shape) : undefined
      if (ref && box) fields.push({ ref, box, notes: notes.filter((point) => contains(box, point)).length })
    }
    if (fields.length === 0) return []
    const right = Math.max(...fields.map((f) => f.box.x + f.box.w))
    return [...casesPerTheme(fields)].flatMap(([row, count]) => {
      const header = instance.shapes.get(`${fallmatrixCells.matrix}:row:${row}`)
      const box = header && editor.getShapePageBounds(header)
      return box ? [{ key: `${instance.instance}:${row}`, x: right, y: box.y, h: box.h, count }] : []
    })
  })
}

export function FallmatrixCounts() {
  const editor = useEditor()
  // As text, so that a store change that moves no count (a pointer, another note) renders nothing.
  const json = useValue('fallmatrix counts', () => JSON.stringify(countSpots(editor)), [editor])
  const spots = useMemo(() => JSON.parse(json) as CountSpot[], [json])
  if (spots.length === 0) return null
  return (
    <div className="nws-case-counts" aria-hidden="true">
      {spots.map((spot) => (
        <div
          key={spot.key}
          className="nws-case-count"
          data-count={spot.count}
          style={{ transform: `translate(${spot.x}px, ${spot.y}px)`, height: spot.h }}
        >
          {plural(locale, spot.count, { one: t.fallmatrixCasesOne, other: t.fallmatrixCases })}
        </div>
      ))}
    </div>
  )
}
