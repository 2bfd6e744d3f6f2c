/**
 * Reifegrad, titled "Funktionen des Netzwerks": the five functions an organisational network can
 * serve (R), from exchanging information to a binding chain of services. They are not ranked: an
 * information network is worth having in its own right, and a core network may serve another
 * function than the wider ring around it (H 4.3.1). Each member places a note where the network
 * serves today and where it should; the export counts them. (The name `reifegrad` stays: boards
 * and the API store it.)
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import type { ExportTable } from '../templates/definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { opening, table } from './table.ts'

const text = {
  title: { de: 'Funktionen des Netzwerks', en: 'What the network is for' },
  description: {
    de: 'Fünf Funktionen, die ein Netzwerk erfüllen kann – jede mit eigenem Wert: Welche erfüllen Kernnetzwerk und erweiterter Kreis heute, welche künftig?',
    en: 'Five functions a network can serve, each worth having: which do the core network and the wider ring serve today, which in future?',
  },
  intro: {
    de: 'Netzwerke erfüllen verschiedene Funktionen, und jede hat ihren eigenen Wert: Ein Informationsnetzwerk ist keine Vorstufe, sondern oft genau das Richtige. Kernnetzwerk und erweiterter Kreis können ganz unterschiedliche Funktionen haben. Jede Person klebt je Zeile einen Zettel mit ihrem Kürzel unter die Funktion, die passt; danach sprechen Sie über die Unterschiede.',
    en: 'Networks serve different functions, and each has its own value: an information network is not a preliminary step but often exactly right. The core network and the wider ring may serve quite different functions. In each row, everyone places a note with their initials under the function that fits; then talk about the differences.',
  },
  function: { de: 'Funktion', en: 'Function' },
  scale: { de: 'Funktionen des Netzwerks', en: 'Functions of the network' },
  dots: { de: 'Zettel je Funktion', en: 'Notes per function' },
}

/** The rows: the core network and the wider ring, each today and in future (`heute`, `ziel` are stored keys). */
const rows: { key: string; label: Labels; prompt: Labels; tone: 'light-blue' | 'light-green' }[] = [
  { key: 'heute', label: { de: 'Kernnetzwerk heute', en: 'Core network today' }, prompt: { de: 'Was leisten wir jetzt?', en: 'What do we do now?' }, tone: 'light-blue' },
  { key: 'ziel', label: { de: 'Kernnetzwerk künftig', en: 'Core network in future' }, prompt: { de: 'Was soll es leisten?', en: 'What should it do?' }, tone: 'light-green' },
  { key: 'weiterHeute', label: { de: 'Erweiterter Kreis heute', en: 'Wider ring today' }, prompt: { de: 'Was leistet er jetzt?', en: 'What does it do now?' }, tone: 'light-blue' },
  { key: 'weiterZiel', label: { de: 'Erweiterter Kreis künftig', en: 'Wider ring in future' }, prompt: { de: 'Was soll er leisten?', en: 'What should it do?' }, tone: 'light-green' },
]

export const stages: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: 'information',
    title: { de: 'Informationsnetzwerk', en: 'Information network' },
    prompt: {
      de: 'Wir tauschen Informationen aus und verweisen aufeinander – kein Eingriff in die Geschäftsprozesse der Partner. Dafür genügen wenige gemeinsame Ziele.',
      en: 'We share information and refer people to each other, with no intervention in the partners’ business processes. Few shared goals are needed for this.',
    },
  },
  {
    key: 'milieu',
    title: { de: 'Milieubildendes Netzwerk', en: 'Community-building network' },
    prompt: {
      de: 'Wir teilen einen Zielkorridor, stimmen einzelne Aktivitäten ab und treten gemeinsam nach außen auf.',
      en: 'We share a broad common direction, coordinate some activities and speak to the public together.',
    },
  },
  {
    key: 'projekt',
    title: { de: 'Projektbezogenes Netzwerk', en: 'Project network' },
    prompt: {
      de: 'Für eine befristete Aufgabe bringen wir eigene Mittel ein und geben ein Stück Eigenständigkeit ab.',
      en: 'For a time-limited task we contribute our own resources and give up some independence.',
    },
  },
  {
    key: 'informell',
    title: { de: 'Informelles Produktionsnetzwerk', en: 'Informal production network' },
    prompt: {
      de: 'Unsere Leistungen greifen dauerhaft ineinander – getragen von Personen, nicht von Vereinbarungen. Im Konfliktfall gehen die eigenen Geschäftsprozesse vor.',
      en: 'Our services mesh permanently, carried by people rather than agreements. In a conflict, each partner’s own business processes come first.',
    },
  },
  {
    key: 'produktion',
    title: { de: 'Produktionsnetzwerk', en: 'Production network' },
    prompt: {
      de: 'Unsere Leistungen sind verbindlich zu einer Kette verknüpft: Wir greifen in die Geschäftsprozesse ein und stimmen sie ab; jede Organisation bleibt selbstständig.',
      en: 'Our services are bound into one chain: we intervene in our business processes and align them; each organisation stays independent.',
    },
  },
]

export const ReifegradOptions = z.object({})
export type ReifegradOptions = z.infer<typeof ReifegradOptions>

const size = { labelW: 300, stageW: 460, rowH: 250 }
const headerScale = 1.9
const width = size.labelW + stages.length * size.stageW

function layout(_options: ReifegradOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  // The section key `stufen` is stored in boards; what it shows are functions side by side.
  const functions = table({
    section: 'stufen',
    sectionTitle: t(text.scale),
    rowsTitle: '',
    x: 0,
    y: open.y,
    labelW: size.labelW,
    columns: stages.map((stage) => ({ key: stage.key, title: t(stage.title), prompt: t(stage.prompt), w: size.stageW })),
    rows: rows.map((row) => ({ key: row.key, label: t(row.label), prompt: t(row.prompt), tone: row.tone })),
    rowH: size.rowH,
    scale: headerScale,
    headTone: 'violet',
  })
  return { blocks: [...open.blocks, ...functions.blocks], w: width, h: open.y + functions.h }
}

export const reifegrad: TemplateDefinition<ReifegradOptions> = {
  name: 'reifegrad',
  title: text.title,
  description: text.description,
  options: ReifegradOptions,
  layout,
  actions: [],
  exportTables(view, locale): ExportTable[] {
    const t = (labels: Labels) => pick(labels, locale)
    const count = (row: string, col: string) =>
      String(view.cells.find((c) => c.ref.row === row && c.ref.col === col)?.notes.length ?? 0)
    const counts = stages.map((stage) => [[t(stage.title)], ...rows.map((row) => [count(row.key, stage.key)])])
    return [{ title: t(text.dots), columns: [t(text.function), ...rows.map((row) => t(row.label))], rows: counts }]
  },
}
