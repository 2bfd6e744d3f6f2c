/** The note size readable with a cell's whole template on the projector (shared/templates/projector.ts). */
import type { Editor, TLShape } from 'tldraw'
import { union } from '../../shared/templates/geometry.ts'
import { scaffoldMeta } from '../../shared/templates/instance.ts'
import { legibleNoteScale } from '../../shared/templates/projector.ts'
import { pageInstances } from './pageInstances.ts'

export function legibleScaleIn(editor: Editor, cell: TLShape): number {
  const instance = pageInstances(editor).find((i) => i.instance === scaffoldMeta(cell)?.instance)
  const area = instance && union([...instance.shapes.values()].flatMap((shape) => editor.getShapePageBounds(shape) ?? []))
  return area ? legibleNoteScale(area) : 1
}
