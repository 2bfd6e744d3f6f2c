/**
 * The awareness field each client publishes about itself (`workshop: { role }`, read in
 * `entries/roles.ts`, which re-exports it), named here without zod: a phone's list publishes it
 * before it loads any schema (test/integration/phoneFirstLoad.test.ts).
 */
export const workshopField = 'workshop'
