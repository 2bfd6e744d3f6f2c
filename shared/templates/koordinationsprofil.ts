/**
 * Profil der Netzwerkkoordination (H 3.3.2): the other half of „Gründung und Koordination“. What
 * the coordination has to do and be able to do, as the handbook's profile, held against the
 * network: what it needs here, what is there, what is missing and how it is made up for (who by
 * when: an open item until done). Then how the coordination is placed: one person at one
 * organisation (powers, place beside the management, access to the house's means) or shared by
 * several (who does what, in turns). Handing over is settled in „Gründung und Koordination“.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { checklistLayout, type ChecklistColumn, type ChecklistRow, type ChecklistSection } from './checklist.ts'

/** The keys of the profile. Stored boards find their cells by these keys: add, never rename. */
export const koordinationsprofilCells = Object.freeze({
  aufgaben: Object.freeze({
    section: 'aufgaben',
    rows: Object.freeze({ fachlich: 'fachlich', steuerung: 'steuerung', kommunikation: 'kommunikation', oeffentlichkeit: 'oeffentlichkeit', dokumentation: 'dokumentation' }),
  }),
  kompetenzen: Object.freeze({
    section: 'kompetenzen',
    rows: Object.freeze({
      fachwissen: 'fachwissen',
      netzwerk: 'netzwerk',
      management: 'management',
      verhandlung: 'verhandlung',
      interkulturell: 'interkulturell',
      ebenen: 'ebenen',
      lokal: 'lokal',
      reflexion: 'reflexion',
    }),
  }),
  ansiedlung: Object.freeze({ section: 'ansiedlung', rows: Object.freeze({ einePerson: 'einePerson', mehrere: 'mehrere' }) }),
  col: Object.freeze({ vorhanden: 'vorhanden', fehlt: 'fehlt' }),
} as const)
const keys = koordinationsprofilCells

const text = {
  title: { de: 'Profil der Netzwerkkoordination', en: 'Profile of the network coordination' },
  description: {
    de: 'Was die Koordination tun und können muss, nach dem Profil des Handbuchs: was es bei uns braucht, was da ist, was fehlt und wie es ergänzt wird – und wie die Koordination angesiedelt ist.',
    en: 'What the coordination has to do and be able to do, after the handbook’s profile: what it takes here, what is there, what is missing and how it is made up for – and how the coordination is placed.',
  },
  intro: {
    de: 'Ein Netzwerk braucht eine anerkannte, professionell arbeitende Koordination. Das Profil hilft, die richtige Person oder Stelle zu finden und zu stärken. Schreiben Sie je Zeile, was das bei Ihnen heißt, was schon da ist und was fehlt; wer das Fehlende bis wann ergänzt (Fortbildung, Tandem, Hilfe eines Partners), ist ein offener Punkt, bis „Erledigt?“ ein Datum oder „ja“ hat. Wer koordiniert und wie übergeben wird, klären Sie in „Gründung und Koordination“.',
    en: 'A network needs a recognised coordination that works professionally. The profile helps to find and strengthen the right person or post. For each row, write what it means for you, what is there already and what is missing; who makes up for it by when (training, a tandem, a partner’s help) is an open item until “Done?” has a date or “yes”. Who coordinates and how it is handed over is settled in “Founding and coordination”.',
  },
  aufgaben: { de: 'Aufgaben und Tätigkeiten', en: 'Tasks and activities' },
  kompetenzen: { de: 'Kompetenzen und Fähigkeiten', en: 'Skills and abilities' },
  ansiedlung: { de: 'Ansiedlung der Koordination', en: 'Where the coordination is placed' },
  date: { de: 'Datum', en: 'Date' },
}

const row = (key: string, de: string, en: string, prompt?: Labels): ChecklistRow => ({ key, label: { de, en }, prompt })

const aufgabenRows: ChecklistRow[] = [
  row(keys.aufgaben.rows.fachlich, 'Fachlich-inhaltliche Arbeit', 'Work on content', {
    de: 'Bedarfs- und Problemanalysen, Beteiligtenanalyse über Politikfelder hinweg, Recht und Fachdiskussion auswerten, Konzepte für Produkte, Leistungsketten analysieren und neu bauen',
    en: 'Needs and problem analyses, a stakeholder analysis across policy fields, reading law and professional debate, concepts for products, analysing and rebuilding service chains',
  }),
  row(keys.aufgaben.rows.steuerung, 'Steuerung', 'Steering', {
    de: 'Ziele planen, Projekte managen, Strukturen und Regeln aufbauen, Gruppendynamik steuern',
    en: 'Planning goals, managing projects, building structures and rules, steering group dynamics',
  }),
  row(keys.aufgaben.rows.kommunikation, 'Information und Kommunikation im Netzwerk', 'Information and communication in the network'),
  row(keys.aufgaben.rows.oeffentlichkeit, 'Öffentlichkeitsarbeit', 'Public relations'),
  row(keys.aufgaben.rows.dokumentation, 'Dokumentation', 'Documentation', { de: 'Die Prozesse des Netzwerks festhalten', en: 'Keeping a record of the network’s processes' }),
]

const kompetenzenRows: ChecklistRow[] = [
  row(keys.kompetenzen.rows.fachwissen, 'Fachwissen über Politikfelder hinweg', 'Expertise across policy fields', { de: 'und Techniken der Analyse', en: 'and techniques of analysis' }),
  row(keys.kompetenzen.rows.netzwerk, 'Netzwerke in Theorie und Praxis', 'Networks in theory and practice'),
  row(keys.kompetenzen.rows.management, 'Steuerung und Projektmanagement', 'Steering and project management', {
    de: 'auch Qualitätsmanagement, um Leistungsketten zu analysieren',
    en: 'quality management too, to analyse service chains',
  }),
  row(keys.kompetenzen.rows.verhandlung, 'Verhandeln und Gruppen leiten', 'Negotiating and leading groups', {
    de: 'Gesprächsführung, schwierige Partner, Konflikte',
    en: 'leading talks, difficult partners, conflicts',
  }),
  row(keys.kompetenzen.rows.interkulturell, 'Interkulturelle Kompetenz', 'Intercultural skills'),
  row(keys.kompetenzen.rows.ebenen, 'Zwischen Ebenen und Perspektiven', 'Between levels and perspectives', {
    de: 'Feingefühl für Entscheidungs- und Arbeitsebene; über Akteure und Sichtweisen hinweg handeln – so entsteht Anerkennung',
    en: 'a feel for decision makers and practitioners; acting across actors and views – that is how recognition grows',
  }),
  row(keys.kompetenzen.rows.lokal, 'Vor Ort verankert', 'Rooted locally', {
    de: 'Kennt Kräfteverhältnisse und Kooperationskultur vor Ort; ist als Person und Einrichtung bei den Trägern anerkannt',
    en: 'Knows the local balance of power and culture of cooperation; recognised by the providers as a person and as an organisation',
  }),
  row(keys.kompetenzen.rows.reflexion, 'Selbstreflexion', 'Self-reflection'),
]

const ansiedlungRows: ChecklistRow[] = [
  row(keys.ansiedlung.rows.einePerson, 'Eine Person bei einer Organisation', 'One person at one organisation', {
    de: 'Welche Entscheidungsbefugnisse? Bei der Geschäftsführung angesiedelt? Zugriff auf die Mittel des Hauses?',
    en: 'Which powers to decide? Placed with the management? Access to the organisation’s means?',
  }),
  row(keys.ansiedlung.rows.mehrere, 'Von mehreren Organisationen getragen', 'Carried by several organisations', {
    de: 'Wer übernimmt welche Aufgaben – fest verteilt oder im Wechsel?',
    en: 'Who takes on which tasks – shared out for good or in turns?',
  }),
]

const columns: ChecklistColumn[] = [
  { key: keys.col.vorhanden, title: { de: 'Was ist da?', en: 'What is there?' }, prompt: { de: 'bei der Person oder Stelle', en: 'with the person or post' }, w: 600 },
  { key: keys.col.fehlt, title: { de: 'Was fehlt, wie ergänzen?', en: 'What is missing, how to make it up?' }, prompt: { de: 'Fortbildung, Tandem, ein Partner hilft', en: 'Training, a tandem, a partner helps' }, w: 640 },
]

const aufgaben: ChecklistSection = { key: keys.aufgaben.section, title: text.aufgaben, rows: aufgabenRows, columns, tone: 'blue' }
const kompetenzen: ChecklistSection = { key: keys.kompetenzen.section, title: text.kompetenzen, rows: kompetenzenRows, columns, tone: 'violet' }
const ansiedlung: ChecklistSection = { key: keys.ansiedlung.section, title: text.ansiedlung, rows: ansiedlungRows, columns, tone: 'green' }
/** What the coordination does and where it sits on the left, what it must be able to do on the right. */
const stacks = [[aufgaben, ansiedlung], [kompetenzen]]

export const KoordinationsprofilOptions = z.object({ date: DateOption })
export type KoordinationsprofilOptions = z.infer<typeof KoordinationsprofilOptions>

const size = { labelW: 760, rowH: 170, gap: 50, scale: 3, columnGap: 100 }

const layout = (options: KoordinationsprofilOptions, locale: Locale) =>
  checklistLayout(dated(pick(text.title, locale), options.date, locale), pick(text.intro, locale), stacks, size, locale)

export const koordinationsprofil: TemplateDefinition<KoordinationsprofilOptions> = {
  name: 'koordinationsprofil',
  title: text.title,
  description: text.description,
  options: KoordinationsprofilOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  // No task table: what is missing goes to „Gründung und Koordination“ (who coordinates, what it still needs), where who settles it by when is asked.
  actions: [],
}
