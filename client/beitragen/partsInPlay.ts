/**
 * Which parts of the board the list shows while it follows the room, as the canvas follows it:
 * the facilitator's current step (that step's cells of its template), the part the facilitator
 * last brought everyone to (`focus`: „Alle zu …“, „Alle zu mir“, each slide while presenting),
 * and a member's own group page while a round of small groups is open. All three are in the doc,
 * so a phone that joins or reloads later starts where the others are. The latest of these wins;
 * with none, the plenary's templates. „Alle Teile zeigen“ lifts the filter (`all`).
 */
import type { CurrentStep } from '../../shared/board/entries/step.ts'
import type { Focus } from '../../shared/board/entries/focus.ts'
import type { GroupRound } from '../../shared/board/entries/groups.ts'
import { center, contains } from '../../shared/templates/geometry.ts'
import type { TemplatePart } from './contributionModel.ts'

/** Where the facilitator pointed the room, with the relay time it happened. */
export type Pointer =
  | { kind: 'step'; instance: string; key: string; at: number }
  | ({ kind: 'focus' } & Focus)
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

/**
 * Whether the list names the current step: not while it shows another part the room was brought
 * to (presenting ended on a template without that step): two "current" things would disagree.
 */
export function stepNamedBeside(followed: Pointer | undefined, step: Pick<CurrentStep, 'instance'> | undefined): boolean {
  if (!step) return false
  return followed?.kind !== 'focus' || followed.part === step.instance
}

/** A stable name for a pointer: when it changes, the room moved on. */
export const pointerKey = (pointer: Pointer | undefined) =>
  !pointer
    ? ''
    : pointer.kind === 'step'
      ? `step:${pointer.instance}:${pointer.key}:${pointer.at}`
      : pointer.kind === 'focus'
        ? `focus:${pointer.pageId}:${pointer.part}:${pointer.at}`
        : `group:${pointer.pageId}:${pointer.at}`

/** The room's pointers as the doc holds them: what a list, also a newcomer's, starts at. */
export function roomPointers(room: { currentStep?: CurrentStep; focus?: Focus; groups?: GroupRound }, group: { pageId: string; name: string } | undefined): Pointer[] {
  const pointers: Pointer[] = []
  if (room.currentStep) pointers.push({ kind: 'step', instance: room.currentStep.instance, key: room.currentStep.key, at: room.currentStep.setAt })
  if (room.focus) pointers.push({ kind: 'focus', ...room.focus })
  if (room.groups && group) pointers.push({ kind: 'group', pageId: group.pageId, name: group.name, at: room.groups.openedAt })
  return pointers
}

/**
 * The templates a part of a page holds: the template it is (its instance id), or those lying in
 * it (a frame: their middle inside its bounds).
 */
export function partTemplates(templates: readonly TemplatePart[], part: Pick<Focus, 'part' | 'pageId' | 'bounds'>): TemplatePart[] {
  const onPage = templates.filter((t) => t.pageId === part.pageId)
  const own = onPage.filter((t) => t.instance === part.part)
  if (own.length > 0 || !part.bounds) return own
  const bounds = part.bounds
  return onPage.filter((t) => t.box && contains(bounds, center(t.box)))
}

/**
 * The cells a part means: those named (a slide's, which may be a piece of a step), else one
 * step's; all of them when that leaves none.
 */
export function partCells(template: TemplatePart, narrow: { step?: string; cells?: readonly string[] }): TemplatePart {
  const cells = narrow.cells
    ? template.cells.filter((cell) => narrow.cells!.includes(cell.key))
    : narrow.step
      ? template.cells.filter((cell) => cell.steps.includes(narrow.step!))
      : []
  return cells.length > 0 ? { ...template, cells } : template
}

/** A group working on its own copy of a template follows the room there. */
function inOwnCopy(templates: TemplatePart[], template: TemplatePart, room: Room): TemplatePart {
  if (!room.ownGroupPage || template.pageId === room.ownGroupPage) return template
  return templates.find((t) => t.pageId === room.ownGroupPage && t.template === template.template) ?? template
}

/** The parts one pointer leads to, or nothing when it leads nowhere the list can show. */
function follow(templates: TemplatePart[], pointer: Pointer, room: Room): TemplatePart[] {
  switch (pointer.kind) {
    case 'step': {
      const template = templates.find((t) => t.instance === pointer.instance)
      return template ? [partCells(inOwnCopy(templates, template, room), { step: pointer.key })] : []
    }
    case 'focus':
      return partTemplates(templates, pointer).map((template) => partCells(inOwnCopy(templates, template, room), pointer))
    case 'group':
      return templates.filter((t) => t.pageId === pointer.pageId)
  }
}

/** Of pointers set at the same moment (presenting sets the step and the slide), the part named more closely. */
const closeness = { focus: 0, step: 1, group: 2 } as const

/** The latest pointer that leads somewhere, and its parts; without one, the plenary's templates. */
export function partsInPlay(templates: TemplatePart[], pointers: readonly Pointer[], room: Room, all: boolean): InPlay {
  const named = nameGroupCopies(templates, room.round)
  const groupPages = new Set(room.round?.groups.map((g) => g.pageId) ?? [])
  const plenary = named.filter((t) => !groupPages.has(t.pageId))
  let followed: Pointer | undefined
  let parts = plenary.length > 0 ? plenary : named
  for (const pointer of [...pointers].sort((a, b) => b.at - a.at || closeness[a.kind] - closeness[b.kind])) {
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
