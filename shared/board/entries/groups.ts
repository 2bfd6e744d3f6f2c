/**
 * A round of small groups, stored under `facilitation.groups` while it is open: each group's
 * name, its own page (holding its copy of the template) and the people the facilitator put in it.
 * People not put in a group find theirs by the group's join code (`../../joinCode.ts`: the
 * participant code with the group's number appended), which the browser remembers per board.
 * "Zurückholen" copies every group's page into the plenary (`../collectGroups.ts`) and removes
 * the entry: the round is closed, the group pages stay as they are.
 *
 * Only the facilitator writes it. Bounded: at most `maxGroups` groups of `maxMembers` each.
 */
import { z } from 'zod'
import { pick, type Labels, type Locale } from '../../locale.ts'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'
import type { PlanspielRole } from './roles.ts'

export const minGroups = 2
export const maxGroups = 12
export const maxMembers = 200
export const maxGroupName = 60

const pageId = z.string().regex(/^page:[\w-]{1,80}$/)
/** A tldraw user id as presence carries it (`user:…`), as in `roles.ts`. */
const userId = z.string().min(1).max(200)

export const Group = z.object({
  name: z.string().trim().min(1).max(maxGroupName),
  pageId,
  members: z.array(userId).max(maxMembers),
})
export type Group = z.infer<typeof Group>

export const GroupRound = z
  .object({
    id: z.string().min(1).max(40),
    /** The page the round was opened from, where the results come back to. */
    plenaryPageId: pageId,
    /** The registry's name of the template each group got a copy of; null: an empty page. */
    template: z.string().min(1).max(40).nullable(),
    groups: z.array(Group).min(minGroups).max(maxGroups),
    openedAt: z.number(),
  })
  .refine((round) => new Set([round.plenaryPageId, ...round.groups.map((g) => g.pageId)]).size === round.groups.length + 1, {
    message: 'every group has its own page, apart from the plenary',
  })
  .refine((round) => new Set(round.groups.flatMap((g) => g.members)).size === round.groups.reduce((n, g) => n + g.members.length, 0), {
    message: 'a person is in one group at most',
  })
export type GroupRound = z.infer<typeof GroupRound>

export const groupsEntry = defineEntry({ key: 'groups', schema: GroupRound, default: undefined, mayWrite: isFacilitator })

/** The open round, or undefined when there is none (or none we understand). */
export const readGroupRound = groupsEntry.read

/**
 * The index of the group `userId` belongs to: the facilitator's choice first, else the group
 * number (1-based) the person's join code carried; null when neither names a group of the round.
 */
export function groupOf(round: GroupRound, userId: string | null, codeGroup: number | null): number | null {
  if (userId !== null) {
    const chosen = round.groups.findIndex((g) => g.members.includes(userId))
    if (chosen >= 0) return chosen
  }
  if (codeGroup !== null && codeGroup >= 1 && codeGroup <= round.groups.length) return codeGroup - 1
  return null
}

/** Someone present, as the form to open a round sees them. */
export interface Person {
  userId: string
  /** The Planspiel group their role puts them in, if they have one (`planspielRoleGroup`). */
  roleGroup?: RoleGroup
}

export interface RoleGroup {
  /** Where the group comes among the others: the Planspiel's order, free roles after. */
  rank: number
  name: string
}

/** The Planspiel's three groups, as its template names them (`templates/planspiel.ts`). */
const roleGroupNames = {
  players: { de: 'Gruppe 1 · Spiel', en: 'Group 1 · Play' },
  advisers: { de: 'Gruppe 2 · Beratung', en: 'Group 2 · Advice' },
  observers: { de: 'Gruppe 3 · Beobachtung', en: 'Group 3 · Observation' },
} satisfies Record<string, Labels>

/**
 * The Planspiel group of a role (`roles.ts`): the client and the organisations play, advisers
 * advise, observers observe; a free role is a group of its own.
 */
export function planspielRoleGroup(role: PlanspielRole, locale: Locale): RoleGroup {
  switch (role.kind) {
    case 'client':
    case 'organisation':
      return { rank: 0, name: pick(roleGroupNames.players, locale) }
    case 'adviser':
      return { rank: 1, name: pick(roleGroupNames.advisers, locale) }
    case 'observer':
      return { rank: 2, name: pick(roleGroupNames.observers, locale) }
    case 'custom':
      return { rank: 3, name: role.text }
  }
}

/**
 * Puts people into `count` groups at random, as evenly as possible. `random` is `Math.random`
 * outside tests.
 */
export function formRandomly(people: readonly Person[], count: number, random: () => number = Math.random): string[][] {
  const ids = people.map((p) => p.userId)
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[ids[i], ids[j]] = [ids[j]!, ids[i]!]
  }
  const groups: string[][] = Array.from({ length: count }, () => [])
  ids.forEach((id, i) => groups[i % count]!.push(id))
  return groups
}

/**
 * One group per Planspiel group held by someone present (Spiel, Beratung, Beobachtung, then free
 * roles in the order they first appear); people without a role are in none (they join by code).
 * At most `maxGroups`.
 */
export function formByRole(people: readonly Person[]): { name: string; members: string[] }[] {
  const byGroup = new Map<string, { rank: number; members: string[] }>()
  for (const person of people) {
    if (!person.roleGroup) continue
    const group = byGroup.get(person.roleGroup.name) ?? { rank: person.roleGroup.rank, members: [] }
    group.members.push(person.userId)
    byGroup.set(person.roleGroup.name, group)
  }
  return [...byGroup]
    .sort(([, a], [, b]) => a.rank - b.rank)
    .slice(0, maxGroups)
    .map(([name, { members }]) => ({ name: name.slice(0, maxGroupName), members }))
}

/**
 * The groups a template on the page lays out (a Planspiel's small groups for the evaluation, a
 * Zukunftskonferenz's small groups), with the names written into them (a Planspiel's draw), as
 * groups of the people present: a name is matched to the one person present who goes by it.
 */
export function groupsByName(groups: readonly { name: string; memberNames: readonly string[] }[], people: readonly (Person & { name: string })[]): { name: string; members: string[] }[] {
  const key = (name: string) => name.trim().toLocaleLowerCase()
  const byName = new Map<string, string | null>()
  for (const person of people) byName.set(key(person.name), byName.has(key(person.name)) ? null : person.userId)
  const placed = new Set<string>()
  return groups.slice(0, maxGroups).map((group) => ({
    name: group.name.slice(0, maxGroupName),
    members: group.memberNames.flatMap((name) => {
      const id = byName.get(key(name))
      if (!id || placed.has(id)) return []
      placed.add(id)
      return [id]
    }),
  }))
}
