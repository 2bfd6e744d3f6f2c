/** The note size readable with a cell's part of its template on the projector (shared/templates/instanceParts.ts). */
import type { Editor, TLShape } from 'tldraw'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { legibleScaleOf } from '../../shared/templates/instanceParts.ts'
import { boardInstances } from './pageInstances.ts'

export function legibleScaleIn(editor: Editor, cell: TLShape): number {
  const meta = scaffoldMeta(cell)
  const page = editor.getAncestorPageId(cell)
  const instance = meta && boardInstances(editor).find((i) => i.instance === meta.instance && editor.getAncestorPageId(i.title) === page)
  return instance ? legibleScaleOf(instance, meta.key) : 1
}
