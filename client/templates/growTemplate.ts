/**
 * Growing a template that is already on the board (one more partner, scene, group, hand-over):
 * the scaffold is locked, so the changes go in with the lock ignored, as one history step.
 */
import { pageInstances } from './pageInstances.ts'
import { createShapeId, type Editor, type TLShape } from 'tldraw'
import { GrowRefused, type GrowResult, type Instance } from '../../shared/templates/instance.ts'
import { growInstance } from '../../shared/templates/catalogue.ts'

export const findPageInstance = (editor: Editor, instance: string): Instance | undefined =>
  pageInstances(editor).find((i) => i.instance === instance)

/** What one grow action would create and change, read from the page as it is now. */
export function planGrowth(editor: Editor, instance: Instance, actionId: string, input?: string): GrowResult {
  return growInstance({
    shapes: editor.getCurrentPageShapes(),
    instance,
    actionId,
    input,
    boundsOf: (shape: TLShape) => editor.getShapePageBounds(shape),
    newShapeId: () => createShapeId(),
  })
}

function applyGrowth(editor: Editor, { create, update }: GrowResult) {
  editor.createShapes(create)
  editor.updateShapes(update)
}

/**
 * Plans a grow action; undefined when the template refuses (it is at a limit, or already has
 * what was asked for).
 */
function tryPlanGrowth(editor: Editor, instance: Instance, actionId: string, input?: string): GrowResult | undefined {
  try {
    return planGrowth(editor, instance, actionId, input)
  } catch (error) {
    if (error instanceof GrowRefused) return undefined
    throw error
  }
}

export type GrowOutcome = 'grown' | 'refused' | 'gone'

/** Applies one grow action as one history step. */
export function growTemplate(editor: Editor, instanceId: string, actionId: string, input?: string): GrowOutcome {
  const instance = findPageInstance(editor, instanceId)
  if (!instance) return 'gone'
  const growth = tryPlanGrowth(editor, instance, actionId, input)
  if (!growth) return 'refused'
  editor.markHistoryStoppingPoint(`grow template ${actionId}`)
  editor.run(() => applyGrowth(editor, growth), { ignoreShapeLock: true })
  return 'grown'
}

/**
 * Applies the same grow action once per input, as one history step: each step reads the page
 * as the previous one left it; inputs the template refuses are skipped. Returns how many took.
 */
export function growTemplateRepeatedly(editor: Editor, instanceId: string, actionId: string, inputs: string[]): number {
  if (inputs.length === 0 || !findPageInstance(editor, instanceId)) return 0
  let applied = 0
  const mark = editor.markHistoryStoppingPoint(`grow template ${actionId} ×${inputs.length}`)
  editor.run(
    () => {
      for (const input of inputs) {
        const instance = findPageInstance(editor, instanceId)
        const growth = instance && tryPlanGrowth(editor, instance, actionId, input)
        if (!growth) continue
        applyGrowth(editor, growth)
        applied++
      }
    },
    { ignoreShapeLock: true },
  )
  // Nothing changed: no empty step for undo to stumble over.
  if (applied === 0) editor.bailToMark(mark)
  return applied
}
