/**
 * Befragung von Alleinerziehenden und Arbeitgebern (H 5.3.4 and its Anlage „Vorbereitung und
 * Durchführung einer Befragung“; H 2.2.6): what a network settles before it asks single parents or
 * employers, the survey's cornerstones (who, what for, which method, how it is built, a pretest),
 * and how it is evaluated, judged together and perhaps published. H 2.2.6: a service is made
 * „mit“, not „für“ Alleinerziehende, so their part in the survey is a question of its own. Each
 * question has an answer, who settles it by when (an open item) and whether it is settled.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { checklistLayout, settleColumns, settleItems, type ChecklistRow, type ChecklistSection } from './checklist.ts'

/** The keys of the three checklists. Stored boards find their cells by these keys: add, never rename. */
export const befragungCells = Object.freeze({
  vorab: Object.freeze({ section: 'vorab', rows: Object.freeze({ durchfuehrung: 'durchfuehrung', mit: 'mit', befuerchtungen: 'befuerchtungen', nutzung: 'nutzung' }) }),
  eckpunkte: Object.freeze({
    section: 'eckpunkte',
    rows: Object.freeze({ zielgruppe: 'zielgruppe', ziel: 'ziel', themen: 'themen', methode: 'methode', aufbau: 'aufbau', pretest: 'pretest' }),
  }),
  auswertung: Object.freeze({ section: 'auswertung', rows: Object.freeze({ auswertung: 'auswertung', bewertung: 'bewertung', veroeffentlichung: 'veroeffentlichung' }) }),
  col: Object.freeze({ antwort: 'antwort', wer: 'wer', bisWann: 'bisWann', geklaert: 'geklaert' }),
} as const)
const keys = befragungCells

const text = {
  title: { de: 'Befragung von Alleinerziehenden und Arbeitgebern', en: 'Surveying single parents and employers' },
  description: {
    de: 'Eine Befragung gemeinsam vorbereiten, durchführen und bewerten: wer sie macht, wie Alleinerziehende mitwirken, wen und wozu Sie fragen, mit welcher Methode, und was aus den Ergebnissen folgt.',
    en: 'Prepare, run and judge a survey together: who does it, how single parents take part, whom you ask and what for, with which method, and what follows from the results.',
  },
  intro: {
    de: 'Vor Ort fehlen meist verlässliche Angaben über die Lage der Alleinerziehenden und über das, was Arbeitgeber brauchen. Eine Befragung holt sie aus erster Hand – nicht für, sondern mit den Alleinerziehenden. Gehen Sie die Fragen gemeinsam durch; wo etwas offen ist, schreiben Sie, wer es bis wann klärt. „Geklärt?“ bekommt ein Datum oder ein „ja“. Auf das Board gehören keine Antworten einzelner Befragter, nur die Auswertung.',
    en: 'Reliable facts about single parents’ lives and about what employers need are usually missing locally. A survey gets them first-hand – not for single parents but with them. Go through the questions together; where something is open, write who settles it by when. “Settled?” gets a date or a “yes”. No single respondent’s answers belong on the board, only the evaluation.',
  },
  vorab: { de: 'Vorab klären', en: 'To settle first' },
  eckpunkte: { de: 'Eckpunkte der Befragung', en: 'The survey’s cornerstones' },
  auswertung: { de: 'Auswertung und Bewertung', en: 'Evaluation and judgement' },
  date: { de: 'Datum', en: 'Date' },
}

const vorabRows: ChecklistRow[] = [
  {
    key: keys.vorab.rows.durchfuehrung,
    label: { de: 'Wer führt sie durch?', en: 'Who carries it out?' },
    prompt: {
      de: 'Haben die Partner genug Fachwissen und Zeit – oder hilft eine Hochschule, ein externer Dienstleister? Die Partner begleiten Entwicklung und Auswertung trotzdem eng.',
      en: 'Do the partners have enough expertise and time – or does a university or an outside service help? The partners still follow design and evaluation closely.',
    },
  },
  {
    key: keys.vorab.rows.mit,
    label: { de: 'Mit den Alleinerziehenden', en: 'With single parents' },
    prompt: {
      de: 'Wie wirken Alleinerziehende selbst mit – bei den Fragen, beim Pretest, bei der Bewertung (Verband, Selbsthilfe, Frauen- und Mütterzentrum, Treff)?',
      en: 'How do single parents take part themselves – in the questions, the pretest, the judgement (association, self-help, women’s and mothers’ centre, meeting group)?',
    },
  },
  {
    key: keys.vorab.rows.befuerchtungen,
    label: { de: 'Hindernisse und Befürchtungen', en: 'Obstacles and worries' },
    prompt: {
      de: 'Was könnte Befragte abhalten oder besorgen – und wie begegnen wir dem?',
      en: 'What might keep people from answering or worry them – and how do we meet that?',
    },
  },
  {
    key: keys.vorab.rows.nutzung,
    label: { de: 'Nutzung der Ergebnisse', en: 'Use of the results' },
    prompt: { de: 'Wer darf die Ergebnisse wofür nutzen?', en: 'Who may use the results, and what for?' },
  },
]

const eckpunkteRows: ChecklistRow[] = [
  {
    key: keys.eckpunkte.rows.zielgruppe,
    label: { de: 'Wen befragen wir?', en: 'Whom do we ask?' },
    prompt: {
      de: 'Alle Alleinerziehenden vor Ort oder eine Teilgruppe (junge Mütter, Eltern mit Migrationsgeschichte)? Viele Arbeitgeber oder eine Branche (Altenpflege, Handwerk)?',
      en: 'All single parents locally or a subgroup (young mothers, parents with a migration background)? Many employers or one sector (elderly care, crafts)?',
    },
  },
  {
    key: keys.eckpunkte.rows.ziel,
    label: { de: 'Wozu?', en: 'What for?' },
    prompt: {
      de: 'Die ganze Lebens- und Arbeitslage oder einzelne Teile? Vor allem Sachverhalte – oder Einstellungen und Wünsche?',
      en: 'The whole situation in life and work, or parts of it? Mainly facts – or attitudes and wishes?',
    },
  },
  {
    key: keys.eckpunkte.rows.themen,
    label: { de: 'Themenfelder', en: 'Topics' },
    prompt: {
      de: 'Etwa Kinder und ihr Alter, Schule und Ausbildung, was eine Arbeit erschwert (Mobilität, Betreuung, Gesundheit, Qualifikation), Betreuung, soziales Netz, Geld, gewünschte und bekannte Angebote; bei Arbeitgebern Bedarf und Einstellungsvoraussetzungen.',
      en: 'Such as children and their ages, school and training, what makes work hard (mobility, childcare, health, skills), childcare, social ties, money, services wished for and known; for employers, needs and hiring conditions.',
    },
  },
  {
    key: keys.eckpunkte.rows.methode,
    label: { de: 'Methode', en: 'Method' },
    prompt: {
      de: 'Qualitativ (offene Interviews, Gruppengespräche mit Leitfaden) oder quantitativ (Fragebogen)? Interviews sind aufwändiger und ergiebiger, Fragebögen anonymer, aber mit weniger Rücklauf – oft hilft eine Mischung.',
      en: 'Qualitative (open interviews, group talks with a guide) or quantitative (questionnaire)? Interviews take more effort and yield more; questionnaires are more anonymous but fewer come back – often a mix helps.',
    },
  },
  {
    key: keys.eckpunkte.rows.aufbau,
    label: { de: 'Aufbau', en: 'Structure' },
    prompt: {
      de: 'Begleitinformation zu Anlass und Verwendung; Angaben zur Person anonym; Einstieg mit leichten Fragen; Themenblöcke; nur nötige, neutrale, verständliche Fragen in der Sprache der Befragten; nicht zu lang.',
      en: 'A covering note on why and how the data are used; personal details anonymous; easy questions first; topic blocks; only necessary, neutral, clear questions in the respondents’ language; not too long.',
    },
  },
  {
    key: keys.eckpunkte.rows.pretest,
    label: { de: 'Pretest', en: 'Pretest' },
    prompt: { de: 'Wer probiert Fragebogen oder Leitfaden vorher aus, und mit wem?', en: 'Who tries out the questionnaire or guide beforehand, and with whom?' },
  },
]

const auswertungRows: ChecklistRow[] = [
  {
    key: keys.auswertung.rows.auswertung,
    label: { de: 'Auswertung', en: 'Evaluation' },
    prompt: {
      de: 'Wer wertet neutral aus – das Netzwerk oder ein Auftrag nach außen? Fragebögen auszählen; Interviews verschriftlichen und nach einem Schema auswerten.',
      en: 'Who evaluates neutrally – the network or an outside contract? Count the questionnaires; write up the interviews and read them by a scheme.',
    },
  },
  {
    key: keys.auswertung.rows.bewertung,
    label: { de: 'Was folgt daraus?', en: 'What follows?' },
    prompt: {
      de: 'Die Ergebnisse gemeinsam mit allen Partnern bewerten: Was heißt das für die weiteren Vorhaben des Netzwerks?',
      en: 'Judge the results together with all partners: what do they mean for the network’s next plans?',
    },
  },
  {
    key: keys.auswertung.rows.veroeffentlichung,
    label: { de: 'Veröffentlichen?', en: 'Publish?' },
    prompt: { de: 'Sollen die Ergebnisse nach außen – wann, wo, und hat das Netzwerk zugestimmt?', en: 'Should the results go public – when, where, and has the network agreed?' },
  },
]

const columns = settleColumns(560)
const vorab: ChecklistSection = { key: keys.vorab.section, title: text.vorab, rows: vorabRows, columns, tone: 'blue' }
const eckpunkte: ChecklistSection = { key: keys.eckpunkte.section, title: text.eckpunkte, rows: eckpunkteRows, columns, tone: 'violet' }
const auswertung: ChecklistSection = { key: keys.auswertung.section, title: text.auswertung, rows: auswertungRows, columns, tone: 'green' }
/** Before and after on the left, the survey itself on the right. */
const stacks = [[vorab, auswertung], [eckpunkte]]

export const BefragungOptions = z.object({ date: DateOption })
export type BefragungOptions = z.infer<typeof BefragungOptions>

const size = { labelW: 700, rowH: 190, gap: 50, scale: 3, columnGap: 100 }

const layout = (options: BefragungOptions, locale: Locale) =>
  checklistLayout(dated(pick(text.title, locale), options.date, locale), pick(text.intro, locale), stacks, size, locale)

export const befragung: TemplateDefinition<BefragungOptions> = {
  name: 'befragung',
  title: text.title,
  description: text.description,
  options: BefragungOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: stacks.flat().map((s) => settleItems(s.key)),
  // The handbook's questions are fixed; the answers grow as notes.
  actions: [],
}
