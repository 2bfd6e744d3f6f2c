/**
 * Who may write to a board, in the words every rule of it uses: the rights the declaration
 * (`declaration.ts`), the entries and the client's guards ask about, each stated once. The link
 * roles and who edits at all (`canEdit`) are the links' own, one floor lower (`../accessRoles.ts`,
 * zod-free: a phone's list asks these; the relay's schema `Role` is in `../access.ts`).
 */
import { canEdit, type Role } from '../accessRoles.ts'

export { canEdit, type Role }

/** The facilitator's tools: every facilitation entry is the facilitator's to write. */
export const isFacilitator = (role: Role) => role === 'facilitator'
/** Pages: only the facilitator deletes them. */
export const mayDeletePage = (role: Role) => isFacilitator(role)
