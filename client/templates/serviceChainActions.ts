/** The Dienstleistungskette's own tools: a new service card, and cells for the drawn hand-overs. */
import {
  createShapeId,
  startEditingShapeWithRichText,
  toRichText,
  type Editor,
  type TLArrowBinding,
  type TLShape,
  type TLShapeId,
} from 'tldraw'
import { detectHandovers, serviceCardText } from '../../shared/templates/dienstleistungskette.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import type { Locale } from '../../shared/locale.ts'
import type { ChainSource } from '../../shared/templates/serviceChain.ts'
import { findPageInstance, growTemplateRepeatedly } from './growTemplate.ts'

const noteSize = 200

/** A note with the service card's skeleton in the middle of the view, selected and being edited. */
export function addServiceCard(editor: Editor, locale: Locale): TLShapeId {
  const id = createShapeId()
  const centre = editor.getViewportPageBounds().center
  editor.markHistoryStoppingPoint('add service card')
  editor.createShape({
    id,
    type: 'note',
    x: centre.x - noteSize / 2,
    y: centre.y - noteSize / 2,
    props: { richText: toRichText(serviceCardText(locale)) },
  })
  editor.setCurrentTool('select')
  editor.select(id)
  editor.focus()
  startEditingShapeWithRichText(editor, id)
  return id
}

/** The page as the chain reader sees it: its shapes, and the bindings of its arrows. */
export function chainSource(editor: Editor, instance: Instance): ChainSource {
  const shapes = editor.getCurrentPageShapes()
  const bindings = shapes
    .filter((s) => s.type === 'arrow')
    .flatMap((arrow) => editor.getBindingsFromShape<TLArrowBinding>(arrow, 'arrow'))
  return {
    instance,
    shapes: new Map(shapes.map((s) => [s.id as string, s])),
    bindings,
    boundsOf: (shape: TLShape) => editor.getShapePageBounds(shape),
  }
}

/** Adds a cell for every hand-over drawn with arrows that has none yet; returns how many. */
export function addMissingHandovers(editor: Editor, instanceId: string): number {
  const instance = findPageInstance(editor, instanceId)
  if (!instance) return 0
  return growTemplateRepeatedly(editor, instanceId, 'addHandover', detectHandovers(chainSource(editor, instance)))
}
