/**
 * Results carried from one method to the next ("Übernehmen nach …"): which cells' notes go into
 * which cell of which other template. The notes are copied, each with a back reference to the
 * note it came from, so carrying twice adds nothing.
 */
import type { CellRef } from '../board/scaffoldMeta.ts'
import type { Labels } from '../locale.ts'
import type { TemplateName } from '../templates/registry.ts'

export interface CarryRoute {
  id: string
  from: TemplateName
  to: TemplateName
  /** Names what is carried, as the button says it ("Was fehlt?"). */
  what: Labels
  /** Whether a source cell's notes are carried. */
  source(ref: CellRef): boolean
  /** The block key of the target cell for notes from this source cell. */
  target(ref: CellRef): string
}

/** Row `n` of a numbered row key such as `m3` or `a12`. */
const rowNumber = (row: string | undefined) => Number.parseInt((row ?? '').replace(/^\D+/, ''), 10) || 1

export const carryRoutes: CarryRoute[] = [
  {
    // The Planspiel is the way into a service chain: what was missing in the play are its gaps.
    id: 'planspiel-gaps',
    from: 'planspiel',
    to: 'dienstleistungskette',
    what: { de: 'Was fehlt?', en: 'What is missing?' },
    source: (ref) => ref.section === 'scenes' && ref.col === 'fehlt',
    target: () => 'gaps',
  },
  {
    // The Zukunftskonferenz ends in concrete steps of a goal system.
    id: 'actions-activities',
    from: 'zukunftskonferenz',
    to: 'zielsystem',
    what: { de: 'Maßnahmen', en: 'Actions' },
    source: (ref) => ref.section === 'actions' && ref.col === 'massnahme',
    target: () => 'ziele:cell:a1:beschreibung',
  },
  {
    // A status report compares its period's milestones with what was done.
    id: 'milestones-report',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Meilensteine', en: 'Milestones' },
    source: (ref) => ref.section === 'meilensteine' && ref.col === 'meilenstein',
    target: (ref) => `aktivitaeten:cell:a${rowNumber(ref.row)}:geplant`,
  },
  {
    // Tasks from the minutes become the planned activities of the next report.
    id: 'minutes-report',
    from: 'protokoll',
    to: 'statusbericht',
    what: { de: 'Aufgaben', en: 'Tasks' },
    source: (ref) => ref.section === 'tops' && ref.col === 'aufgabe',
    target: (ref) => `aktivitaeten:cell:a${rowNumber(ref.row)}:geplant`,
  },
]

/** The meta key of a carried note's back reference. */
export const carriedFromKey = 'carriedFrom'

export interface CarriedFrom {
  instance: string
  note: string
}

export const carriedFrom = (meta: unknown): CarriedFrom | undefined => {
  const value = (meta as Record<string, unknown> | undefined)?.[carriedFromKey] as Partial<CarriedFrom> | undefined
  return value && typeof value.instance === 'string' && typeof value.note === 'string' ? (value as CarriedFrom) : undefined
}

/** A note in a source cell. */
export interface SourceNote {
  id: string
  text: string
  cell: CellRef
}

export interface CarriedNote {
  /** The block key of the target cell. */
  cellKey: string
  text: string
  from: CarriedFrom
}

/**
 * What carrying along `route` writes: every note of a source cell not carried before, into its
 * target cell. A numbered target row the template lacks (a seventh milestone, five report rows)
 * falls back to its last row.
 */
export function planCarry(
  route: CarryRoute,
  sourceInstance: string,
  notes: readonly SourceNote[],
  targetKeys: ReadonlySet<string>,
  carried: ReadonlySet<string>,
): CarriedNote[] {
  const existing = (key: string) => {
    for (let n = rowNumber(key.match(/:[a-z]+(\d+):/)?.[1]); n >= 1; n--) {
      const candidate = key.replace(/:([a-z]+)\d+:/, `:$1${n}:`)
      if (targetKeys.has(candidate)) return candidate
    }
    return targetKeys.has(key) ? key : undefined
  }
  return notes.flatMap((note) => {
    if (!route.source(note.cell) || carried.has(note.id) || !note.text.trim()) return []
    const cellKey = existing(route.target(note.cell))
    return cellKey ? [{ cellKey, text: note.text, from: { instance: sourceInstance, note: note.id } }] : []
  })
}
