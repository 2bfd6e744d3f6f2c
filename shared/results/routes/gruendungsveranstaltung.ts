/**
 * From the Gründungsveranstaltung (H 3.3.3): who is still missing becomes a candidate of the
 * Beteiligtenanalyse; what the founding event agreed on its four rule topics is the first word of
 * the network's rules (H 4.3.9), topic by topic. What each organisation expects, for the target
 * group and for itself, is one partner's word, not yet the network's goal: it waits in the
 * Zielsystem's Eingang, saying whose it is, until the goal workshop (H 3.3.4) sorts it onto a
 * level. It went into the Projektziel before, which made one partner's hope the project's goal.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { pick, type Labels } from '../../locale.ts'
import { cellKey } from '../../templates/table.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { gruendungsveranstaltungCells as gruendung } from '../../templates/gruendungsveranstaltung.ts'
import { netzwerkregelnCells as regeln } from '../../templates/netzwerkregelnCells.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'

/** The Netzwerkregeln row of the founding event's rule topic (the same topic in both: Treffen, Architektur …). */
const ruleRow = new Map<string, string>(
  Object.entries(gruendung.regeln.rows).flatMap(([topic, row]) => {
    const theirs = (regeln.regeln.rows as Record<string, string>)[topic]
    return theirs ? [[row, theirs] as const] : []
  }),
)

const whose: Record<string, Labels> = {
  [gruendung.round.col.zielgruppe]: { de: 'für die Zielgruppe', en: 'for the target group' },
  [gruendung.round.col.einrichtung]: { de: 'für die eigene Organisation', en: 'for its own organisation' },
}

export const routes: CarryRoute[] = [
  {
    id: 'founding-missing',
    from: 'gruendungsveranstaltung',
    to: 'beteiligtenanalyse',
    what: { de: 'Wer fehlt noch?', en: 'Who is still missing?' },
    source: { section: gruendung.plenum.section, cols: [gruendung.plenum.col.fehlt] },
    target: () => beteiligte.kandidaten.block,
  },
  {
    id: 'founding-rules',
    from: 'gruendungsveranstaltung',
    to: 'netzwerkregeln',
    what: { de: 'Vereinbarte Regeln', en: 'Agreed rules' },
    source: { section: gruendung.regeln.section, cols: [gruendung.regeln.col.vereinbart], rows: (row) => ruleRow.has(row) },
    target: (note) => cellKey(regeln.regeln.section, ruleRow.get(note.cell.row ?? '')!, regeln.regeln.col.regel),
  },
  {
    id: 'founding-expectations',
    from: 'gruendungsveranstaltung',
    to: 'zielsystem',
    what: { de: 'Erwartungen der Organisationen', en: 'The organisations’ expectations' },
    source: { section: gruendung.round.section, cols: [gruendung.round.col.zielgruppe, gruendung.round.col.einrichtung] },
    // An old goal system without an Eingang has no place for them: counted, not put onto a level.
    target: (_note, ctx) => (ctx.targetKeys.has(ziele.eingangCell) ? ziele.eingangCell : undefined),
    text: (note, ctx) => `${note.cell.rowLabel ?? ''} (${pick(whose[note.cell.col ?? ''], ctx.targetLocale)}): ${note.text}`.trim(),
  },
]
