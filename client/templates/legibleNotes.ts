/** The note size readable with a cell's part of its template on the projector (client/templates/instanceParts.ts). */
import type { Editor, TLShape } from 'tldraw'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { instanceParts } from './instanceParts.ts'
import { boardInstances } from './pageInstances.ts'

export function legibleScaleIn(editor: Editor, cell: TLShape): number {
  const meta = scaffoldMeta(cell)
  const page = editor.getAncestorPageId(cell)
  const instance = meta && boardInstances(editor).find((i) => i.instance === meta.instance && editor.getAncestorPageId(i.title) === page)
  return (instance && instanceParts(instance).find((part) => part.keys.includes(meta.key))?.legibleScale) ?? 1
}
