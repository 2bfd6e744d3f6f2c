/**
 * Who may take the board's results home (`facilitation/exports`). Handbooks have a network
 * publish results only once it agrees, so exports need the participant link; the facilitator can
 * open them to the read-only link, e.g. for a steering group that only reads.
 */
import { z } from 'zod'
import type { Role } from '../../access.ts'

export const ExportRights = z.object({ observers: z.boolean() })
export type ExportRights = z.infer<typeof ExportRights>

export function readExportRights(value: unknown): ExportRights {
  const parsed = ExportRights.safeParse(value)
  return parsed.success ? parsed.data : { observers: false }
}

export const mayExport = (role: Role, rights: unknown) => role !== 'observer' || readExportRights(rights).observers
