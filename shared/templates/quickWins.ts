/**
 * Quick Wins (H 6.3.3): successes motivate, so the coordination pursues short-term aims and
 * milestones inside the long projects. H's five examples as rows, two of the network's own; each
 * a small aim, how everyone will see it worked, who, by when, done. Beside the phases: a Quick
 * Win may come in any of them and never moves the Fahrplan on (`recurring` in phases.ts).
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening } from './table.ts'
import { checklistItems, checklistTable, checklistWidth, type Checklist } from './taskChecklist.ts'
import { taskCols } from './taskTable.ts'

/** The cells other parts of the app read (routes). Stored boards find their cells by these keys: add, never rename. */
export const quickWinsCells = Object.freeze({
  section: 'quickwins',
  rows: Object.freeze({
    fallkonferenz: 'fallkonferenz',
    gruendung: 'gruendung',
    oeffentlichkeit: 'oeffentlichkeit',
    ansprechpartner: 'ansprechpartner',
    projekte: 'projekte',
    eigene1: 'eigene1',
    eigene2: 'eigene2',
  }),
  aim: 'vorhaben',
} as const)
const keys = quickWinsCells

const text = {
  title: { de: 'Quick Wins', en: 'Quick wins' },
  description: {
    de: 'Kurzfristige Erfolge in langen Vorhaben: frühe Fallkonferenzen, eine gelungene Gründung, Ansprechpartner, ein erstes gemeinsames Projekt – wer, bis wann, erledigt.',
    en: 'Short-term successes within long projects: early case conferences, a good founding event, named contacts, a first joint project – who, by when, done.',
  },
  intro: {
    de: 'Erfolge motivieren. Verfolgen Sie neben den langfristigen Zielen kleine, bald erreichbare: Schreiben Sie je Zeile, was Sie konkret vorhaben, wer es übernimmt und bis wann. Quick Wins können in jeder Phase kommen und ersetzen keinen Schritt des Fahrplans.',
    en: 'Successes motivate. Beside the long-term aims, pursue small ones you can reach soon: for each row write what exactly you plan, who takes it on and by when. Quick wins can come in any phase and replace no step of the roadmap.',
  },
  list: { de: 'Kurzfristige Ziele', en: 'Short-term aims' },
  date: { de: 'Datum', en: 'Date' },
}

const own = { de: 'Eigener Quick Win', en: 'A quick win of our own' }
const ownPrompt = { de: 'Was wäre bei uns bald zu schaffen und für alle sichtbar?', en: 'What could we achieve soon, visibly for everyone?' }

const list: Checklist = {
  section: keys.section,
  title: text.list,
  answer: {
    key: keys.aim,
    title: { de: 'Was wir vorhaben', en: 'What we plan' },
    prompt: { de: 'Konkret und bald erreichbar', en: 'Concrete and soon within reach' },
    w: 900,
  },
  rows: [
    {
      key: keys.rows.fallkonferenz,
      label: { de: 'Fallkonferenzen früh starten', en: 'Start case conferences early' },
      prompt: { de: 'Wenn geplant: schon beginnen, bevor Regeln und Aufbau beschlossen sind.', en: 'If planned: begin before the rules and structure are adopted.' },
    },
    {
      key: keys.rows.gruendung,
      label: { de: 'Gelungene Gründungsveranstaltung', en: 'A good founding event' },
      prompt: { de: 'Motiviert alle und bringt erste Kontakte für die tägliche Arbeit.', en: 'Motivates everyone and brings first contacts for daily work.' },
    },
    {
      key: keys.rows.oeffentlichkeit,
      label: { de: 'Öffentlichkeitsarbeit zur Gründung', en: 'Publicity for the founding' },
      prompt: { de: 'Aufmerksamkeit bei Partnern, Kommunalpolitik und Zielgruppe.', en: 'Attention from partners, local politics and the target group.' },
    },
    {
      key: keys.rows.ansprechpartner,
      label: { de: 'Ansprechpartner benennen', en: 'Name contact persons' },
      prompt: { de: 'Schon vor der Dienstleistungskette: je Einrichtung wer – das erleichtert tägliche Kontakte.', en: 'Even before the service chain: who in each organisation – it eases daily contact.' },
    },
    {
      key: keys.rows.projekte,
      label: { de: 'Schnell auf Projekte einigen', en: 'Agree on projects quickly' },
      prompt: { de: 'Noch vor dem ausgearbeiteten Zielsystem: macht gemeinsame Ziele früh sichtbar.', en: 'Before the goal system is worked out: makes shared aims visible early.' },
    },
    { key: keys.rows.eigene1, label: own, prompt: ownPrompt },
    { key: keys.rows.eigene2, label: own, prompt: ownPrompt },
  ],
}

export const QuickWinsOptions = z.object({ date: DateOption })
export type QuickWinsOptions = z.infer<typeof QuickWinsOptions>

const headerScale = 3
const width = checklistWidth(list)

function layout(options: QuickWinsOptions, locale: Locale) {
  const open = opening(dated(pick(text.title, locale), options.date, locale), pick(text.intro, locale), width, headerScale)
  const aims = checklistTable(list, open.y, locale, headerScale, 'violet')
  return { blocks: [...open.blocks, ...aims.blocks], w: width, h: open.y + aims.h }
}

export const quickWins: TemplateDefinition<QuickWinsOptions> = {
  name: 'quickWins',
  title: text.title,
  description: text.description,
  options: QuickWinsOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  // A Quick Win is named by what the network plans, and is a task once someone takes it on.
  openItemTables: [checklistItems(list, { requires: [keys.aim, taskCols.wer] })],
  actions: [],
}
