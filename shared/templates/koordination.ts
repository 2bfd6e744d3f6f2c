/**
 * Gründung und Koordination (H 3.3.1, 3.3.2, 3.2.2–3.2.8): the questions to settle before and
 * while a network is founded, as a checklist to answer together. Where is the network anchored,
 * which themes the Kommune discusses sozialpolitisch, which alliances exist, which partners and
 * levels take part, where partners compete, who coordinates, in turns or not, how the
 * coordination is handed over and with what resources; and, as H 3.3.1's first activity, when the
 * network is actually founded. Each question has an answer, who settles it by when (an open item)
 * and whether it is settled.
 */
import { z } from 'zod'
import type { OpenItemTable, TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import { doneIn } from './taskTable.ts'

/** The keys of the two checklists. Stored boards find their cells by these keys: add, never rename. */
export const koordinationCells = Object.freeze({
  verortung: Object.freeze({
    section: 'verortung',
    rows: Object.freeze({ ansiedlung: 'ansiedlung', themen: 'themen', buendnis: 'buendnis', akteure: 'akteure', konkurrenz: 'konkurrenz' }),
  }),
  koordination: Object.freeze({
    section: 'koordination',
    rows: Object.freeze({ wer: 'wer', rotation: 'rotation', uebergabe: 'uebergabe', ressourcen: 'ressourcen' }),
  }),
  /** H 3.3.1 „Erste Aktivitäten“: the founding date, which the founding event is planned for. */
  aktivitaeten: Object.freeze({
    section: 'aktivitaeten',
    rows: Object.freeze({ gruendung: 'gruendung' }),
  }),
  col: Object.freeze({ antwort: 'antwort', wer: 'wer', bisWann: 'bisWann', geklaert: 'geklaert' }),
} as const)
const keys = koordinationCells

const text = {
  title: { de: 'Gründung und Koordination', en: 'Founding and coordination' },
  description: {
    de: 'Die Checkliste vor und während der Gründung: wo das Netzwerk angesiedelt ist, welche sozialpolitischen Themen vor Ort anstehen, welche Bündnisse es gibt, wie mit Konkurrenz umgegangen wird, wer koordiniert, ob im Wechsel, wie übergeben wird und mit welchen Mitteln – und wann gegründet wird.',
    en: 'The checklist before and while founding: where the network is anchored, which social-policy themes are current locally, which alliances exist, how competition is handled, who coordinates, whether in turns, how it is handed over and with what means, and when the network is founded.',
  },
  intro: {
    de: 'Gehen Sie die Fragen gemeinsam durch. Schreiben Sie die Antwort, wie es bei Ihnen ist oder was Sie vorhaben; wo noch etwas offen ist, wer es bis wann klärt. „Geklärt?“ bekommt ein Datum oder ein „ja“, sobald die Frage beantwortet ist – bis dahin steht sie unter den offenen Punkten.',
    en: 'Go through the questions together. Write the answer as things are for you or as you plan them; where something is open, who settles it by when. “Settled?” gets a date or a “yes” once the question is answered; until then it stays among the open items.',
  },
  verortung: { de: 'Verortung und Partner', en: 'Where the network stands, and its partners' },
  koordination: { de: 'Netzwerkkoordination', en: 'Network coordination' },
  aktivitaeten: { de: 'Erste Aktivitäten', en: 'First activities' },
  question: { de: 'Frage', en: 'Question' },
  date: { de: 'Datum', en: 'Date' },
}

type Row = { key: string; label: Labels; prompt: Labels }

const placeRows: Row[] = [
  {
    key: keys.verortung.rows.ansiedlung,
    label: { de: 'Ansiedlung', en: 'Where it is anchored' },
    prompt: {
      de: 'Bei wem ist das Netzwerk angesiedelt? Baut es auf Gewachsenes auf oder belebt es vorhandene Strukturen neu? Ist der Ort für alle Partner stimmig?',
      en: 'With whom is the network anchored? Does it build on what exists or revive existing structures? Does the place suit every partner?',
    },
  },
  {
    // H 3.3.1: the themes a network can take up, and who sets them, before it picks its own.
    key: keys.verortung.rows.themen,
    label: { de: 'Sozialpolitische Themen', en: 'Social-policy themes' },
    prompt: {
      de: 'Welche Themen werden in der Kommune gerade sozialpolitisch diskutiert? Welche Akteure setzen welche Schwerpunkte?',
      en: 'Which themes are currently discussed in the local social-policy arena? Which actors set which priorities?',
    },
  },
  {
    key: keys.verortung.rows.buendnis,
    label: { de: 'Lokales Bündnis', en: 'Local alliance' },
    prompt: {
      de: 'Welche Bündnisse und Netzwerke gibt es schon (Lokales Bündnis für Familie …)? Welche Rolle haben sie bei der Gründung, welche sollen sie später haben?',
      en: 'Which alliances and networks already exist (the Local Alliance for Families …)? What part do they play in founding, and what part later?',
    },
  },
  {
    key: keys.verortung.rows.akteure,
    label: { de: 'Akteure und Ebenen', en: 'Partners and levels' },
    prompt: {
      de: 'Sind Familien- und Arbeitsmarktpolitik vertreten, das Jobcenter eingebunden? Sind Entscheidungs- und Arbeitsebene dabei? Wo sind blinde Flecken?',
      en: 'Are family and labour-market policy both there, the job centre involved? Are decision makers and practitioners there? Where are the blind spots?',
    },
  },
  {
    key: keys.verortung.rows.konkurrenz,
    label: { de: 'Konkurrenz', en: 'Competition' },
    prompt: {
      de: 'Wo stehen Partner außerhalb des Netzwerks im Wettbewerb (Ausschreibungen, Träger)? Wie machen wir das offen und sichern faire Bedingungen?',
      en: 'Where do partners compete outside the network (tenders, providers)? How do we make it open and keep conditions fair?',
    },
  },
]

const coordinationRows: Row[] = [
  {
    key: keys.koordination.rows.wer,
    label: { de: 'Wer koordiniert?', en: 'Who coordinates?' },
    prompt: {
      de: 'Welche Organisation, welche Person übernimmt die Koordination verbindlich – eine, zwei gemeinsam oder mehrere? Ist sie vor Ort anerkannt, was braucht sie noch?',
      en: 'Which organisation, which person takes on the coordination bindingly: one, two together or several? Is it recognised locally, what else does it need?',
    },
  },
  {
    key: keys.koordination.rows.rotation,
    label: { de: 'Wechsel (Rotation)', en: 'Taking turns' },
    prompt: {
      de: 'Wechselt die Koordination zwischen den Partnern? In welchem Rhythmus, und wer ist als Nächstes dran?',
      en: 'Does the coordination pass between partners in turn? How often, and whose turn is next?',
    },
  },
  {
    key: keys.koordination.rows.uebergabe,
    label: { de: 'Übergabe der Koordination', en: 'Handing over the coordination' },
    prompt: {
      de: 'Wie wird übergeben – von der Gründung an die Koordination, bei Projektende, bei Personalwechsel? Welche Dokumentation braucht die Nachfolge?',
      en: 'How is it handed over: from founding to coordination, at the end of a project, when staff change? Which records does the successor need?',
    },
  },
  {
    key: keys.koordination.rows.ressourcen,
    label: { de: 'Ressourcen', en: 'Resources' },
    prompt: {
      de: 'Wie viel Zeit, Verwaltung und Geld hat die Koordination, und wer stellt sie? Wie kommt sie an die Mittel der Organisationen?',
      en: 'How much time, administration and money does the coordination have, and who provides it? How does it reach the organisations’ means?',
    },
  },
]

const firstActivityRows: Row[] = [
  {
    key: keys.aktivitaeten.rows.gruendung,
    label: { de: 'Gründungszeitpunkt', en: 'Founding date' },
    prompt: {
      de: 'Wann wird das Netzwerk tatsächlich gegründet? Bis wann ist die Gründungsveranstaltung geplant, und wer lädt ein?',
      en: 'When is the network actually founded? By when is the founding event planned, and who invites?',
    },
  },
]

type Column = { key: string; title: Labels; prompt?: Labels; w: number }

const answerColumns: Column[] = [
  { key: keys.col.antwort, title: { de: 'Antwort', en: 'Answer' }, prompt: { de: 'So ist es bei uns, das haben wir vor', en: 'How it is for us, what we plan' }, w: 600 },
  { key: keys.col.wer, title: { de: 'Wer klärt?', en: 'Who settles it?' }, w: 300 },
  { key: keys.col.bisWann, title: { de: 'Bis wann', en: 'By when' }, w: 280 },
  { key: keys.col.geklaert, title: { de: 'Geklärt?', en: 'Settled?' }, prompt: { de: 'Datum oder „ja“', en: 'The date or “yes”' }, w: 340 },
]

export const KoordinationOptions = z.object({ date: DateOption })
export type KoordinationOptions = z.infer<typeof KoordinationOptions>

// Two columns, as H 3.3.1 reads: where the network stands and its partners on the left, its
// coordination and first activities on the right; one column of ten questions is too tall to read
// at zoom-to-fit on a laptop.
const size = { labelW: 740, rowH: 190, gap: 50, columnGap: 100 }
const headerScale = 3
const tableW = size.labelW + sum(answerColumns.map((c) => c.w))
const width = 2 * tableW + size.columnGap

function layout(options: KoordinationOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const checklist = (section: string, title: Labels, rows: Row[], x: number, y: number, headTone: 'blue' | 'violet' | 'green') =>
    table({
      section,
      sectionTitle: t(title),
      rowsTitle: t(title),
      x,
      y,
      labelW: size.labelW,
      columns: answerColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
      rows: rows.map((r) => ({ key: r.key, label: t(r.label), prompt: t(r.prompt) })),
      rowH: size.rowH,
      scale: headerScale,
      headTone,
      rowTone: headTone === 'blue' ? 'light-blue' : headTone === 'violet' ? 'light-violet' : 'light-green',
    })
  const place = checklist(keys.verortung.section, text.verortung, placeRows, 0, open.y, 'blue')
  const rightX = tableW + size.columnGap
  const coordination = checklist(keys.koordination.section, text.koordination, coordinationRows, rightX, open.y, 'violet')
  const firstY = open.y + coordination.h + size.gap
  const first = checklist(keys.aktivitaeten.section, text.aktivitaeten, firstActivityRows, rightX, firstY, 'green')
  return { blocks: [...open.blocks, ...place.blocks, ...coordination.blocks, ...first.blocks], w: width, h: Math.max(open.y + place.h, firstY + first.h) }
}

/** A question is a task once someone is named to settle it; it leaves the open items once settled. */
const openQuestions = (section: string): OpenItemTable => ({
  section,
  what: [keys.col.antwort],
  who: [keys.col.wer],
  when: [keys.col.bisWann],
  requires: [keys.col.wer, keys.col.bisWann],
  done: doneIn(keys.col.geklaert),
  rowLabel: true,
})

export const koordination: TemplateDefinition<KoordinationOptions> = {
  name: 'koordination',
  title: text.title,
  description: text.description,
  options: KoordinationOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [openQuestions(keys.verortung.section), openQuestions(keys.koordination.section), openQuestions(keys.aktivitaeten.section)],
  // The checklist is the handbook's: its questions are fixed, the answers grow as notes.
  actions: [],
}
