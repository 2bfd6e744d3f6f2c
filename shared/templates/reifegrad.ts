/**
 * Reifegrad: how closely the network works together, on a scale of five stages from exchanging
 * information to a binding chain of services. Each member places one note where the network
 * stands today and one where it should be; the export counts them.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import type { ExportTable } from '../templates/definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { opening, table } from './table.ts'

const text = {
  title: { de: 'Reifegrad des Netzwerks', en: 'Maturity of the network' },
  description: {
    de: 'Fünf Stufen vom Informationsnetzwerk zum Produktionsnetzwerk: Wo stehen wir, wo wollen wir hin? Jede Person klebt zwei Zettel.',
    en: 'Five stages from an information network to a production network: where are we, where do we want to be? Everyone places two notes.',
  },
  intro: {
    de: 'Jede Person klebt zwei Zettel mit ihrem Kürzel: einen in die Zeile „Heute“ unter die Stufe, auf der das Netzwerk jetzt steht, und einen in die Zeile „Ziel“. Danach sprechen Sie über die Unterschiede.',
    en: 'Everyone places two notes with their initials: one in the row “Today” under the stage the network is at now, and one in the row “Goal”. Then talk about the differences.',
  },
  stage: { de: 'Stufe', en: 'Stage' },
  scale: { de: 'Stufen der Zusammenarbeit', en: 'Stages of cooperation' },
  today: { de: 'Heute', en: 'Today' },
  todayPrompt: { de: 'Wo stehen wir?', en: 'Where are we?' },
  goal: { de: 'Ziel', en: 'Goal' },
  goalPrompt: { de: 'Wo wollen wir hin?', en: 'Where do we want to be?' },
  dots: { de: 'Zettel je Stufe', en: 'Notes per stage' },
}

export const stages: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: 'information',
    title: { de: 'Informationsnetzwerk', en: 'Information network' },
    prompt: {
      de: 'Wir tauschen Informationen aus und verweisen aufeinander. In die Abläufe der anderen greift niemand ein.',
      en: 'We share information and refer people to each other. No one touches the others’ processes.',
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
      de: 'Unsere Leistungen greifen dauerhaft ineinander – getragen von Personen und ihrem Einsatz, nicht von verbindlichen Vereinbarungen.',
      en: 'Our services mesh permanently, carried by people and their commitment rather than agreements.',
    },
  },
  {
    key: 'produktion',
    title: { de: 'Produktionsnetzwerk', en: 'Production network' },
    prompt: {
      de: 'Unsere Leistungen sind verbindlich zu einer Kette verknüpft und die Abläufe abgestimmt; jede Organisation bleibt selbstständig.',
      en: 'Our services are bound into one chain and our processes aligned; each organisation stays independent.',
    },
  },
]

export const ReifegradOptions = z.object({})
export type ReifegradOptions = z.infer<typeof ReifegradOptions>

const size = { labelW: 280, stageW: 460, rowH: 420 }
const headerScale = 1.9
const width = size.labelW + stages.length * size.stageW

function layout(_options: ReifegradOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const scale = table({
    section: 'stufen',
    sectionTitle: t(text.scale),
    rowsTitle: '',
    x: 0,
    y: open.y,
    labelW: size.labelW,
    columns: stages.map((stage, i) => ({ key: stage.key, title: `${i + 1} · ${t(stage.title)}`, prompt: t(stage.prompt), w: size.stageW })),
    rows: [
      { key: 'heute', label: t(text.today), prompt: t(text.todayPrompt), tone: 'light-blue' },
      { key: 'ziel', label: t(text.goal), prompt: t(text.goalPrompt), tone: 'light-green' },
    ],
    rowH: size.rowH,
    scale: headerScale,
    headTone: 'violet',
  })
  return { blocks: [...open.blocks, ...scale.blocks], w: width, h: open.y + scale.h }
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
    const rows = stages.map((stage, i) => [[`${i + 1} · ${t(stage.title)}`], [count('heute', stage.key)], [count('ziel', stage.key)]])
    return [{ title: t(text.dots), columns: [t(text.stage), t(text.today), t(text.goal)], rows }]
  },
}
