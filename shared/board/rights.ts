/**
 * Who may write to a board, in the words every rule of it uses: the three roles of a board's
 * links, and the rights the declaration (`declaration.ts`), the entries and the client's guards
 * ask about. Here, below everything, so that each right is stated once and the relay's judgement
 * loads nothing above the board to ask it.
 */
import { z } from 'zod'

export const roles = ['facilitator', 'participant', 'observer'] as const
export type Role = (typeof roles)[number]
export const Role = z.enum(roles)

const rank: Record<Role, number> = { observer: 0, participant: 1, facilitator: 2 }
export const roleAtLeast = (role: Role, needed: Role) => rank[role] >= rank[needed]
/** Observers see everything live but change nothing; the relay drops their document updates. */
export const canEdit = (role: Role) => role !== 'observer'
/** The facilitator's tools: every facilitation entry is the facilitator's to write. */
export const isFacilitator = (role: Role) => role === 'facilitator'
/** Pages: only the facilitator deletes them. */
export const mayDeletePage = (role: Role) => isFacilitator(role)
