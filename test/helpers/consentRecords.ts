/** The Fallkonferenz's recorded confirmations (`shared/board/entries/consent.ts`), as tests keep them. */
import type { TLShape } from '@tldraw/tlschema'
import { consentKey, type CaseConsent, type ConsentRecords } from '../../shared/board/entries/consent.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'

/** Every confirmation recorded: three Stellen at the table, all three released in writing. */
export const completeConsent: CaseConsent = {
  einverstaendnis: 'liegt-vor',
  entbindung: 'liegt-vor',
  entbundeneStellen: ['Jobcenter', 'Schuldnerberatung', 'Jugendamt'],
  anwesendeStellen: ['Jobcenter', 'Schuldnerberatung', 'Jugendamt'],
  nurPseudonym: true,
  moderation: 'B. Sommer (Koordination)',
  moderationNichtEinbringend: true,
  datum: '2026-11-25',
  bestaetigtVon: 'BS',
}

/** A complete record for every Fallkonferenz among `shapes` (each title on its page). */
export function recordedFor(shapes: Iterable<TLShape>, record: CaseConsent = completeConsent): ConsentRecords {
  const cases: Record<string, CaseConsent> = {}
  for (const shape of shapes) {
    const meta = scaffoldMeta(shape)
    if (meta?.kind === 'title' && meta.template === 'fallkonferenz') cases[consentKey(meta.instance, shape.parentId)] = record
  }
  return { cases }
}
