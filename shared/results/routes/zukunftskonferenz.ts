/**
 * From the Zukunftskonferenz (H 4.3.8): its actions become the activities of the Teilziel the
 * action plan names. Its common ground („die Gemeinsamkeiten in den Visionen“) is what the goal
 * system is worked out from, several statements at several levels: all of it waits in the
 * Eingang, where the group sorts it. It went into the one Oberziel before, which made every shared
 * wish the network's single overall goal.
 */
import type { CarryContext, CarryRoute, SourceNote } from '../carryRoute.ts'
import { matchTeilziel } from '../matchTeilziel.ts'
import { pick, type Labels } from '../../locale.ts'
import { cellKey } from '../../templates/table.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'
import { zukunftskonferenzCells as zk } from '../../templates/zukunftskonferenz.ts'

const goal = (row: string) => cellKey(ziele.goals, row, ziele.col.beschreibung)
const eingang = ziele.eingangCell
const goalSaid: Labels = { de: 'Ziel', en: 'Goal' }

/** Where an action goes: its Teilziel's activities, else the goal system's Eingang (none on an old one). */
function place(ctx: CarryContext): { key: string | undefined; said: string } {
  const said = ctx.sameRow(zk.actions.col.ziel).join(' ').trim()
  const teilziele = new Map<number, string[]>()
  for (let n = 1; ctx.targetKeys.has(goal(ziele.teilziel(n))); n++) teilziele.set(n, ctx.targetNotes(goal(ziele.teilziel(n))))
  const n = matchTeilziel(said, teilziele)
  const activities = n === undefined ? undefined : goal(ziele.aktivitaet(n))
  if (activities && ctx.targetKeys.has(activities)) return { key: activities, said }
  return { key: ctx.targetKeys.has(eingang) ? eingang : undefined, said }
}

export const routes: CarryRoute[] = [
  {
    id: 'zk-actions-teilziel',
    from: 'zukunftskonferenz',
    to: 'zielsystem',
    what: { de: 'Maßnahmen', en: 'Actions' },
    source: { section: zk.actions.section, cols: [zk.actions.col.massnahme] },
    target: (_note, ctx) => place(ctx).key,
    // An activity's row asks who, by when and its indicator: the action's own go with it (the Eingang has no such columns).
    companions: [
      { from: zk.actions.col.wer, to: ziele.col.akteure, part: 'who' },
      { from: zk.actions.col.bisWann, to: ziele.col.bisWann, part: 'when' },
      { from: zk.actions.col.indikator, to: ziele.col.indikatoren, part: 'indicator' },
    ],
    // In the Eingang, the action keeps what it said about its goal, for the group to sort it.
    text: (note: SourceNote, ctx) => {
      const { key, said } = place(ctx)
      if (key !== eingang || !said) return note.text
      return `${pick(goalSaid, ctx.targetLocale)}: ${said} – ${note.text}`
    },
  },
  {
    id: 'zk-common-goal',
    from: 'zukunftskonferenz',
    to: 'zielsystem',
    what: { de: 'Gemeinsamkeiten', en: 'Common ground' },
    source: { section: zk.common.section, rows: (row) => row === zk.common.row.gemeinsamkeiten },
    target: (_note, ctx) => (ctx.targetKeys.has(eingang) ? eingang : undefined),
  },
]
