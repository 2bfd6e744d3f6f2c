/**
 * Opening a round of small groups and collecting it back, on the facilitator's editor. The round
 * itself is the `groups` entry (`shared/board/entries/groups.ts`); the copy back is planned by
 * `shared/board/collectGroups.ts` and written here in one step.
 */
import { PageRecordType } from '@tldraw/tlschema'
import { Box, createBindingId, createShapeId, getIndicesAbove, uniqueId, type Editor, type TLPageId, type TLRecord, type TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { planCollect, type BindingRecord, type GroupPage, type ShapeRecord } from '../../shared/board/collectGroups.ts'
import { groupsEntry, type GroupRound } from '../../shared/board/entries/groups.ts'
import type { Locale } from '../../shared/locale.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { insertTemplate } from '../templates/insertTemplate.ts'

export interface NewRound {
  groups: { name: string; members: string[] }[]
  template: TemplateName | null
}

/**
 * One page per group, named after it, each with its own copy of the template; then the round
 * is stored, and the facilitator stays on the plenary page.
 */
export function openGroupRound(editor: Editor, doc: Y.Doc, round: NewRound, locale: Locale, now: number): GroupRound {
  const plenaryPageId = editor.getCurrentPageId()
  const pages = round.groups.map(() => PageRecordType.createId())
  editor.run(() => {
    round.groups.forEach((group, i) => editor.createPage({ id: pages[i], name: group.name }))
    if (round.template) {
      for (const pageId of pages) {
        editor.setCurrentPage(pageId)
        insertTemplate(editor, round.template, {}, locale)
      }
    }
    editor.setCurrentPage(plenaryPageId)
  })
  const stored: GroupRound = {
    id: uniqueId(),
    plenaryPageId,
    template: round.template,
    groups: round.groups.map((group, i) => ({ name: group.name, pageId: pages[i]!, members: group.members })),
    openedAt: now,
  }
  groupsEntry.set(doc, stored)
  return stored
}

/** Page bounds of the top-level shapes on a page, or null when it is empty. */
function contentBounds(editor: Editor, pageId: TLPageId): Box | null {
  const boxes = editor.getSortedChildIdsForParent(pageId).flatMap((id) => editor.getShapePageBounds(id) ?? [])
  return boxes.length ? Box.Common(boxes) : null
}

function groupPage(editor: Editor, group: GroupRound['groups'][number]): GroupPage {
  const pageId = group.pageId as TLPageId
  const ids = editor.getPageShapeIds(pageId)
  const shapes = [...ids].flatMap((id) => editor.getShape(id) ?? []) as unknown as ShapeRecord[]
  const bindings = [...ids].flatMap((id) => editor.getBindingsFromShape(id, 'arrow')) as unknown as BindingRecord[]
  const bounds = contentBounds(editor, pageId)
  return { name: group.name, pageId, shapes, bindings, bounds: bounds && { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h } }
}

export type Collected = { kind: 'collected'; frames: TLShapeId[] } | { kind: 'tooMany'; count: number } | { kind: 'gone' }

/**
 * "Zurückholen": every group's page copied side by side onto the plenary page, right of what it
 * holds, each in a frame with the group's name; then the round closes and the facilitator sees
 * the results. The groups' pages are only read.
 */
export function collectGroupRound(editor: Editor, doc: Y.Doc, round: GroupRound): Collected {
  const plenary = round.plenaryPageId as TLPageId
  // The plenary page was deleted meanwhile: the results go on the page in view.
  const target = editor.getPage(plenary) ? plenary : editor.getCurrentPageId()
  const groups = round.groups.filter((g) => editor.getPage(g.pageId as TLPageId)).map((g) => groupPage(editor, g))
  if (groups.length === 0) {
    groupsEntry.set(doc, null)
    return { kind: 'gone' }
  }
  const existing = contentBounds(editor, target)
  const topmost = editor.getSortedChildIdsForParent(target).at(-1)
  const plan = planCollect(groups, {
    plenaryPageId: target,
    origin: existing ? { x: existing.maxX + 400, y: existing.y } : { x: 0, y: 0 },
    frameIndices: getIndicesAbove(topmost ? editor.getShape(topmost)?.index : null, groups.length),
    newShapeId: createShapeId,
    newBindingId: createBindingId,
    newInstance: uniqueId,
  })
  if (plan.kind === 'tooMany') return plan
  editor.markHistoryStoppingPoint('collect groups')
  editor.run(() => {
    editor.store.put([...plan.frames, ...plan.headings, ...plan.shapes, ...plan.bindings] as unknown as TLRecord[])
    editor.setCurrentPage(target)
  })
  groupsEntry.set(doc, null)
  const frames = plan.frames.map((f) => f.id as TLShapeId)
  const bounds = Box.Common(frames.flatMap((id) => editor.getShapePageBounds(id) ?? []))
  // Room on the left, where the facilitation dock lies over the canvas.
  const room = bounds.w * 0.15
  editor.zoomToBounds(new Box(bounds.x - room, bounds.y, bounds.w + room, bounds.h), { inset: 40, animation: { duration: 0 } })
  return { kind: 'collected', frames }
}
