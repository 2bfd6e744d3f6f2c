/**
 * Which parts of the board the list shows while it follows the room, as the canvas follows it:
 * the facilitator's current step (that step's cells of its template), what the facilitator last
 * brought everyone to („Alle zu mir“, each slide while presenting: the cells in their view), and
 * a member's own group page while a round of small groups is open. The latest of these wins; with
 * none, the plenary's templates. „Alle Teile zeigen“ lifts the filter (`all`).
 */
import type { GroupRound } from '../../shared/board/entries/groups.ts'
import { center, contains, type Box } from '../../shared/templates/geometry.ts'
import type { TemplatePart } from './contributionModel.ts'

/** Where the facilitator pointed the room, with the relay time it happened. */
export type Pointer =
  | { kind: 'step'; instance: string; key: string; at: number }
  | { kind: 'summon'; pageId: string; bounds: Box; at: number }
  | { kind: 'group'; pageId: string; name: string; at: number }

export interface InPlay {
  parts: TemplatePart[]
  /** The pointer the parts follow; undefined when none leads anywhere (the plenary as it is). */
  followed: Pointer | undefined
  /** How many parts there are in all: „Alle Teile zeigen“ is offered when some are left out. */
  hidden: boolean
}

export interface Room {
  round: GroupRound | undefined
  /** The page of this person's group while a round is open. */
  ownGroupPage: string | undefined
}

/** A stable name for a pointer: when it changes, the room moved on. */
export const pointerKey = (pointer: Pointer | undefined) =>
  !pointer
    ? ''
    : pointer.kind === 'step'
      ? `step:${pointer.instance}:${pointer.key}:${pointer.at}`
      : pointer.kind === 'summon'
        ? `summon:${pointer.pageId}:${pointer.at}`
        : `group:${pointer.pageId}:${pointer.at}`

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** The parts one pointer leads to, or nothing when it leads nowhere the list can show. */
function follow(templates: TemplatePart[], pointer: Pointer, room: Room): TemplatePart[] {
  switch (pointer.kind) {
    case 'step': {
      let template = templates.find((t) => t.instance === pointer.instance)
      // A group working on its own copy of the template follows the step there.
      if (template && room.ownGroupPage && template.pageId !== room.ownGroupPage)
        template = templates.find((t) => t.pageId === room.ownGroupPage && t.template === template!.template) ?? template
      if (!template) return []
      const cells = template.cells.filter((cell) => cell.steps.includes(pointer.key))
      return [cells.length > 0 ? { ...template, cells } : template]
    }
    case 'summon': {
      const onPage = templates.filter((t) => t.pageId === pointer.pageId)
      const inView = onPage.filter((t) => !t.box || overlaps(t.box, pointer.bounds))
      if (inView.length === 0) return onPage
      return inView.map((template) => {
        const cells = template.cells.filter((cell) => contains(pointer.bounds, center(cell.box)))
        return cells.length > 0 ? { ...template, cells } : template
      })
    }
    case 'group':
      return templates.filter((t) => t.pageId === pointer.pageId)
  }
}

/** The latest pointer that leads somewhere, and its parts; without one, the plenary's templates. */
export function partsInPlay(templates: TemplatePart[], pointers: readonly Pointer[], room: Room, all: boolean): InPlay {
  const named = nameGroupCopies(templates, room.round)
  const groupPages = new Set(room.round?.groups.map((g) => g.pageId) ?? [])
  const plenary = named.filter((t) => !groupPages.has(t.pageId))
  let followed: Pointer | undefined
  let parts = plenary.length > 0 ? plenary : named
  for (const pointer of [...pointers].sort((a, b) => b.at - a.at)) {
    const found = follow(named, pointer, room)
    if (found.length > 0) {
      followed = pointer
      parts = found
      break
    }
  }
  const cellCount = (list: TemplatePart[]) => list.reduce((n, t) => n + t.cells.length, 0)
  const hidden = cellCount(parts) < cellCount(named)
  return { parts: all ? named : parts, followed, hidden }
}

/** A group's copy says whose it is: the same template on several pages would read alike. */
function nameGroupCopies(templates: TemplatePart[], round: GroupRound | undefined): TemplatePart[] {
  if (!round) return templates
  return templates.map((template) => {
    const group = round.groups.find((g) => g.pageId === template.pageId)
    return group ? { ...template, title: `${template.title} · ${group.name}` } : template
  })
}
