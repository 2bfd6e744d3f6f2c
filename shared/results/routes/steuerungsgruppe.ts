/**
 * Into the Steuerungsgruppen-Sitzung (H 4.2.2, 4.3.3): a working group's Statusbericht becomes
 * its report there; what the service chain says must change and what a Fallkonferenz wants
 * settled for every case become questions for decision. The Fallkonferenz's „Grundsätzlich
 * klären“ lies in its case sections: carrying asks its export gate (`planCarry`), so nothing
 * leaves it before its confirmations are recorded. R's „Arbeit in der Steuerungsgruppe“: a theme
 * of the Fallübergreifende Zusammenschau hit in two cases or more is a question for it. Out of
 * it: a Beschluss commissions a working group (H 4.3.1), its wording the order's „Beauftragung“.
 */
import type { CarryContext, CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { fallkonferenzCells as fall } from '../../templates/fallkonferenz.ts'
import { statusberichtCells as bericht } from '../../templates/statusbericht.ts'
import { steuerungsgruppeCells as sitzung } from '../../templates/steuerungsgruppe.ts'
import { arbeitsauftragCells as auftrag } from '../../templates/arbeitsauftrag.ts'
import { formatDate } from '../../dates.ts'
import { pick, type Labels } from '../../locale.ts'
import { recurringThemes } from './fallmatrix.ts'

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
const commissioning = cellKey(auftrag.auftrag.section, auftrag.auftrag.rows.beauftragung, auftrag.auftrag.col)
const steeringGroup: Labels = { de: 'Beschluss der Steuerungsgruppe', en: 'Decision of the steering group' }

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
  {
    id: 'matrix-steering',
    from: 'fallmatrix',
    to: 'steuerungsgruppe',
    what: { de: 'Fallübergreifend klären', en: 'To settle across cases' },
    ...recurringThemes,
    target: (_note, ctx) => ctx.nextFree(need),
  },
  {
    id: 'decision-order',
    from: 'steuerungsgruppe',
    to: 'arbeitsauftrag',
    what: { de: 'Beschluss als Auftrag', en: 'Decision as the order' },
    source: { section: sitzung.beschluesse.section, cols: [sitzung.beschluesse.col.beschluss] },
    target: (_note, ctx) => (ctx.targetKeys.has(commissioning) ? commissioning : undefined),
    // Who gave the order and when: the steering group, on the meeting's date where it has one.
    text: (note, ctx) => {
      const date = (ctx.sourceOptions as { date?: string } | undefined)?.date
      const by = [pick(steeringGroup, ctx.targetLocale), date && formatDate(date, ctx.targetLocale)].filter(Boolean).join(' · ')
      return `${by}: ${note.text}`
    },
  },
]
