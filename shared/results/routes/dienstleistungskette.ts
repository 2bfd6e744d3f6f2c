/**
 * Out of the Dienstleistungskette (H 4.3.7, Anlage Dienstleistungskette): what the comparison of
 * Soll and Ist says must change, and the gaps, get an owner. Into the Zielsystem they go to the
 * Eingang, since which goal they serve the group decides there; into an Arbeitsauftrag a gap is
 * what the group is to achieve, a change one of its phases. Who sets a change going and by when
 * travel with it (`companions`), so that it is one item wherever it is carried. The marked
 * hand-overs are where a Laufzettel is handed on (H 5.3.6).
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { arbeitsauftragCells as auftrag } from '../../templates/arbeitsauftrag.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { laufzettelCells as laufzettel } from '../../templates/laufzettel.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'

const eingang = ziele.eingangCell
const change = kette.comparison
const phase = (n: number) => cellKey(auftrag.phasen.section, auftrag.phasen.row(n), auftrag.phasen.col.phase)
/** The Laufzettel's „Nächste Stelle“: a hand-over names where the person goes from where. */
const nextStation = cellKey(laufzettel.design, laufzettel.station.an, laufzettel.proposal)

const gaps = { section: kette.gapsSection }
const changes = { section: change.section, cols: [change.col.aendert] }
const owner = (who: string, when: string) => [
  { from: change.col.wer, to: who, part: 'who' as const },
  { from: change.col.bisWann, to: when, part: 'when' as const },
]

export const routes: CarryRoute[] = [
  {
    id: 'chain-gaps-goals',
    from: 'dienstleistungskette',
    to: 'zielsystem',
    what: { de: 'Lücken', en: 'Gaps' },
    source: gaps,
    // An old goal system without an Eingang has no place for them: counted, not forced onto a level.
    target: (_note, ctx) => (ctx.targetKeys.has(eingang) ? eingang : undefined),
  },
  {
    id: 'chain-changes-goals',
    from: 'dienstleistungskette',
    to: 'zielsystem',
    what: { de: 'Was muss sich ändern?', en: 'What has to change?' },
    source: changes,
    target: (_note, ctx) => (ctx.targetKeys.has(eingang) ? eingang : undefined),
    companions: owner(ziele.col.akteure, ziele.col.bisWann),
  },
  {
    id: 'chain-gaps-order',
    from: 'dienstleistungskette',
    to: 'arbeitsauftrag',
    what: { de: 'Lücken als Ziele', en: 'Gaps as goals' },
    source: gaps,
    target: () => auftrag.ziele,
  },
  {
    id: 'chain-changes-order',
    from: 'dienstleistungskette',
    to: 'arbeitsauftrag',
    what: { de: 'Was muss sich ändern? – als Phasen', en: 'What has to change? – as phases' },
    source: changes,
    // One change per phase, then the last phase; a phase someone wrote stays theirs.
    target: (_note, ctx) => ctx.nextFree(phase),
    companions: owner(auftrag.phasen.col.wer, auftrag.phasen.col.bisWann),
  },
  {
    id: 'chain-handovers-slip',
    from: 'dienstleistungskette',
    to: 'laufzettel',
    what: { de: 'Schnittstellen', en: 'Hand-overs' },
    // The marked hand-overs, each once by its name („Jobcenter → Jugendamt“), not the notes in them.
    source: { section: kette.handoverSection, rows: (row) => row !== kette.handoverOpenRow },
    rowLabels: { when: () => true },
    target: () => nextStation,
  },
]
