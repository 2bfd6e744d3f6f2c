/**
 * Checkliste Anlaufstelle (H 5.3.1): what the network decides before it sets up a place where
 * single parents are guided through the system of help (a „Lotse“): for whom, run by whom,
 * where, on which overview of the local offers, with which services, with which hand-overs,
 * without taking over the Jobcenter's and Jugendamt's duties, and in which role for the network.
 * Beside them H's list of counselling services, as what the decision on services may cover.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening } from './table.ts'
import { headerRow, promptHeight } from './typography.ts'
import type { Block } from './model.ts'
import { checklistItems, checklistTable, checklistWidth, type Checklist } from './taskChecklist.ts'

/** The cells other parts of the app read (routes). Stored boards find their cells by these keys: add, never rename. */
export const anlaufstelleCells = Object.freeze({
  decisions: 'entscheidungen',
  rows: Object.freeze({
    zielgruppe: 'zielgruppe',
    anbieter: 'anbieter',
    raeume: 'raeume',
    ueberblick: 'ueberblick',
    leistungen: 'leistungen',
    schnittstellen: 'schnittstellen',
    pflicht: 'pflicht',
    funktion: 'funktion',
  }),
  answer: 'antwort',
  services: 'leistungen',
} as const)
const keys = anlaufstelleCells

const text = {
  title: { de: 'Checkliste Anlaufstelle', en: 'Checklist: a contact point' },
  description: {
    de: 'Was das Netzwerk entscheidet, bevor es eine Anlaufstelle für Alleinerziehende einrichtet: Zielgruppe, Träger, Räume, Leistungen, Schnittstellen und ihre Rolle im Netzwerk.',
    en: 'What the network decides before it sets up a contact point for single parents: target group, provider, premises, services, hand-overs and its role in the network.',
  },
  intro: {
    de: 'Eine Anlaufstelle ist ein fester, dauerhaft besetzter Ort, der Alleinerziehende als Lotse durch das Hilfesystem begleitet. Sie gelingt nur, wenn die Angebote des Netzwerks überschaubar und die Schnittstellen geklärt sind. Gehen Sie die Entscheidungen gemeinsam durch; wo etwas offen ist, wer es bis wann klärt.',
    en: 'A contact point is a fixed, permanently staffed place that guides single parents through the system of help. It only works when the network’s offers are clear and the hand-overs settled. Go through the decisions together; where something is open, who settles it by when.',
  },
  decisions: { de: 'Entscheidungen im Netzwerk', en: 'Decisions in the network' },
  services: { de: 'Beratungsleistungen', en: 'Counselling services' },
  servicesIntro: {
    de: 'Oft braucht es mehrere zusammen. Im Handbuch genannt:',
    en: 'Often several are needed together. The handbook names:',
  },
  date: { de: 'Datum', en: 'Date' },
}

const decisions: Checklist = {
  section: keys.decisions,
  title: text.decisions,
  answer: { key: keys.answer, title: { de: 'Unsere Entscheidung', en: 'Our decision' }, w: 900 },
  rows: [
    {
      key: keys.rows.zielgruppe,
      label: { de: 'Zielgruppe', en: 'Target group' },
      prompt: { de: 'Alle Alleinerziehenden oder eine Teilgruppe – junge Mütter, ein Stadtteil?', en: 'All single parents or a part of them: young mothers, one district?' },
    },
    {
      key: keys.rows.anbieter,
      label: { de: 'Anbieter und Fachkräfte', en: 'Provider and staff' },
      prompt: {
        de: 'Teil einer Behörde oder ein neutraler Ort? Welche Qualifikation und welches Wissen brauchen die Fachkräfte? Mindestens eine Person dauerhaft.',
        en: 'Part of a public body or a neutral place? Which qualifications and knowledge does the staff need? At least one person, permanently.',
      },
    },
    {
      key: keys.rows.raeume,
      label: { de: 'Räume', en: 'Premises' },
      prompt: {
        de: 'Zentral, vor Ort bekannt, ein Ort, an dem Alleinerziehende sich angenommen fühlen (Mütterzentrum, Familienservicebüro)?',
        en: 'Central, known locally, a place where single parents feel welcome (a mothers’ centre, a family service office)?',
      },
    },
    {
      key: keys.rows.ueberblick,
      label: { de: 'Überblick über die Angebote', en: 'Overview of the offers' },
      prompt: {
        de: 'Gibt es einen Überblick über die Unterstützung vor Ort? Wenn nicht, kann eine Broschüre (Angebotsübersicht) das erste Produkt sein.',
        en: 'Is there an overview of local support? If not, a brochure (overview of services) can be the first product.',
      },
    },
    {
      key: keys.rows.leistungen,
      label: { de: 'Beratungsleistungen', en: 'Counselling services' },
      prompt: { de: 'Welche Leistungen genau, oft in Kombination? Die Liste unten hilft.', en: 'Which services exactly, often combined? The list below helps.' },
    },
    {
      key: keys.rows.schnittstellen,
      label: { de: 'Schnittstellen und Übergaben', en: 'Hand-overs' },
      prompt: {
        de: 'Was macht die Anlaufstelle, was das Fallmanagement im SGB II, was die Lebensberatung? Wie wird übergeben und informiert (Laufzettel, Beratungsgutschein)?',
        en: 'What does the contact point do, what the SGB II case management, what family counselling? How are people handed over and informed (referral slip, voucher)?',
      },
    },
    {
      key: keys.rows.pflicht,
      label: { de: 'Pflichtleistungen bleiben', en: 'Statutory duties stay' },
      prompt: {
        de: 'Jobcenter und Jugendamt geben ihre Pflichtleistungen nicht an die Anlaufstelle ab. Wie vermeiden wir Doppelbetreuung?',
        en: 'The job centre and youth office do not hand their statutory services to the contact point. How do we avoid double support?',
      },
    },
    {
      key: keys.rows.funktion,
      label: { de: 'Funktion im Netzwerk', en: 'Role in the network' },
      prompt: {
        de: 'Niedrigschwellige, vertrauliche Beratung – oder „Clearing“ für alle Partner und Zugang zum Netzwerk? Mit allen Partnern abstimmen.',
        en: 'Low-threshold, confidential counselling, or “clearing” for all partners and the way into the network? Agree it with every partner.',
      },
    },
  ],
}

/** H 5.3.1's counselling services, in its order. */
const services: { key: string; label: Labels }[] = [
  { key: 'lotse', label: { de: 'Lotsenfunktion durch das Hilfesystem', en: 'Guiding people through the system of help' } },
  { key: 'beratung', label: { de: 'Beratung zu allen Lebensbereichen', en: 'Counselling on every area of life' } },
  { key: 'klaerung', label: { de: 'Situationsklärung (psychosozial, beruflich)', en: 'Clarifying the situation (psychosocial, work)' } },
  { key: 'loesungen', label: { de: 'Lösungswege erarbeiten und länger begleiten', en: 'Working out solutions and accompanying them' } },
  { key: 'aktivierung', label: { de: 'Aktivierung und eigene Lebensplanung', en: 'Activation and a plan of one’s own' } },
  { key: 'kinderbetreuung', label: { de: 'Informationen zur Kinderbetreuung', en: 'Information on childcare' } },
  { key: 'finanzen', label: { de: 'Informationen zu Geld (Schulden, Unterhalt, Leistungen)', en: 'Information on money (debts, maintenance, benefits)' } },
  { key: 'gesundheit', label: { de: 'Informationen zur Gesundheit', en: 'Information on health' } },
  { key: 'qualifizierung', label: { de: 'Informationen zur Qualifizierung', en: 'Information on qualification' } },
  { key: 'wohnen', label: { de: 'Informationen zum Wohnen', en: 'Information on housing' } },
  { key: 'vermittlung', label: { de: 'Vermittlung an andere Einrichtungen', en: 'Referral to other services' } },
  { key: 'arbeit', label: { de: 'Unterstützung bei der Arbeitssuche', en: 'Help finding work' } },
  { key: 'begleitung', label: { de: 'Begleitung zu Ämtern, Hilfe bei Anträgen', en: 'Going along to offices, help with forms' } },
  { key: 'kontakte', label: { de: 'Kontakte zu Selbsthilfe und Treffs', en: 'Contacts to self-help groups and meeting places' } },
]

export const AnlaufstelleOptions = z.object({ date: DateOption })
export type AnlaufstelleOptions = z.infer<typeof AnlaufstelleOptions>

const headerScale = 3
const size = { gap: 50, listW: 1000 }
const width = checklistWidth(decisions) + size.gap + size.listW

function layout(options: AnlaufstelleOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const first = checklistTable(decisions, open.y, locale, headerScale)
  // H's list beside the decisions, as small print: what „Beratungsleistungen“ may cover.
  const x = checklistWidth(decisions) + size.gap
  const head = headerRow([{ key: `${keys.services}:head`, x, w: size.listW, tone: 'violet', title: t(text.services) }], open.y, headerScale)
  const list = `${t(text.servicesIntro)}\n${services.map((s) => `• ${t(s.label)}`).join('\n')}`
  const listY = open.y + head.h + 10
  const listBlock: Block = { kind: 'prompt', key: `${keys.services}:list`, x, y: listY, w: size.listW, h: promptHeight(list, size.listW), text: list }
  const h = Math.max(open.y + first.h, listY + listBlock.h)
  return { blocks: [...open.blocks, ...first.blocks, ...head.blocks, listBlock], w: width, h }
}

export const anlaufstelle: TemplateDefinition<AnlaufstelleOptions> = {
  name: 'anlaufstelle',
  title: text.title,
  description: text.description,
  options: AnlaufstelleOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [checklistItems(decisions)],
  // H's decisions and services are fixed; the answers grow as notes.
  actions: [],
}
