/**
 * Who may take the board's results home (`facilitation/exports`). Handbooks have a network
 * publish results only once it agrees, so exports need the participant link; the facilitator can
 * open them to the read-only link, e.g. for a steering group that only reads.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { canEdit, isFacilitator, type Role } from '../rights.ts'

export const ExportRights = z.object({ observers: z.boolean() })
export type ExportRights = z.infer<typeof ExportRights>

export const exportsEntry = defineEntry({ key: 'exports', schema: ExportRights, default: { observers: false }, mayWrite: isFacilitator })

export const readExportRights = exportsEntry.read

export const mayExport = (role: Role, rights: unknown) => canEdit(role) || readExportRights(rights).observers
