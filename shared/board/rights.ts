/**
 * Who may write to a board, in the words every rule of it uses: the rights the declaration
 * (`declaration.ts`), the entries and the client's guards ask about, each stated once. The link
 * roles and who edits at all (`canEdit`) are the links' own, one floor lower (`../access.ts`).
 */
import { canEdit, Role } from '../access.ts'

export { canEdit, Role }

/** The facilitator's tools: every facilitation entry is the facilitator's to write. */
export const isFacilitator = (role: Role) => role === 'facilitator'
/** Pages: only the facilitator deletes them. */
export const mayDeletePage = (role: Role) => isFacilitator(role)
