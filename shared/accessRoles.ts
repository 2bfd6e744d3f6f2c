/**
 * The three access roles a board's links carry (`access.ts` says who may do what), without zod:
 * a phone's list names and ranks them before it talks to the relay, which checks them with
 * `Role` from `access.ts` (re-exported there with everything here).
 */

export const roles = ['facilitator', 'participant', 'observer'] as const
export type Role = (typeof roles)[number]

const rank: Record<Role, number> = { observer: 0, participant: 1, facilitator: 2 }
export const roleAtLeast = (role: Role, needed: Role) => rank[role] >= rank[needed]
/** Observers see everything live but change nothing; the relay drops their document updates. */
export const canEdit = (role: Role) => role !== 'observer'

/** The links kept for facilitators (`server/links/keptLinks.ts`), which a facilitator passes on and replaces. */
export const rotatableRoles = ['participant', 'observer'] as const satisfies readonly Role[]
export type RotatableRole = (typeof rotatableRoles)[number]
