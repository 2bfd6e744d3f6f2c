/**
 * From the Zukunftskonferenz (H 4.3.8): its actions become the activities of the Teilziel the
 * action plan names, its common ground the goal system's Oberziel.
 */
import type { CarryContext, CarryRoute, SourceNote } from '../carryRoute.ts'
import { matchTeilziel } from '../matchTeilziel.ts'

// Until the templates declare them (zielsystemCells, zukunftskonferenzCells).
const ziele = {
  teilziel: (n: number) => `ziele:cell:t${n}:beschreibung`,
  aktivitaet: (n: number) => `ziele:cell:a${n}:beschreibung`,
  eingang: 'ziele:cell:eingang:beschreibung',
  oberziel: 'ziele:cell:oberziel:beschreibung',
}

/** Where an action goes: its Teilziel's activities, else the goal system's Eingang (none on an old one). */
function place(ctx: CarryContext): { key: string | undefined; said: string } {
  const said = ctx.sameRow('ziel').join(' ').trim()
  const teilziele = new Map<number, string[]>()
  for (let n = 1; ctx.targetKeys.has(ziele.teilziel(n)); n++) teilziele.set(n, ctx.targetNotes(ziele.teilziel(n)))
  const n = matchTeilziel(said, teilziele)
  if (n !== undefined && ctx.targetKeys.has(ziele.aktivitaet(n))) return { key: ziele.aktivitaet(n), said }
  return { key: ctx.targetKeys.has(ziele.eingang) ? ziele.eingang : undefined, said }
}

export const routes: CarryRoute[] = [
  {
    id: 'zk-actions-teilziel',
    from: 'zukunftskonferenz',
    to: 'zielsystem',
    what: { de: 'Maßnahmen', en: 'Actions' },
    source: { section: 'actions', cols: ['massnahme'] },
    target: (_note, ctx) => place(ctx).key,
    // In the Eingang, the action keeps what it said about its goal, for the group to sort it.
    text: (note: SourceNote, ctx) => {
      const { key, said } = place(ctx)
      if (key !== ziele.eingang || !said) return note.text
      return `${ctx.targetLocale === 'en' ? 'Goal' : 'Ziel'}: ${said} – ${note.text}`
    },
  },
  {
    id: 'zk-common-goal',
    from: 'zukunftskonferenz',
    to: 'zielsystem',
    what: { de: 'Gemeinsamkeiten', en: 'Common ground' },
    source: { section: 'common', rows: (row) => row === 'common' },
    target: () => ziele.oberziel,
  },
]
