/**
 * Who is who in the room.
 *
 * - Access role (facilitator, participant, observer; `../rights.ts`): each client publishes
 *   its own in awareness as the field `workshop: { role }`, so that others can tell the
 *   facilitator apart (follow, "Alle zu mir", the people list). Awareness, because it belongs to
 *   the person's connection and vanishes with it.
 * - Planspiel role (Klientin, an organisation, Beratung, Beobachtung, free text): assigned by
 *   the facilitator, stored in the doc under `facilitation.roles` as
 *   `{ [presence userId]: PlanspielRole }`, so it survives reloads and reconnects.
 */
import { z } from 'zod'
import { pick, type Labels, type Locale } from '../../locale.ts'
import { defineEntry } from '../entry.ts'
import { Role } from '../../access.ts'
import { isFacilitator } from '../rights.ts'

export { workshopField, readWorkshopPresence } from '../awarenessFields.ts'

export const WorkshopPresence = z.object({ role: Role })
export type WorkshopPresence = z.infer<typeof WorkshopPresence>

/**
 * The one name of each access role, for its link, the people list and every hint. The read-only
 * link is called what it does ("Nur ansehen"), so that "Beobachtende" means only the Planspiel's
 * observers, who are participants with a role and write their feedback.
 */
export const accessRoleLabels: Record<Role, Labels> = {
  facilitator: { de: 'Moderation', en: 'Facilitator' },
  participant: { de: 'Teilnehmende', en: 'Participant' },
  observer: { de: 'Nur ansehen', en: 'View only' },
}

const text = z.string().trim().min(1).max(80)

export const PlanspielRole = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client') }),
  /** One of the organisations of a Planspiel on the board, by its name. */
  z.object({ kind: z.literal('organisation'), name: text }),
  z.object({ kind: z.literal('adviser') }),
  z.object({ kind: z.literal('observer') }),
  z.object({ kind: z.literal('custom'), text }),
])
export type PlanspielRole = z.infer<typeof PlanspielRole>

/** A tldraw user id as presence carries it (`user:…`). */
const userId = z.string().min(1).max(200)
const maxAssignments = 500

export type RoleAssignments = Record<string, PlanspielRole>

/**
 * The stored assignments. Lenient per entry: one bad entry (an older client, a hand-edited doc)
 * drops only itself, not everybody's role.
 */
export function readRoleAssignments(value: unknown): RoleAssignments {
  const result: RoleAssignments = {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return result
  for (const [id, raw] of Object.entries(value).slice(0, maxAssignments)) {
    const role = PlanspielRole.safeParse(raw)
    if (userId.safeParse(id).success && role.success) result[id] = role.data
  }
  return result
}

export const rolesEntry = defineEntry({
  key: 'roles',
  // The relay takes any map of people; readers keep the valid assignments (`readRoleAssignments`).
  schema: z.record(z.string().max(200), z.unknown()),
  default: {} as RoleAssignments,
  readStored: readRoleAssignments,
  mayWrite: isFacilitator,
})

/** New assignments with `role` for that person, or without them when `role` is null. */
export function assignRole(current: RoleAssignments, person: string, role: PlanspielRole | null): RoleAssignments {
  const { [person]: _previous, ...others } = current
  if (role === null) return others
  if (!userId.safeParse(person).success) throw new Error('invalid user id')
  return { ...others, [person]: PlanspielRole.parse(role) }
}

const fixedLabels = {
  client: { de: 'Alleinerziehende(r)', en: 'Single parent' },
  adviser: { de: 'Beraterinnen und Berater', en: 'Advisers' },
  observer: { de: 'Beobachtende', en: 'Observer' },
} satisfies Record<'client' | 'adviser' | 'observer', Labels>

export function planspielRoleLabel(role: PlanspielRole, locale: Locale): string {
  switch (role.kind) {
    case 'organisation':
      return role.name
    case 'custom':
      return role.text
    default:
      return pick(fixedLabels[role.kind], locale)
  }
}

/**
 * The roles a facilitator can pick from: the client, every organisation of the Planspiele on the
 * page (in their order, each name once), advisers and observers. Free text comes on top.
 */
export function planspielRoleChoices(organisationLists: readonly (readonly string[])[]): PlanspielRole[] {
  const names: string[] = []
  for (const list of organisationLists) {
    for (const name of list) {
      const trimmed = name.trim()
      if (trimmed && !names.includes(trimmed)) names.push(trimmed)
    }
  }
  return [
    { kind: 'client' },
    ...names.map((name): PlanspielRole => ({ kind: 'organisation', name })),
    { kind: 'adviser' },
    { kind: 'observer' },
  ]
}

export const sameRole = (a: PlanspielRole | undefined, b: PlanspielRole | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
