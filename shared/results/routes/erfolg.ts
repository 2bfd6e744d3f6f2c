/**
 * From Erfolg und Reflexion back to the Zielsystem (H 6.3.1, H 3.3.4): an indicator the network
 * agreed on goes to the goal whose level it names („Teilziel 2: …“, as the Zielsystem's own
 * indicators are carried there), with where it is read off and the target group's view; one that
 * names no level waits in the Eingang. What came from the Zielsystem goes back to the same cell
 * with the same words, so it is not written twice. What a shaky or missing area of the
 * sustainability checklist rests on („Förderung endet 2027“) is often a goal's assumption
 * (what must hold outside the network's control); which goal's, the group decides: it waits in
 * the Eingang as an assumption to check.
 */
import type { CarryContext, CarryRoute, SourceNote } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { erfolgCells as erfolg } from '../../templates/erfolg.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'
import { pick, type Labels } from '../../locale.ts'

const eingang = ziele.eingangCell
const goal = (row: string, col: string) => cellKey(ziele.goals, row, col)

/** „Teilziel 2:“, „Projektziel:“, „Oberziel:“ (either language) at the start of an indicator. */
const levelPrefix = /^\s*(oberziel|overall goal|projektziel|project goal|teilziel|sub-goal)\s*(\d*)\s*:\s*/i

function levelOf(text: string): { row: string; rest: string } | undefined {
  const hit = levelPrefix.exec(text)
  if (!hit) return undefined
  const word = hit[1].toLowerCase()
  const n = Number(hit[2] || 1)
  const rest = text.slice(hit[0].length)
  if (word === 'oberziel' || word === 'overall goal') return { row: ziele.oberziel, rest }
  if (word === 'projektziel' || word === 'project goal') return { row: ziele.projektziel(n), rest }
  return hit[2] ? { row: ziele.teilziel(n), rest } : undefined
}

const said: Record<string, Labels> = {
  [erfolg.col.indikator]: { de: 'Indikator', en: 'Indicator' },
  [erfolg.col.quelle]: { de: 'Woran ablesen', en: 'Where to read it' },
  [erfolg.col.sicht]: { de: 'Sicht der Zielgruppe', en: 'Target group’s view' },
}
const intoColumn: Record<string, string> = {
  [erfolg.col.indikator]: ziele.col.indikatoren,
  [erfolg.col.quelle]: ziele.col.quellen,
  [erfolg.col.sicht]: ziele.col.indikatoren,
}

/** Where a note of an indicator row goes, and what it says there. */
function place(note: SourceNote, ctx: CarryContext): { key: string | undefined; text: string } {
  const col = note.cell.col ?? ''
  const own = col === erfolg.col.indikator ? levelOf(note.text) : undefined
  const level = own ?? ctx.sameRow(erfolg.col.indikator).map(levelOf).find((l) => l !== undefined)
  const key = level && goal(level.row, intoColumn[col])
  const label = pick(said[col], ctx.targetLocale)
  if (key && ctx.targetKeys.has(key)) return { key, text: own ? own.rest : col === erfolg.col.sicht ? `${label}: ${note.text}` : note.text }
  return { key: ctx.targetKeys.has(eingang) ? eingang : undefined, text: `${label}: ${own ? own.rest : note.text}` }
}

const assumption: Labels = { de: 'Annahme prüfen', en: 'Assumption to check' }
const lightWords: Record<string, Labels> = { rot: { de: 'Rot', en: 'Red' }, gelb: { de: 'Gelb', en: 'Yellow' } }
/** The worst light someone gave the area, of those that say it is not secure; none when it holds. */
const worstLight = (ctx: CarryContext) => ['rot', 'gelb'].find((light) => ctx.sameRow(light).length > 0)

export const routes: CarryRoute[] = [
  {
    id: 'success-indicators-goals',
    from: 'erfolg',
    to: 'zielsystem',
    what: { de: 'Erfolgsindikatoren', en: 'Indicators of success' },
    source: { section: erfolg.indicators, cols: [erfolg.col.indikator, erfolg.col.quelle, erfolg.col.sicht] },
    target: (note, ctx) => place(note, ctx).key,
    text: (note, ctx) => place(note, ctx).text,
  },
  {
    id: 'success-findings-assumptions',
    from: 'erfolg',
    to: 'zielsystem',
    what: { de: 'Wackelt oder fehlt: als Annahmen', en: 'Shaky or missing: as assumptions' },
    source: { section: erfolg.checklist, cols: [erfolg.basis] },
    // An area that holds (only green) is no assumption at risk: not meant for the goals.
    target: (_note, ctx) => (!worstLight(ctx) ? null : ctx.targetKeys.has(eingang) ? eingang : undefined),
    text: (note, ctx) => {
      const light = worstLight(ctx)
      const rated = light ? ` (${pick(lightWords[light], ctx.targetLocale)})` : ''
      return `${pick(assumption, ctx.targetLocale)} – ${ctx.row.label}${rated}: ${note.text}`
    },
  },
]
