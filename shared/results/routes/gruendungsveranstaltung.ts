/**
 * From the Gründungsveranstaltung (H 3.3.3): who is still missing becomes a candidate of the
 * Beteiligtenanalyse; what the founding event agreed on its four rule topics is the first word of
 * the network's rules (H 4.3.9), topic by topic. What the partners expect for the target group
 * ("Was soll sich durch das Netzwerk für die Menschen ändern?") is the Zielsystem's Projektziel,
 * the benefit reached at the target group (H 3.3.4), as the Projektziel's own prompt asks.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { gruendungsveranstaltungCells as gruendung } from '../../templates/gruendungsveranstaltung.ts'
import { netzwerkregelnCells as regeln } from '../../templates/netzwerkregeln.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'

/** The Netzwerkregeln row of the founding event's rule topic (the same topic in both: Treffen, Architektur …). */
const ruleRow = new Map<string, string>(
  Object.entries(gruendung.regeln.rows).flatMap(([topic, row]) => {
    const theirs = (regeln.regeln.rows as Record<string, string>)[topic]
    return theirs ? [[row, theirs] as const] : []
  }),
)

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
    what: { de: 'Erwartungen für die Zielgruppe', en: 'Expectations for the target group' },
    source: { section: gruendung.round.section, cols: [gruendung.round.col.zielgruppe] },
    // The first Projektziel: which of several it feeds, the group decides there.
    target: () => cellKey(ziele.goals, ziele.projektziel(1), ziele.col.beschreibung),
  },
]
