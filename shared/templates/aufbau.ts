/**
 * Organisatorischer Aufbau (H 4.3.1, „Checkliste organisatorischer Aufbau eines Netzwerks“): the
 * questions that decide a network's structure – its size, its frame of reference, its meetings,
 * working groups and sub-networks, its steering group, and its core and wider circle – to settle
 * together, each with an answer, who settles it by when (an open item) and whether it is settled.
 * The Arbeitsauftrag draws the architecture these answers choose; this is where they are decided.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { checklistLayout, settleColumns, settleItems, type ChecklistRow, type ChecklistSection } from './checklist.ts'

/** The keys of the six question groups. Stored boards find their cells by these keys: add, never rename. */
export const aufbauCells = Object.freeze({
  groesse: Object.freeze({
    section: 'groesse',
    rows: Object.freeze({ akteure: 'akteure', anzahl: 'anzahl', raum: 'raum', themen: 'themen', treffen: 'treffen', rhythmus: 'rhythmus' }),
  }),
  spezialisierung: Object.freeze({
    section: 'spezialisierung',
    rows: Object.freeze({ arbeitsgruppen: 'arbeitsgruppen', teilnetzwerke: 'teilnetzwerke', buendnis: 'buendnis', kommunikation: 'kommunikation' }),
  }),
  steuerung: Object.freeze({ section: 'steuerung', rows: Object.freeze({ entscheider: 'entscheider', arbeitsebene: 'arbeitsebene', zwischen: 'zwischen', vorgaben: 'vorgaben' }) }),
  kreise: Object.freeze({ section: 'kreise', rows: Object.freeze({ grade: 'grade', kern: 'kern', breite: 'breite' }) }),
  col: Object.freeze({ antwort: 'antwort', wer: 'wer', bisWann: 'bisWann', geklaert: 'geklaert' }),
} as const)
const keys = aufbauCells

const text = {
  title: { de: 'Organisatorischer Aufbau', en: 'Organisational structure' },
  description: {
    de: 'Die Checkliste, mit der das Netzwerk seine Netzwerkarchitektur klärt: Größe, Bezugsrahmen, Treffen, Arbeitsgruppen und Teilnetzwerke, Steuerungsgruppe, Kernnetzwerk und erweiterter Kreis.',
    en: 'The checklist for the network’s structure: size, frame of reference, meetings, working groups and sub-networks, steering group, core network and wider circle.',
  },
  intro: {
    de: 'Der Aufbau richtet sich nach der Zahl der Akteure, den Vorhaben und dem vereinbarten Vorgehen – und kann sich ändern. Klären Sie die Fragen gemeinsam; wer eine offene Frage bis wann klärt, ist ein offener Punkt, bis „Geklärt?“ ein Datum oder „ja“ hat. Die gewählte Architektur zeichnen Sie im Arbeitsauftrag.',
    en: 'The structure follows the number of actors, the plans and the agreed way of working – and may change. Settle the questions together; who settles an open one by when is an open item until “Settled?” has a date or “yes”. Draw the chosen architecture in the working brief.',
  },
  groesse: { de: 'Größe, Bezugsrahmen, Treffen', en: 'Size, frame of reference, meetings' },
  spezialisierung: { de: 'Arbeitsgruppen und Teilnetzwerke', en: 'Working groups and sub-networks' },
  steuerung: { de: 'Steuerungsgruppe', en: 'Steering group' },
  kreise: { de: 'Kernnetzwerk und erweiterter Kreis', en: 'Core network and wider circle' },
  date: { de: 'Datum', en: 'Date' },
}

const row = (key: string, label: Labels, de: string, en: string): ChecklistRow => ({ key, label, prompt: { de, en } })

const groesseRows = [
  // Größe, Bezugsrahmen and Netzwerktreffen, as H 4.3.1 asks them one after the other: one table, so the checklist fits a screen.
  row(keys.groesse.rows.akteure, { de: 'Größe: welche Akteure?', en: 'Size: which actors?' }, 'Alle, die schon mit der Zielgruppe arbeiten – oder auch neue?', 'All who already work with the target group – or new ones too?'),
  row(keys.groesse.rows.anzahl, { de: 'Wie viele?', en: 'How many?' }, 'Nur die für das Thema zentralen oder die ganze Breite?', 'Only those central to the subject, or the whole range?'),
  row(keys.groesse.rows.raum, { de: 'Bezug: welcher Raum?', en: 'Frame: which area?' }, 'Ein Stadtteil, ein Sozialraum oder die ganze Stadt?', 'One district, one social area or the whole town?'),
  row(keys.groesse.rows.themen, { de: 'Bezug: Themen, Zielgruppe', en: 'Frame: topics, target group' }, 'Welche Themen stehen im Mittelpunkt? Wie genau ist die Zielgruppe beschrieben?', 'Which topics are central? How exactly is the target group described?'),
  row(keys.groesse.rows.treffen, { de: 'Treffen: wie und wo?', en: 'Meetings: how and where?' }, 'In welcher Form, wo und in welchem Rahmen treffen sich die Akteure?', 'In what form, where and in what setting do the actors meet?'),
  row(keys.groesse.rows.rhythmus, { de: 'Treffen: wie oft, wer?', en: 'Meetings: how often, who?' }, 'In welchem Abstand, zu welchen Anlässen? Wann kommt das ganze Netzwerk zusammen?', 'How often, on which occasions? When does the whole network meet?'),
]
const spezialisierungRows = [
  row(keys.spezialisierung.rows.arbeitsgruppen, { de: 'Arbeitsgruppen', en: 'Working groups' }, 'Welche Themen oder Teilziele können Arbeitsgruppen bearbeiten – mit klarem Auftrag?', 'Which topics or sub-goals can working groups take on – with a clear brief?'),
  row(keys.spezialisierung.rows.teilnetzwerke, { de: 'Teilnetzwerke', en: 'Sub-networks' }, 'Lässt sich ein großes Netzwerk in thematische oder örtliche Teilnetzwerke teilen?', 'Can a large network be split into sub-networks by topic or place?'),
  row(keys.spezialisierung.rows.buendnis, { de: 'Lokales Bündnis', en: 'Local alliance' }, 'Wo steht das Netzwerk im Lokalen Bündnis für Familie?', 'Where does the network stand in the Local Alliance for Families?'),
  row(keys.spezialisierung.rows.kommunikation, { de: 'Ins Gesamtnetzwerk', en: 'To the whole network' }, 'Wie erfährt das Gesamtnetzwerk von Verlauf und Ergebnissen?', 'How does the whole network learn of progress and results?'),
]
const steuerungRows = [
  row(keys.steuerung.rows.entscheider, { de: 'Entscheider', en: 'Decision makers' }, 'Wie werden Entscheidungsbefugte eingebunden?', 'How are those who can decide involved?'),
  row(keys.steuerung.rows.arbeitsebene, { de: 'Arbeitsebene', en: 'Practitioners' }, 'Wie wird die operative Ebene eingebunden?', 'How is the operational level involved?'),
  row(keys.steuerung.rows.zwischen, { de: 'Zwischen den Ebenen', en: 'Between the levels' }, 'Wie laufen Entscheidungen zwischen den Ebenen, und wie werden sie mitgeteilt?', 'How do decisions pass between the levels, and how are they made known?'),
  row(keys.steuerung.rows.vorgaben, { de: 'Vorgaben umsetzen', en: 'Putting guidance into practice' }, 'Macht die Arbeitsebene aus Vorgaben der Steuerung konkrete Absprachen und Abläufe?', 'Do practitioners turn the steering group’s guidance into concrete agreements and processes?'),
]
const kreiseRows = [
  row(keys.kreise.rows.grade, { de: 'Beteiligungsgrade', en: 'Degrees of involvement' }, 'Sind Partner unterschiedlich stark beteiligt – fest oder je nach Thema und Phase?', 'Are partners involved to different degrees – for good or by topic and phase?'),
  row(keys.kreise.rows.kern, { de: 'Kleines Kernnetzwerk?', en: 'A small core network?' }, 'Ein Kern arbeitet verbindlich, ein breiterer Kreis ist durch Information und Transfer beteiligt?', 'A core works bindingly, a wider circle takes part through information and transfer?'),
  row(keys.kreise.rows.breite, { de: 'Möglichst viele?', en: 'As many as possible?' }, 'Sollen so viele Partner wie möglich dabei sein? Wer entscheidet die Zuordnung, und ist sie transparent?', 'Should as many partners as possible take part? Who decides who belongs where, and is it open?'),
]

// Six tables under each other: their column heads stay one line, without the prompts (the intro says what „Geklärt?“ takes).
const columns = settleColumns(360).map(({ prompt: _prompt, ...column }) => column)
const section = (key: string, title: Labels, rows: ChecklistRow[], tone: ChecklistSection['tone']): ChecklistSection => ({ key, title, rows, columns, tone })
/** Size, frame, meetings and circles on the left; the division of work and the steering on the right. */
const stacks: ChecklistSection[][] = [
  [
    section(keys.groesse.section, text.groesse, groesseRows, 'blue'),
    section(keys.kreise.section, text.kreise, kreiseRows, 'green'),
  ],
  [section(keys.spezialisierung.section, text.spezialisierung, spezialisierungRows, 'violet'), section(keys.steuerung.section, text.steuerung, steuerungRows, 'orange')],
]

export const AufbauOptions = z.object({ date: DateOption })
export type AufbauOptions = z.infer<typeof AufbauOptions>

const size = { labelW: 900, rowH: 150, gap: 40, scale: 3, columnGap: 100 }

const layout = (options: AufbauOptions, locale: Locale) =>
  checklistLayout(dated(pick(text.title, locale), options.date, locale), pick(text.intro, locale), stacks, size, locale)

export const aufbau: TemplateDefinition<AufbauOptions> = {
  name: 'aufbau',
  title: text.title,
  description: text.description,
  options: AufbauOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: stacks.flat().map((s) => settleItems(s.key)),
  actions: [],
}
