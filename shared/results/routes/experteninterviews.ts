/**
 * Experteninterviews und Gruppendiskussionen (H 2.3.3): the talks follow „einer ersten Auswahl und
 * Benennung der zentralen Akteure“, so a partner the Beteiligtenanalyse has worked on is a talk to
 * plan (its name into the next free „Mit wem?“). What the comparing evaluation says follows for the
 * network („Handlungsansätze für das Netzwerk“) is one source's word, not yet a goal: it waits in
 * the Zielsystem's Eingang, saying what it is about, until the goal workshop sorts it.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { pick, type Labels } from '../../locale.ts'
import { cellKey } from '../../templates/table.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { experteninterviewsCells as interviews } from '../../templates/experteninterviews.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'

const talk = (n: number) => cellKey(interviews.gespraeche.section, interviews.gespraeche.row(n), interviews.gespraeche.col.mit)
const source: Labels = { de: 'Experteninterviews', en: 'Expert interviews' }

export const routes: CarryRoute[] = [
  {
    id: 'partners-interviews',
    from: 'beteiligtenanalyse',
    to: 'experteninterviews',
    what: { de: 'Beteiligte als Gesprächspartner', en: 'Stakeholders to talk to' },
    source: { section: beteiligte.matrix.section },
    // A partner the analysis has worked on (any note in its row), by name, once; no note travels.
    rowLabels: { when: (row) => [...row.notes.values()].some((texts) => texts.length > 0) },
    target: (_note, ctx) => ctx.nextFree(talk),
  },
  {
    id: 'interviews-goals',
    from: 'experteninterviews',
    to: 'zielsystem',
    what: { de: 'Was folgt für das Netzwerk?', en: 'What follows for the network?' },
    source: { section: interviews.auswertung.section, cols: [interviews.auswertung.col.folgt] },
    // An old goal system without an Eingang has no place for them: counted, not put onto a level.
    target: (_note, ctx) => (ctx.targetKeys.has(ziele.eingangCell) ? ziele.eingangCell : undefined),
    text: (note, ctx) => `${pick(source, ctx.targetLocale)} – ${note.cell.rowLabel ?? ''}: ${note.text}`,
  },
]
