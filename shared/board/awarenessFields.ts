/**
 * The awareness field each client publishes about itself (`workshop: { role }`, read in
 * `entries/roles.ts`, which re-exports it), named and read here without zod: a phone's list
 * publishes it and the canvas's first paint reads it before either loads any schema
 * (test/integration/phoneFirstLoad.test.ts).
 */
import { roles, type Role } from '../accessRoles.ts'

export const workshopField = 'workshop'

/** A client's workshop field as `WorkshopPresence` (`entries/roles.ts`) reads it, or undefined. */
export function readWorkshopPresence(value: unknown): { role: Role } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const { role } = value as { role?: unknown }
  return (roles as readonly unknown[]).includes(role) ? { role: role as Role } : undefined
}
