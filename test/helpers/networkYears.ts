/**
 * A network's two years as a fixture: a plan of its boards (what met when, in which phase, which
 * body, which methods, what people wrote into them), and its making on a relay.
 *
 * `planNetworkYears({ boards })` is pure and always the same for the same options: the founding
 * boards of the five phases in the handbook's order (Bedarfsanalyse … Erfolgskontrolle), and
 * between them the meetings that make up most of a network's boards: the Steuerungsgruppe every
 * month with its Protokoll (a Statusbericht every quarter), the Gesamtnetzwerk every quarter, the
 * working groups in between. Every board has its date, its body and its Zettel: Protokolle with
 * date, attendees and TOPs with Wer, Statusberichte, a Zielsystem, Zukunftskonferenz actions with
 * Wer and Bis wann.
 *
 * `makeNetworkYears(relay, plan)` makes it: the network and each board through the real HTTP API
 * (`POST /api/boards` with the methods, then `POST /api/networks/:id/boards` with phase, body and
 * internal flag), and the Zettel straight into the relay's storage as one Yjs update per board
 * (`writeZettel`), as the relay stores a client's update: 500 boards in well under a minute,
 * where 500 websocket sessions would take many. So the relay must run on SQLite in `dataDir`, and
 * the boards must not be open in a room yet (nobody has opened them: they were just made). No
 * test runner needed: the bench makes it too.
 *
 * To extend it (Kleingruppen, carries, releases): add to a board's plan (`NetworkYearsBoard`) in
 * a step of your own after `planNetworkYears`, and write what it needs after `makeNetworkYears`;
 * every made board comes back with its plan and its links.
 */
import type { TLShape } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { CreatedBoard } from '../../shared/api.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { CreatedNetwork, networkBoardsPath } from '../../shared/networkApi.ts'
import type { StandingBody } from '../../shared/networkBodies.ts'
import type { PhaseId } from '../../shared/templates/phases.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { restoreDocument } from '../../server/room/restoreDocument.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { apiFetch, createBoard, type HttpRelay } from './clients.ts'
import { noteAt, putRecords, recordsIn } from './records.ts'

/** Zettel per template, per cell key (`scaffoldMeta(shape).key`): each text one Zettel. */
export type ZettelPlan = Partial<Record<TemplateName, Record<string, string[]>>>

export interface NetworkYearsBoard {
  title: string
  /** The meeting's day, `YYYY-MM-DD`. */
  date: string
  phase: PhaseId
  /** A standing body's key or a working group's name (`shared/networkBodies.ts`). */
  body: StandingBody | string
  internal: boolean
  templates: TemplateName[]
  zettel: ZettelPlan
}

export interface NetworkYearsOptions {
  /** How many boards (at least the 14 founding ones are planned whatever the number; 80 for the journey, 50 and 500 for the bench). */
  boards: number
  /** The first meeting's day. */
  start?: string
  /** The network's working groups, each meeting between the steering group's meetings. */
  groups?: readonly string[]
}

export const networkName = 'Netzwerk Frühe Hilfen Landkreis Nordheide'
export const defaultGroups = ['AG Übergang Kita–Schule', 'AG Alleinerziehende', 'Fachgruppe Gesundheit'] as const

const people = [
  'Frau Demir (Jugendamt)',
  'Herr Albers (Jobcenter)',
  'Frau Nowak (Kita-Träger)',
  'Herr Yılmaz (Familienzentrum)',
  'Frau Schröder (Gesundheitsamt)',
  'Herr Krüger (Caritas)',
  'Frau Weiß (Schulsozialarbeit)',
  'Frau Öztürk (Migrationsberatung)',
]
const topics = [
  'Wartezeiten beim Kitaplatz',
  'Sprechstunde im Familienzentrum',
  'Flyer für Alleinerziehende',
  'Übergabe Jobcenter – Jugendamt',
  'Datenschutz bei Fallbesprechungen',
  'Ferienbetreuung im Sommer',
  'Dolmetscherpool',
  'Elterncafé in der Grundschule',
]
const tasks = [
  'Liste der freien Plätze an alle schicken',
  'Termin mit der Schulleitung vereinbaren',
  'Entwurf des Flyers abstimmen',
  'Ansprechpersonen je Einrichtung sammeln',
  'Einverständniserklärung prüfen lassen',
  'Raum für das nächste Treffen anfragen',
]

/** `YYYY-MM-DD` of a day some days after `start`. */
const dayAfter = (start: string, days: number) => new Date(Date.parse(`${start}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const german = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`
const pickFrom = <T,>(list: readonly T[], i: number): T => list[((i % list.length) + list.length) % list.length]!

/** The network's phase on a day of its two years: where the founding boards of each phase fall. */
function phaseOn(daysIn: number): PhaseId {
  if (daysIn < 90) return 'vorStart'
  if (daysIn < 180) return 'gruendung'
  if (daysIn < 360) return 'zieleArchitektur'
  if (daysIn < 600) return 'dienstleistungskette'
  return 'verstetigung'
}

function protokoll(day: string, i: number, withTops = 3): Record<string, string[]> {
  const cells: Record<string, string[]> = {
    'sitzung:cell:sitzung:datum': [german(day)],
    'sitzung:cell:sitzung:protokoll': [pickFrom(people, i + 3)],
    'sitzung:cell:sitzung:anwesende': [0, 1, 2, 4, 5].map((k) => pickFrom(people, i + k)),
    'sitzung:cell:sitzung:entschuldigt': [pickFrom(people, i + 6)],
  }
  for (let top = 1; top <= withTops; top++) {
    cells[`tops:cell:top${top}:thema`] = [pickFrom(topics, i + top)]
    cells[`tops:cell:top${top}:von`] = [pickFrom(people, i + top + 1)]
    cells[`tops:cell:top${top}:aufgabe`] = [pickFrom(tasks, i + top)]
    cells[`tops:cell:top${top}:wer`] = [pickFrom(people, i + top + 2)]
  }
  return cells
}

function statusbericht(day: string, i: number): Record<string, string[]> {
  return {
    'bericht:cell:bericht:projekt': ['Frühe Hilfen Nordheide'],
    'bericht:cell:bericht:zeitraum': [`Quartal bis ${german(day)}`],
    'bericht:cell:bericht:datum': [german(day)],
    'aktivitaeten:cell:a1:geplant': ['Elterncafé an zwei Grundschulen'],
    'aktivitaeten:cell:a1:durchgefuehrt': [i % 2 === 0 ? 'an beiden Schulen gestartet' : 'an einer Schule gestartet'],
    'aktivitaeten:cell:a1:abgleich': [i % 2 === 0 ? 'wie geplant' : 'zweite Schule im nächsten Quartal'],
    'aktivitaeten:cell:a2:geplant': ['Flyer in fünf Sprachen'],
    'aktivitaeten:cell:a2:durchgefuehrt': ['Deutsch, Türkisch, Arabisch gedruckt'],
    'ergebnis:cell:ergebnis:erreicht': ['Mehr Familien erreichen das Familienzentrum'],
    'ergebnis:cell:ergebnis:beurteilung': ['auf gutem Weg'],
  }
}

const zielsystem: Record<string, string[]> = {
  'ziele:cell:oberziel:beschreibung': ['Alle Familien im Landkreis finden früh die Hilfe, die sie brauchen'],
  'ziele:cell:projektziel:beschreibung': ['Die Einrichtungen verweisen verlässlich aneinander'],
  'ziele:cell:projektziel:indikatoren': ['80 % der Übergaben mit Rückmeldung'],
  'ziele:cell:t1:beschreibung': ['Eine gemeinsame Übersicht der Angebote'],
  'ziele:cell:t1:indikatoren': ['Übersicht online und gedruckt'],
  'ziele:cell:t2:beschreibung': ['Abgestimmte Übergaben zwischen Jobcenter und Jugendamt'],
  'ziele:cell:a1:beschreibung': ['Angebote aller Partner sammeln'],
  'ziele:cell:a1:akteure': ['Frau Demir (Jugendamt)'],
  'ziele:cell:a1:bisWann': ['31.03.2025'],
  'ziele:cell:a2:beschreibung': ['Laufzettel für Übergaben erproben'],
  'ziele:cell:a2:akteure': ['Herr Albers (Jobcenter)'],
  'ziele:cell:a2:bisWann': ['30.06.2025'],
}

const zukunftskonferenz: Record<string, string[]> = {
  'cell:auftrag': ['Wie sollen Familien 2027 im Landkreis Hilfe finden?'],
  'cell:g1:vergangenheit': ['Jede Einrichtung kannte nur ihre eigenen Angebote'],
  'cell:g1:gegenwart': ['Lange Wege zwischen den Ämtern'],
  'cell:g1:vision': ['Eine Anlaufstelle, die alle Türen öffnet'],
  'cell:g2:vision': ['Kein Kind fällt beim Übergang in die Schule durch'],
  'cell:gemeinsamkeiten': ['Familien sollen nur einmal erzählen müssen'],
  'action:a1:massnahme': ['Gemeinsame Sprechstunde im Familienzentrum'],
  'action:a1:ziel': ['Kurze Wege für Familien'],
  'action:a1:wer': ['Herr Yılmaz (Familienzentrum)'],
  'action:a1:bisWann': ['01.02.2025'],
  'action:a1:indikator': ['Sprechstunde jede Woche'],
  'action:a2:massnahme': ['Übersicht aller Angebote erstellen'],
  'action:a2:wer': ['Frau Demir (Jugendamt)'],
  'action:a2:bisWann': ['31.03.2025'],
  'action:a3:massnahme': ['Elterncafé an Grundschulen'],
  'action:a3:wer': ['Frau Weiß (Schulsozialarbeit)'],
  'action:a3:bisWann': ['01.09.2025'],
}

/** What people wrote into each method of a founding board; a method not listed gets a few Zettel in its first cells. */
const foundingZettel: ZettelPlan = {
  bedarfsanalyse: {
    'individuell:cell:i0:schon': ['Beratung im Jobcenter'],
    'individuell:cell:i0:weitere': ['Kinderbetreuung zu Randzeiten'],
    'individuell:cell:i1:partner': ['Familienzentrum'],
  },
  beteiligtenanalyse: {
    'cell:p0:status': ['Jugendamt: federführend'],
    'cell:p0:widerstaende': ['Sorge um zusätzliche Arbeit'],
    'cell:p1:ziele': ['Jobcenter: schnellere Vermittlung'],
  },
  netzwerkkarte: { 'auswertung:cell:auswertung:luecken': ['Kaum Kontakt zu den Kinderärzten'] },
  gruendungsveranstaltung: {
    'anlass:cell:anlass:anlass': ['Zu viele Familien fallen zwischen die Zuständigkeiten'],
    'runde:cell:p0:einrichtung': ['Jugendamt'],
    'runde:cell:p0:angebot': ['Frühe Hilfen, Familienhebammen'],
    'runde:cell:p1:einrichtung': ['Jobcenter'],
    'regeln:cell:treffen:vereinbart': ['Steuerungsgruppe trifft sich monatlich'],
    'naechste:cell:n1:was': ['Einladung zur Zukunftskonferenz'],
    'naechste:cell:n1:wer': ['Frau Demir (Jugendamt)'],
    'naechste:cell:n1:bisWann': ['15.11.2024'],
  },
  zukunftskonferenz,
  zielsystem,
  arbeitsauftrag: {
    'auftrag:cell:ziele:inhalt': ['Übergang Kita–Schule verbessern'],
    'phasen:cell:ph1:phase': ['Bestandsaufnahme'],
    'phasen:cell:ph1:wer': ['AG Übergang Kita–Schule'],
    'phasen:cell:ph1:bisWann': ['30.09.2025'],
  },
  netzwerkregeln: {
    'regeln:cell:entscheidungen:regel': ['Beschlüsse im Konsens, sonst mit Zweidrittelmehrheit'],
    'regeln:cell:vertraulichkeit:regel': ['Fälle nur anonymisiert besprechen'],
  },
  statusbericht: statusbericht('2026-06-30', 0),
}

/** The boards that found each phase: [day into the two years, title, methods, body, internal]. */
const founding: ReadonlyArray<[number, string, TemplateName[], string, boolean]> = [
  [0, 'Bedarfsanalyse Frühe Hilfen', ['bedarfsanalyse'], 'steuerungsgruppe', false],
  [7, 'Beteiligtenanalyse', ['beteiligtenanalyse'], 'steuerungsgruppe', true],
  [21, 'Netzwerkkarte Landkreis', ['netzwerkkarte'], 'steuerungsgruppe', false],
  [95, 'Gründungsveranstaltung', ['gruendungsveranstaltung', 'protokoll'], 'gesamtnetzwerk', false],
  [130, 'Zukunftskonferenz', ['zukunftskonferenz'], 'gesamtnetzwerk', false],
  [190, 'Zielworkshop', ['zielsystem'], 'steuerungsgruppe', false],
  [220, 'Reifegrad des Netzwerks', ['reifegrad'], 'steuerungsgruppe', false],
  [250, 'Arbeitsauftrag AG Übergang Kita–Schule', ['arbeitsauftrag'], 'steuerungsgruppe', false],
  [280, 'Netzwerkregeln', ['netzwerkregeln'], 'gesamtnetzwerk', false],
  [380, 'Dienstleistungskette Übergang Kita–Schule', ['dienstleistungskette'], 'AG Übergang Kita–Schule', false],
  [420, 'Angebotsübersicht', ['angebotsuebersicht'], 'gesamtnetzwerk', false],
  [470, 'Fallkonferenz (anonymisiert)', ['fallkonferenz'], 'Fachgruppe Gesundheit', true],
  [620, 'Statusbericht Jahr 2', ['statusbericht'], 'steuerungsgruppe', false],
  [680, 'Erfolgskontrolle', ['erfolg'], 'gesamtnetzwerk', false],
]

/** The meetings between the founding boards, in turn: steering group, a working group, the whole network now and then. */
function meeting(n: number, day: string, groups: readonly string[]): Omit<NetworkYearsBoard, 'phase' | 'date'> {
  const dated = german(day)
  if (n % 4 === 0) {
    // Every fourth steering meeting reports the quarter.
    const quarterly = n % 12 === 0
    return {
      title: `Steuerungsgruppe ${dated}`,
      body: 'steuerungsgruppe',
      internal: false,
      templates: quarterly ? ['protokoll', 'statusbericht'] : ['protokoll'],
      zettel: quarterly ? { protokoll: protokoll(day, n), statusbericht: statusbericht(day, n) } : { protokoll: protokoll(day, n) },
    }
  }
  if (n % 9 === 5) return { title: `Netzwerktreffen ${dated}`, body: 'gesamtnetzwerk', internal: false, templates: ['protokoll'], zettel: { protokoll: protokoll(day, n, 4) } }
  const group = pickFrom(groups, n)
  return { title: `${group} ${dated}`, body: group, internal: false, templates: ['protokoll'], zettel: { protokoll: protokoll(day, n, 2) } }
}

export function planNetworkYears({ boards, start = '2024-09-02', groups = defaultGroups }: NetworkYearsOptions): NetworkYearsBoard[] {
  const span = 730
  const plan: NetworkYearsBoard[] = founding.map(([days, title, templates, body, internal]) => ({
    title,
    date: dayAfter(start, days),
    phase: phaseOn(days),
    body,
    internal,
    templates,
    zettel: Object.fromEntries(templates.map((name) => [name, name === 'protokoll' ? protokoll(dayAfter(start, days), days) : (foundingZettel[name] ?? {})])),
  }))
  const meetings = Math.max(0, boards - plan.length)
  for (let n = 0; n < meetings; n++) {
    // Spread evenly over the two years, after the first week.
    const days = 7 + Math.floor(((n + 0.5) * (span - 7)) / meetings)
    const day = dayAfter(start, days)
    plan.push({ ...meeting(n, day, groups), date: day, phase: phaseOn(days) })
  }
  return plan.sort((a, b) => a.date.localeCompare(b.date)).slice(0, Math.max(boards, 0))
}

/** Where each cell of a board's methods lies, by method and cell key. */
export type CellPlaces = Map<string, Map<string, { x: number; y: number; w: number; h: number }>>

/** The cells of the board as stored: the same on every board made with the same methods in the same order. */
export async function cellPlaces(storage: SqliteStorage, boardId: string): Promise<CellPlaces> {
  const { doc } = restoreDocument(await storage.loadDocument(boardId))
  try {
    const places: CellPlaces = new Map()
    for (const shape of recordsIn<TLShape>(doc)) {
      const meta = scaffoldMeta(shape)
      if (meta?.kind !== 'cell') continue
      const { w, h } = shape.props as { w: number; h: number }
      if (!places.has(meta.template)) places.set(meta.template, new Map())
      places.get(meta.template)!.set(meta.key, { x: shape.x, y: shape.y, w, h })
    }
    return places
  } finally {
    doc.destroy()
  }
}

/**
 * The board's Zettel written into its cells as one Yjs update, appended to its stored log. With
 * `places` (its methods' `cellPlaces`, read once for all boards made alike) the board is not
 * restored: the new notes are new keys of the records map, an update of their own.
 */
export async function writeZettel(storage: SqliteStorage, boardId: string, zettel: ZettelPlan, places?: CellPlaces): Promise<number> {
  places ??= await cellPlaces(storage, boardId)
  const notes: TLShape[] = []
  for (const [template, cells] of Object.entries(zettel)) {
    const own = [...(places.get(template) ?? new Map()).entries()]
    const planned = Object.entries(cells ?? {})
    // A method without planned cells gets a Zettel in each of its first three cells.
    const texts = planned.length > 0 ? planned : own.slice(0, 3).map(([key]): [string, string[]] => [key, ['Erste Ideen gesammelt']])
    for (const [key, words] of texts) {
      const cell = places.get(template)?.get(key)
      if (!cell) throw new Error(`no cell ${key} in ${template}`)
      words.forEach((text, i) => notes.push(noteAt(cell.x + cell.w / 2, cell.y + Math.min(cell.h / 2, 110 + i * 40), text)))
    }
  }
  const doc = new Y.Doc()
  try {
    putRecords(doc, notes)
    await storage.appendUpdate(boardId, Y.encodeStateAsUpdate(doc))
    return notes.length
  } finally {
    doc.destroy()
  }
}

export interface MadeNetworkYears {
  network: CreatedNetwork
  boards: Array<{ plan: NetworkYearsBoard; board: CreatedBoard }>
}

/**
 * Makes the plan on a relay running on SQLite in `dataDir` (see the header): the network, every
 * board with its methods, its place in the network, and its Zettel.
 */
export async function makeNetworkYears(relay: HttpRelay & { dataDir: string }, plan: readonly NetworkYearsBoard[], name = networkName): Promise<MadeNetworkYears> {
  const json = (body: unknown, token?: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const created = await apiFetch(relay, '/api/networks', json({ name, targetGroup: 'Familien mit kleinen Kindern im Landkreis' }))
  if (created.status !== 201) throw new Error(`create network: ${created.status} ${await created.text()}`)
  const network = CreatedNetwork.parse(await created.json())
  const storage = new SqliteStorage(relay.dataDir)
  const boards: MadeNetworkYears['boards'] = []
  // The cells of each set of methods, read from the first board made with it.
  const placesOf = new Map<string, CellPlaces>()
  try {
    for (const board of plan) {
      const made = await createBoard(relay, board.title, { templates: board.templates.map((template) => ({ template })) })
      const added = await apiFetch(
        relay,
        networkBoardsPath(network.id),
        json({ boardId: made.id, token: made.access.facilitator, phase: board.phase, internal: board.internal, body: board.body }, network.token),
      )
      if (added.status !== 201) throw new Error(`add ${board.title}: ${added.status} ${await added.text()}`)
      const methods = board.templates.join(',')
      if (!placesOf.has(methods)) placesOf.set(methods, await cellPlaces(storage, made.id))
      await writeZettel(storage, made.id, board.zettel, placesOf.get(methods))
      boards.push({ plan: board, board: made })
    }
  } finally {
    await storage.close()
  }
  return { network, boards }
}
