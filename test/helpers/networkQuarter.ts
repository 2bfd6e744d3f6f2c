/**
 * A network's first three months as a fixture for its open items' life cycle (issue 44): six
 * boards from September to November 2026, each with the Zettel people wrote and the day they
 * wrote them, so that the boards can be read as they stood on any day (`quarterBoards(day)`).
 *
 * - Gesamtnetzwerk 2.9.: a Protokoll (three tasks; the flyer is ticked off on 28.9.) and the
 *   Netzwerkregeln (three rules reviewed on 1.12.2026, which is also the next joint review, and one
 *   on 1.3.2027: two items).
 * - Zielworkshop 16.9.: a Zielsystem with three activities and two milestones (the first reached,
 *   as written on 4.11.).
 * - Fachgruppe Kinderbetreuung 30.9.: an Arbeitsauftrag with two phases (the first done 29.10.).
 * - Steuerungsgruppe 7.10.: a Protokoll with the Kita invitation carried from 2.9. (ticked off there
 *   on 20.10.) and a Statusbericht reporting the Sprechstunde done and the Wegweiser half done.
 * - Gesamtnetzwerk 4.11.: a Protokoll with the room for the Fachtag carried from 2.9., still open.
 * - Steuerungsgruppe 25.11.: a Statusbericht reporting the Wegweiser done, and a Protokoll.
 *
 * `quarterPacks` names the two packs made of it (8.10. and 26.11.) and what each must list.
 * Pure: records only, no relay; `steeringPack(…)` reads them as the relay's pack jobs do.
 */
import type { TLShape } from '@tldraw/tlschema'
import { carriedFromKey, type CarriedFrom } from '../../shared/results/carryOver.ts'
import type { SteeringPackBoard } from '../../shared/results/packSummary.ts'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import { buildTemplate } from '../../shared/templates/instance.ts'
import type { PhaseId } from '../../shared/templates/phases.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { noteAt } from './records.ts'
import { released } from '../../shared/board/entries/release.ts'

export interface QuarterZettel {
  template: TemplateName
  /** The cell, by section, row and column. */
  at: [section: string, row: string, col: string]
  text: string
  /** The day it was written, `YYYY-MM-DD` (default: the board's meeting). */
  day?: string
  /** A name for a Zettel carried elsewhere (`from`). */
  name?: string
  /** Carried here from the Zettel of that name on that board (as „Übernehmen nach …“ keeps it). */
  from?: { board: string; name: string }
}

export interface QuarterBoard {
  id: string
  title: string
  date: string
  phase: PhaseId
  templates: TemplateName[]
  zettel: QuarterZettel[]
}

const top = (n: number, col: string): [string, string, string] => ['tops', `top${n}`, col]
const rule = (row: string, col: string): [string, string, string] => ['regeln', row, col]
const goal = (row: string, col: string): [string, string, string] => ['ziele', row, col]
const milestone = (n: number, col: string): [string, string, string] => ['meilensteine', `m${n}`, col]
const phase = (n: number, col: string): [string, string, string] => ['phasen', `ph${n}`, col]
const activity = (n: number, col: string): [string, string, string] => ['aktivitaeten', `a${n}`, col]

export const networkQuarter: readonly QuarterBoard[] = [
  {
    id: 'gn-sep',
    title: 'Gesamtnetzwerk 2. September',
    date: '2026-09-02',
    phase: 'gruendung',
    templates: ['protokoll', 'netzwerkregeln'],
    zettel: [
      { template: 'protokoll', at: top(1, 'thema'), text: 'Öffentlichkeitsarbeit' },
      { template: 'protokoll', at: top(1, 'aufgabe'), text: 'Flyer entwerfen' },
      { template: 'protokoll', at: top(1, 'wer'), text: 'Frau Adler, 30.9.' },
      { template: 'protokoll', at: top(1, 'erledigt'), text: '✓ 28.9.', day: '2026-09-28' },
      { template: 'protokoll', at: top(2, 'thema'), text: 'Kinderbetreuung' },
      { template: 'protokoll', at: top(2, 'aufgabe'), text: 'Kita-Träger zum Runden Tisch einladen', name: 'kita' },
      { template: 'protokoll', at: top(2, 'wer'), text: 'Herr Brandt, 15.10.' },
      { template: 'protokoll', at: top(3, 'thema'), text: 'Fachtag' },
      { template: 'protokoll', at: top(3, 'aufgabe'), text: 'Raum für den Fachtag suchen', name: 'raum' },
      { template: 'protokoll', at: top(3, 'wer'), text: 'Jobcenter' },
      { template: 'netzwerkregeln', at: rule('teilhabe', 'regel'), text: 'Alle Partner sind zum Gesamtnetzwerk eingeladen' },
      { template: 'netzwerkregeln', at: rule('teilhabe', 'ueberpruefung'), text: '01.12.2026' },
      { template: 'netzwerkregeln', at: rule('entscheidungen', 'regel'), text: 'Beschlüsse mit Zweidrittelmehrheit' },
      { template: 'netzwerkregeln', at: rule('entscheidungen', 'ueberpruefung'), text: '1.12.2026' },
      { template: 'netzwerkregeln', at: rule('dokumentation', 'regel'), text: 'Protokoll binnen einer Woche an alle' },
      { template: 'netzwerkregeln', at: rule('dokumentation', 'wer'), text: 'Koordination' },
      { template: 'netzwerkregeln', at: rule('dokumentation', 'ueberpruefung'), text: '2026-12-01' },
      { template: 'netzwerkregeln', at: rule('vertraulichkeit', 'regel'), text: 'Fälle nur mit Einverständnis besprechen' },
      { template: 'netzwerkregeln', at: rule('vertraulichkeit', 'ueberpruefung'), text: '01.03.2027' },
      { template: 'netzwerkregeln', at: ['beschluss', 'beschluss', 'am'], text: '2.9.2026, alle Partner' },
      { template: 'netzwerkregeln', at: ['beschluss', 'beschluss', 'naechste'], text: '1.12.2026' },
      { template: 'netzwerkregeln', at: ['beschluss', 'beschluss', 'wer'], text: 'Koordination' },
    ],
  },
  {
    id: 'ziel-sep',
    title: 'Zielworkshop 16. September',
    date: '2026-09-16',
    phase: 'zieleArchitektur',
    templates: ['zielsystem'],
    zettel: [
      { template: 'zielsystem', at: goal('t1', 'beschreibung'), text: 'Alleinerziehende finden Beratung an einem Ort' },
      { template: 'zielsystem', at: goal('a1', 'beschreibung'), text: 'Gemeinsame Sprechstunde einrichten', name: 'sprechstunde' },
      { template: 'zielsystem', at: goal('a1', 'akteure'), text: 'Jobcenter, Familienzentrum' },
      { template: 'zielsystem', at: goal('a1', 'bisWann'), text: '31.10.2026' },
      { template: 'zielsystem', at: goal('a2', 'beschreibung'), text: 'Wegweiser drucken', name: 'wegweiser' },
      { template: 'zielsystem', at: goal('a2', 'akteure'), text: 'Stadtteilbüro' },
      { template: 'zielsystem', at: goal('a2', 'bisWann'), text: '30.11.2026' },
      { template: 'zielsystem', at: goal('a3', 'beschreibung'), text: 'Elterncafé eröffnen', name: 'cafe' },
      { template: 'zielsystem', at: goal('a3', 'akteure'), text: 'Familienzentrum' },
      { template: 'zielsystem', at: goal('a3', 'bisWann'), text: '15.12.2026' },
      { template: 'zielsystem', at: milestone(1, 'meilenstein'), text: 'Sprechstunde läuft' },
      { template: 'zielsystem', at: milestone(1, 'bisWann'), text: '31.10.2026' },
      { template: 'zielsystem', at: milestone(1, 'erreicht'), text: 'ja', day: '2026-11-04' },
      { template: 'zielsystem', at: milestone(2, 'meilenstein'), text: 'Fachtag hat stattgefunden' },
      { template: 'zielsystem', at: milestone(2, 'bisWann'), text: '31.01.2027' },
    ],
  },
  {
    id: 'fg-sep',
    title: 'Fachgruppe Kinderbetreuung 30. September',
    date: '2026-09-30',
    phase: 'zieleArchitektur',
    templates: ['arbeitsauftrag'],
    zettel: [
      { template: 'arbeitsauftrag', at: phase(1, 'phase'), text: 'Bestandsaufnahme der Betreuungsplätze' },
      { template: 'arbeitsauftrag', at: phase(1, 'bisWann'), text: '31.10.2026' },
      { template: 'arbeitsauftrag', at: phase(1, 'wer'), text: 'Frau Çelik' },
      { template: 'arbeitsauftrag', at: phase(1, 'erledigt'), text: 'erledigt 29.10.', day: '2026-10-29' },
      { template: 'arbeitsauftrag', at: phase(2, 'phase'), text: 'Konzept Babysitterpool' },
      { template: 'arbeitsauftrag', at: phase(2, 'bisWann'), text: '15.12.2026' },
      { template: 'arbeitsauftrag', at: phase(2, 'wer'), text: 'Herr Demir' },
    ],
  },
  {
    id: 'sg-okt',
    title: 'Steuerungsgruppe 7. Oktober',
    date: '2026-10-07',
    phase: 'zieleArchitektur',
    templates: ['protokoll', 'statusbericht'],
    zettel: [
      { template: 'protokoll', at: top(1, 'thema'), text: 'Kinderbetreuung' },
      { template: 'protokoll', at: top(1, 'aufgabe'), text: 'Kita-Träger zum Runden Tisch einladen', from: { board: 'gn-sep', name: 'kita' } },
      { template: 'protokoll', at: top(1, 'wer'), text: 'Herr Brandt, 15.10.' },
      { template: 'protokoll', at: top(1, 'erledigt'), text: 'ja', day: '2026-10-20' },
      { template: 'protokoll', at: top(2, 'aufgabe'), text: 'Pressegespräch vorbereiten' },
      { template: 'protokoll', at: top(2, 'wer'), text: 'Koordination, 20.11.' },
      { template: 'statusbericht', at: ['bericht', 'bericht', 'datum'], text: '07.10.2026' },
      { template: 'statusbericht', at: activity(1, 'geplant'), text: 'Teilziel 1: Gemeinsame Sprechstunde einrichten', from: { board: 'ziel-sep', name: 'sprechstunde' } },
      { template: 'statusbericht', at: activity(1, 'durchgefuehrt'), text: 'Sprechstunde jeden Dienstag seit 1.10.' },
      { template: 'statusbericht', at: activity(1, 'abgleich'), text: 'wie geplant' },
      { template: 'statusbericht', at: activity(2, 'geplant'), text: 'Teilziel 2: Wegweiser drucken', from: { board: 'ziel-sep', name: 'wegweiser' } },
      { template: 'statusbericht', at: activity(2, 'durchgefuehrt'), text: 'Entwurf liegt vor' },
      { template: 'statusbericht', at: activity(2, 'abgleich'), text: 'teilweise: Druck im November' },
    ],
  },
  {
    id: 'gn-nov',
    title: 'Gesamtnetzwerk 4. November',
    date: '2026-11-04',
    phase: 'zieleArchitektur',
    templates: ['protokoll'],
    zettel: [
      { template: 'protokoll', at: top(1, 'thema'), text: 'Fachtag' },
      { template: 'protokoll', at: top(1, 'aufgabe'), text: 'Raum für den Fachtag suchen', from: { board: 'gn-sep', name: 'raum' } },
      { template: 'protokoll', at: top(1, 'wer'), text: 'Jobcenter, bis 10.12.' },
      { template: 'protokoll', at: top(2, 'aufgabe'), text: 'Flyer nachdrucken' },
      { template: 'protokoll', at: top(2, 'wer'), text: 'Frau Adler, 30.11.' },
    ],
  },
  {
    id: 'sg-nov',
    title: 'Steuerungsgruppe 25. November',
    date: '2026-11-25',
    phase: 'zieleArchitektur',
    templates: ['protokoll', 'statusbericht'],
    zettel: [
      { template: 'protokoll', at: top(1, 'aufgabe'), text: 'Einladung zum Fachtag verschicken' },
      { template: 'protokoll', at: top(1, 'wer'), text: 'Koordination, 10.12.' },
      { template: 'statusbericht', at: ['bericht', 'bericht', 'datum'], text: '25.11.2026' },
      { template: 'statusbericht', at: activity(1, 'geplant'), text: 'Teilziel 2: Wegweiser drucken', from: { board: 'ziel-sep', name: 'wegweiser' } },
      { template: 'statusbericht', at: activity(1, 'durchgefuehrt'), text: 'Wegweiser gedruckt und in allen Stellen ausgelegt' },
      { template: 'statusbericht', at: activity(1, 'abgleich'), text: '✓' },
    ],
  },
]

/** The two packs made of it, and what each lists: open items by what they say, and those closed since the pack before. */
export const quarterPacks = {
  first: {
    day: '2026-10-08',
    open: [
      'Kita-Träger zum Runden Tisch einladen',
      'Raum für den Fachtag suchen',
      'Alle Partner sind zum Gesamtnetzwerk eingeladen',
      'Fälle nur mit Einverständnis besprechen',
      'Wegweiser drucken',
      'Elterncafé eröffnen',
      'Sprechstunde läuft',
      'Fachtag hat stattgefunden',
      'Bestandsaufnahme der Betreuungsplätze',
      'Konzept Babysitterpool',
      'Pressegespräch vorbereiten',
    ],
  },
  second: {
    day: '2026-11-26',
    open: [
      'Raum für den Fachtag suchen',
      'Alle Partner sind zum Gesamtnetzwerk eingeladen',
      'Fälle nur mit Einverständnis besprechen',
      'Elterncafé eröffnen',
      'Fachtag hat stattgefunden',
      'Konzept Babysitterpool',
      'Pressegespräch vorbereiten',
      'Flyer nachdrucken',
      'Einladung zum Fachtag verschicken',
    ],
    closedSince: ['Kita-Träger zum Runden Tisch einladen', 'Wegweiser drucken', 'Sprechstunde läuft', 'Bestandsaufnahme der Betreuungsplätze'],
  },
  /** Done before the first pack: never listed as open, nor as closed since. */
  doneBefore: ['Flyer entwerfen', 'Gemeinsame Sprechstunde einrichten'],
} as const

/** Built once: each board's templates, one below the other, with stable ids. */
const built = new Map(
  networkQuarter.map((board) => {
    const scaffolds = new Map<TemplateName, { instance: string; shapes: TLShape[] }>()
    board.templates.forEach((template, i) => {
      const instance = `${board.id}-${template}`
      let n = 0
      const shapes = buildTemplate(planTemplate(template, {}, 'de'), {
        locale: 'de',
        origin: { x: 0, y: i * 20_000 },
        parentId: 'page:page' as TLShape['parentId'],
        instance,
        newShapeId: () => `shape:${instance}-${++n}` as TLShape['id'],
      })
      scaffolds.set(template, { instance, shapes })
    })
    return [board.id, scaffolds] as const
  }),
)

const noteId = (board: string, i: number) => `shape:${board}-zettel-${i}` as TLShape['id']

/** Where a named Zettel stands: its board, its template instance and its id. */
function named(board: string, name: string): { instance: string; id: string; title: string; date: string; text: string } {
  const plan = networkQuarter.find((b) => b.id === board)
  const i = plan?.zettel.findIndex((z) => z.name === name) ?? -1
  if (!plan || i < 0) throw new Error(`no Zettel ${name} on ${board}`)
  const zettel = plan.zettel[i]
  return { instance: built.get(board)!.get(zettel.template)!.instance, id: noteId(board, i), title: plan.title, date: plan.date, text: zettel.text }
}

/** The network's boards as they stood at the end of `day`: those that had met, with the Zettel written by then. */
export function quarterBoards(day: string): SteeringPackBoard[] {
  return networkQuarter
    .filter((board) => board.date <= day)
    .map((board) => {
      const scaffolds = built.get(board.id)!
      const notes = board.zettel.flatMap((zettel, i) => {
        if ((zettel.day ?? board.date) > day) return []
        const { shapes } = scaffolds.get(zettel.template)!
        const key = cellKey(...zettel.at)
        const cell = shapes.find((s) => scaffoldMeta(s)?.key === key)
        if (!cell) throw new Error(`no cell ${key} in ${zettel.template}`)
        const { w, h } = cell.props as { w: number; h: number }
        const note = noteAt(cell.x + w / 2, cell.y + h / 2, zettel.text, noteId(board.id, i))
        if (zettel.from) {
          const source = named(zettel.from.board, zettel.from.name)
          const from: CarriedFrom = { instance: source.instance, note: source.id, board: zettel.from.board, boardTitle: source.title, day: source.date, text: source.text }
          note.meta = { [carriedFromKey]: { ...from } }
        }
        return [note]
      })
      const records: TLShape[] = [...[...scaffolds.values()].flatMap((s) => s.shapes), ...notes]
      // Released on the meeting's day: only released boards go into the pack.
      return { id: board.id, title: board.title, phase: board.phase, internal: false, records, facilitation: { release: released(board.date, 1) } }
    })
}
