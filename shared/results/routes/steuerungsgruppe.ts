/**
 * Into the Steuerungsgruppen-Sitzung (H 4.2.2, 4.3.3): a working group's Statusbericht becomes
 * its report there; what the service chain says must change and what a Fallkonferenz wants
 * settled for every case become questions for decision. The Fallkonferenz's „Grundsätzlich
 * klären“ lies in its case sections: carrying asks its export gate (`planCarry`), so nothing
 * leaves it before its confirmations are recorded.
 */
import type { CarryContext, CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { fallkonferenzCells as fall } from '../../templates/fallkonferenz.ts'
import { statusberichtCells as bericht } from '../../templates/statusbericht.ts'
import { steuerungsgruppeCells as sitzung } from '../../templates/steuerungsgruppe.ts'

const reports = sitzung.berichte
const reportCell = (n: number, col: string) => cellKey(reports.section, reports.row(n), col)
/** Where each part of a Statusbericht goes in its report's row. */
const reportColumn: Record<string, string> = {
  [bericht.head.col.projekt]: reports.col.fachgruppe,
  [bericht.head.col.zeitraum]: reports.col.fachgruppe,
  [bericht.outcome.col.erreicht]: reports.col.ergebnis,
  [bericht.outcome.col.beurteilung]: reports.col.beurteilung,
  [bericht.outcome.col.konsequenzen]: reports.col.konsequenzen,
}

/**
 * One Statusbericht is one report: the first row of the Sitzung in which nothing was written before
 * this carry. Every note of the carry reads the same target state, so all land in that row. When
 * every row holds a report, none: the facilitator adds a row („Bericht hinzufügen“) rather than
 * having two groups' reports mixed in one.
 */
function reportRow(ctx: CarryContext): number | undefined {
  const cols = Object.values(reports.col)
  for (let n = 1; ctx.targetKeys.has(reportCell(n, reports.col.fachgruppe)); n++) {
    if (cols.every((col) => ctx.targetNotes(reportCell(n, col)).length === 0)) return n
  }
  return undefined
}

const need = (n: number) => cellKey(sitzung.bedarf.section, sitzung.bedarf.row(n), sitzung.bedarf.col.frage)

export const routes: CarryRoute[] = [
  {
    id: 'report-steering',
    from: 'statusbericht',
    to: 'steuerungsgruppe',
    what: { de: 'Bericht an die Steuerungsgruppe', en: 'Report to the steering group' },
    source: {
      section: [bericht.head.section, bericht.outcome.section],
      cols: [bericht.head.col.projekt, bericht.head.col.zeitraum, bericht.outcome.col.erreicht, bericht.outcome.col.beurteilung, bericht.outcome.col.konsequenzen],
    },
    target: (note, ctx) => {
      const n = reportRow(ctx)
      const col = reportColumn[note.cell.col ?? '']
      return n === undefined || !col ? undefined : reportCell(n, col)
    },
  },
  {
    // H 4.3.7: the chain's comparison of Soll and Ist shows what must change; deciding it is the steering group's.
    id: 'chain-decisions',
    from: 'dienstleistungskette',
    to: 'steuerungsgruppe',
    what: { de: 'Was muss sich ändern?', en: 'What has to change?' },
    source: { section: kette.comparison.section, cols: [kette.comparison.col.aendert] },
    target: (_note, ctx) => ctx.nextFree(need),
  },
  {
    id: 'case-decisions',
    from: 'fallkonferenz',
    to: 'steuerungsgruppe',
    what: { de: 'Grundsätzlich klären', en: 'To settle in general' },
    source: { section: fall.findings, cols: [fall.col.verfahren], rows: (row) => row === fall.findingsRow },
    target: (_note, ctx) => ctx.nextFree(need),
  },
]
