/**
 * From Quick Wins (H 6.3.3): naming contact persons early is the first row of the table of
 * Ansprechpartner (H 6.2.5): each organisation the Quick Win names gets a row of its own.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { quickWinsCells as wins } from '../../templates/quickWins.ts'
import { ansprechpartnerCells as kontakte } from '../../templates/ansprechpartner.ts'

const einrichtung = (n: number) => cellKey(kontakte.section, kontakte.row(n), kontakte.col.einrichtung)

export const routes: CarryRoute[] = [
  {
    id: 'quickwins-contacts',
    from: 'quickWins',
    to: 'ansprechpartner',
    what: { de: 'Ansprechpartner benennen', en: 'Name contact persons' },
    source: { section: wins.section, cols: [wins.aim], rows: (row) => row === wins.rows.ansprechpartner },
    target: (_note, ctx) => ctx.nextFree(einrichtung),
  },
]
