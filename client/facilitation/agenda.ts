/**
 * Template agendas on the board, read through the editor: which instances have steps, where a
 * step's header and working area are on the page, and moving the camera there.
 */
import type { Editor, TLPageId, TLShape } from 'tldraw'
import type { CurrentStep } from '../../shared/board/entries/step.ts'
import { agendaSteps, instanceLayout, stepAreaKeys, type AgendaStep } from '../../shared/templates/steps.ts'
import { union, type Box } from '../../shared/templates/geometry.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { findKnownInstances } from '../../shared/templates/knownTemplates.ts'
import { isScaffold } from '../../shared/board/scaffoldMeta.ts'
import { showBounds } from '../templates/showInView.ts'
import { pageInstances } from '../templates/pageInstances.ts'

export interface StepInstance {
  instance: Instance
  steps: AgendaStep[]
  pageId: TLPageId
}

const withSteps = (editor: Editor, instances: Instance[]): StepInstance[] =>
  instances
    .map((instance) => ({ instance, steps: agendaSteps(instance), pageId: editor.getAncestorPageId(instance.title)! }))
    .filter((i) => i.steps.length > 0 && i.pageId !== undefined)

/** Instances with an agenda on the current page, in the order they were inserted. */
export const pageStepInstances = (editor: Editor): StepInstance[] =>
  withSteps(editor, pageInstances(editor))

/** The instance a stored step names, wherever it is (it may be on another page). */
export function findStepInstance(editor: Editor, step: CurrentStep): StepInstance | undefined {
  const onPage = pageStepInstances(editor).find((i) => i.instance.instance === step.instance)
  if (onPage) return onPage
  const scaffold = editor.store.query.records('shape').get().filter(isScaffold)
  return withSteps(editor, findKnownInstances(scaffold)).find((i) => i.instance.instance === step.instance)
}

/** A step's name and where it lies among its agenda's steps: the `n`th (from 1) of `total`. */
export interface StepWhere {
  label: string
  n: number
  total: number
}

/** Where `key` lies among an agenda's step keys, counted from 1 (0 of them where it is not there). */
export function placeAmong(keys: readonly string[], key: string): Pick<StepWhere, 'n' | 'total'> {
  return { n: keys.indexOf(key) + 1, total: keys.length }
}

export interface StepPlace {
  /** The step header's page bounds, if the header is still there. */
  header: Box | undefined
  /** The step's working area (its cells and section headers). */
  area: Box | undefined
}

const boxOf = (editor: Editor, shape: TLShape | undefined): Box | undefined => {
  const b = shape && editor.getShapePageBounds(shape)
  return b ? { x: b.x, y: b.y, w: b.w, h: b.h } : undefined
}

export function stepPlace(editor: Editor, stepInstance: StepInstance, key: string): StepPlace {
  const { instance } = stepInstance
  const keys = stepAreaKeys(instance.template, instanceLayout(instance), key)
  const boxes = keys.map((k) => boxOf(editor, instance.shapes.get(k))).filter((b): b is Box => b !== undefined)
  return { header: boxOf(editor, instance.shapes.get(key)), area: union(boxes) }
}

/** Moves the camera to the step (its area, or at least its header), switching page if needed. */
export function showStep(editor: Editor, stepInstance: StepInstance, key: string, animate = true) {
  if (editor.getCurrentPageId() !== stepInstance.pageId) editor.setCurrentPage(stepInstance.pageId)
  const place = stepPlace(editor, stepInstance, key)
  const target = place.area ?? place.header
  if (!target) return
  if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
  showBounds(editor, target, undefined, animate)
}
