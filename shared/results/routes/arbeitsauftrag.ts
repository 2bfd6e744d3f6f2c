/**
 * From the Arbeitsauftrag to the Statusbericht (H, Anlage Arbeitsauftrag, H 4.3.3): the order
 * says who reports for its group; the group's report names them, and the group, so that the
 * steering group reads whose report it is.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { arbeitsauftragCells as auftrag, type ArbeitsauftragOptions } from '../../templates/arbeitsauftrag.ts'
import { statusberichtCells as bericht } from '../../templates/statusbericht.ts'
import { pick, type Labels, type Locale } from '../../locale.ts'

const reporter = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.berichtet)
const groupFor: Labels = { de: 'Arbeitsgruppe zu Teilziel', en: 'Working group for sub-goal' }

/** The group the order is given to: its title, else the Teilziel it serves, else none named. */
function group(options: unknown, locale: Locale): string | undefined {
  const { title, teilziel } = (options ?? {}) as Partial<ArbeitsauftragOptions>
  if (title?.trim()) return title.trim()
  return teilziel ? `${pick(groupFor, locale)} ${teilziel}` : undefined
}

export const routes: CarryRoute[] = [
  {
    id: 'order-reporter',
    from: 'arbeitsauftrag',
    to: 'statusbericht',
    what: { de: 'Wer berichtet?', en: 'Who reports?' },
    source: { section: auftrag.phasen.section, cols: [auftrag.phasen.col.wer] },
    target: () => reporter,
    // A name given for several phases is one Zettel (the plan writes a text once per cell).
    text: (note, ctx) => {
      const name = group(ctx.sourceOptions, ctx.targetLocale)
      return name ? `${note.text} – ${name}` : note.text
    },
  },
]
