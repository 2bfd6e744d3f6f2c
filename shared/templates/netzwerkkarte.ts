/**
 * Netzwerkkarte: the network drawn as actors and relations. One actor in the centre, the others
 * around it, each with the symbol of its kind (legend above); relations are arrows between them,
 * rated by their line (how close), thickness (how much) and label (what for, about what). Drawn
 * as it is (Ist) and as it should be (Soll), then read for clusters, gaps and who is missing
 * (H 2.3.2). Everything drawn answers the guiding question above the maps; the labour-market and
 * the family-policy field are marked, and typical partners are placed on their side.
 */
import type { TLShape } from '@tldraw/tlschema'
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import type { ExportTable, InstanceView } from '../templates/definition.ts'
import { center, contains } from './geometry.ts'
import type { Block, CardGeo, Tone } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { typicalPartners } from './organisations.ts'
import { plainText } from './richText.ts'
import { pageOf, scaffoldMeta } from '../board/scaffoldMeta.ts'
import { linksOf } from './serviceChain.ts'
import { headerRow, promptHeight, wordsFitScale } from './typography.ts'
import { cellKey, opening } from './table.ts'

const limits = { actors: 12 }

const text = {
  title: { de: 'Netzwerkkarte', en: 'Network map' },
  description: {
    de: 'Akteure mit einem Symbol je Art, Beziehungen als Pfeile nach Grad, Umfang, Verbindlichkeit, Funktion und Inhalt – als Ist und als Soll.',
    en: 'Actors with a symbol per kind, relations as arrows rated by closeness, extent, commitment, function and content – as is and as it should be.',
  },
  intro: {
    de: 'In der Mitte steht, wer die Karte zeichnet. Verbinden Sie Akteure mit Pfeilen und bewerten Sie jede Beziehung: die Linienart zeigt den Grad der Beziehung, die Linienstärke den Umfang, die Farbe, wie verbindlich die Zusammenarbeit ist, die Beschriftung Funktion und Inhalt. Wird es zu voll, teilen Sie die Karte in Teilnetzwerke.',
    en: 'Whoever draws the map stands in the centre. Connect actors with arrows and rate each relation: the line style shows how close, the thickness how much, the colour how binding the cooperation is, the label its function and content. When it gets crowded, split the map into sub-networks.',
  },
  legend: { de: 'Symbole', en: 'Symbols' },
  question: { de: 'Leitfrage', en: 'Guiding question' },
  defaultQuestion: {
    de: 'Wer ist für Alleinerziehende vor Ort wichtig – und wie eng arbeiten wir zusammen?',
    en: 'Who matters to single parents here – and how closely do we work together?',
  },
  labourField: { de: 'Arbeitsmarktpolitisches Feld', en: 'Labour-market policy' },
  familyField: { de: 'Familienpolitisches Feld', en: 'Family policy' },
  evaluation: { de: 'Auswertung', en: 'Evaluation' },
  relations: {
    de: 'Pfeile: durchgezogen = eng, gestrichelt = gelegentlich, gepunktet = lose. Strichstärke S bis XL = wenig bis viel Austausch. Farbe = Verbindlichkeit: grün = schriftlich vereinbart, blau = mündlich abgesprochen, grau = unverbindlich. Beschriftung = Funktion und Inhalt, z. B. „Fallübergabe“. Pfeilspitzen an beiden Enden = in beide Richtungen.',
    en: 'Arrows: solid = close, dashed = occasional, dotted = loose. Thickness S to XL = little to much exchange. Colour = commitment: green = agreed in writing, blue = agreed by word, grey = not binding. Label = function and content, e.g. “case hand-over”. Arrowheads at both ends = both ways.',
  },
  ist: { de: 'Ist: So arbeiten wir heute zusammen', en: 'As-is: how we work together today' },
  soll: { de: 'Soll: So wollen wir zusammenarbeiten', en: 'To-be: how we want to work together' },
  istShort: { de: 'Ist', en: 'As-is' },
  sollShort: { de: 'Soll', en: 'To-be' },
  map: { de: 'Karte', en: 'Map' },
  centreFact: { de: 'In der Mitte', en: 'In the centre' },
  defaultCentre: { de: 'Netzwerkkoordination', en: 'Network coordination' },
  actors: { de: 'Akteure', en: 'Actors' },
  actor: { de: 'Akteur', en: 'Actor' },
  kind: { de: 'Art', en: 'Kind' },
  relationsTitle: { de: 'Beziehungen', en: 'Relations' },
  from: { de: 'Von', en: 'From' },
  to: { de: 'Zu', en: 'To' },
  closeness: { de: 'Grad', en: 'Closeness' },
  extent: { de: 'Umfang', en: 'Extent' },
  commitment: { de: 'Verbindlichkeit', en: 'Commitment' },
  content: { de: 'Funktion und Inhalt', en: 'Function and content' },
  bothWays: { de: 'in beide Richtungen', en: 'both ways' },
  addActor: { de: 'Akteur hinzufügen', en: 'Add an actor' },
  actorName: { de: 'Name des Akteurs', en: 'Name of the actor' },
}

interface ActorKind {
  key: string
  title: Labels
  geo: CardGeo
  tone: Tone
}

/** The legend; an actor's kind is read off its symbol, so redrawing the symbol changes the kind. */
export const actorKinds: ActorKind[] = [
  { key: 'verwaltung', title: { de: 'Behörde, Verwaltung', en: 'Public authority' }, geo: 'rectangle', tone: 'light-blue' },
  { key: 'traeger', title: { de: 'Freier Träger, Beratung', en: 'Charity, counselling' }, geo: 'ellipse', tone: 'light-green' },
  { key: 'bildung', title: { de: 'Bildung, Betreuung', en: 'Education, childcare' }, geo: 'triangle', tone: 'light-violet' },
  { key: 'wirtschaft', title: { de: 'Wirtschaft', en: 'Business' }, geo: 'diamond', tone: 'orange' },
  { key: 'selbsthilfe', title: { de: 'Selbsthilfe, Ehrenamt', en: 'Self-help, volunteers' }, geo: 'hexagon', tone: 'light-red' },
  { key: 'sonstige', title: { de: 'Sonstige', en: 'Other' }, geo: 'cloud', tone: 'yellow' },
  { key: 'gremium', title: { de: 'Bestehendes Gremium, Bündnis', en: 'Existing committee, alliance' }, geo: 'octagon', tone: 'grey' },
]
const other = actorKinds.find((k) => k.key === 'sonstige')!

/** The evaluation's cells that carry routes read (one row of three). */
export const netzwerkkarteCells = Object.freeze({
  auswertung: Object.freeze({
    section: 'auswertung',
    row: 'auswertung',
    col: Object.freeze({ haeufungen: 'haeufungen', luecken: 'luecken', fehlt: 'fehlt' }),
  }),
} as const)
const evaluation = netzwerkkarteCells.auswertung

/** After drawing, the map is read (H 2.3.2): where it clusters, where it has gaps, who is missing. */
const evaluationColumns: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: evaluation.col.haeufungen,
    title: { de: 'Häufungen', en: 'Clusters' },
    prompt: { de: 'Wo ballen sich die Verbindungen, wer ist Dreh- und Angelpunkt?', en: 'Where do relations cluster, who is the hub?' },
  },
  {
    key: evaluation.col.luecken,
    title: { de: 'Lücken', en: 'Gaps' },
    prompt: { de: 'Wo fehlt eine Verbindung, die Alleinerziehende brauchen?', en: 'Where is a relation missing that single parents need?' },
  },
  {
    key: evaluation.col.fehlt,
    title: { de: 'Wer fehlt?', en: 'Who is missing?' },
    prompt: { de: 'Wer gehört noch auf die Karte – und in die Beteiligtenanalyse?', en: 'Who else belongs on the map, and in the stakeholder analysis?' },
  },
]

type Field = 'arbeit' | 'familie'
/** The field of each typical partner (in the order of `typicalPartners`); none where it is neither. */
const typicalFields: (Field | undefined)[] = [
  'arbeit', 'arbeit', 'familie', 'familie', undefined, 'familie', undefined, 'familie', 'familie', 'arbeit',
  'arbeit', 'arbeit', 'familie', undefined, undefined, undefined, 'familie', undefined, 'familie',
  undefined, 'familie', 'familie', undefined,
]
const fieldOfName = (name: string): Field | undefined => typicalFields[typicalPartners.findIndex((p) => p.de === name || p.en === name)]

/**
 * Which of the places around the centre each actor takes: the places stay evenly spaced (so no
 * two cards meet), labour-market partners take those on the left, family-policy partners those
 * on the right, the others what is left.
 */
function placesByField(actors: readonly string[], angleOf: (slot: number) => number): number[] {
  const n = actors.length
  const slots = Array.from({ length: n }, (_, k) => k)
  const side = (k: number) => Math.cos(angleOf(k))
  const left = slots.filter((k) => side(k) < -1e-6).sort((a, b) => Math.sin(angleOf(a)) - Math.sin(angleOf(b)))
  const right = slots.filter((k) => side(k) > 1e-6)
  const taken = new Set<number>()
  const place: number[] = Array(n).fill(-1)
  const give = (i: number, from: number[]) => {
    const k = from.find((slot) => !taken.has(slot))
    if (k === undefined) return
    taken.add(k)
    place[i] = k
  }
  actors.forEach((name, i) => {
    const field = fieldOfName(name)
    if (field) give(i, field === 'arbeit' ? left : right)
  })
  // A field's partners beyond its side's places go to the top and the bottom before the other side.
  const middle = slots.filter((k) => Math.abs(side(k)) <= 1e-6)
  actors.forEach((name, i) => {
    if (place[i] < 0 && fieldOfName(name)) give(i, middle)
  })
  actors.forEach((_, i) => {
    if (place[i] < 0) give(i, slots)
  })
  return place
}

/** The kind of each typical partner, in the order of `typicalPartners`. */
const typicalKinds = [
  'verwaltung', 'verwaltung', 'verwaltung', 'verwaltung', 'verwaltung', 'traeger', 'traeger', 'bildung', 'bildung', 'bildung',
  'wirtschaft', 'wirtschaft', 'traeger', 'traeger', 'verwaltung', 'verwaltung', 'traeger', 'wirtschaft', 'selbsthilfe',
  'verwaltung', 'traeger', 'bildung', 'traeger',
]

function kindOfName(name: string): ActorKind {
  const i = typicalPartners.findIndex((p) => p.de === name || p.en === name)
  return actorKinds.find((k) => k.key === typicalKinds[i]) ?? other
}

const kindOfGeo = (geo: unknown) => actorKinds.find((k) => k.geo === geo) ?? other

// Both fields represented: job centre, training provider, employers; youth office, counselling, childcare, family centre; debt counselling.
const defaultActors = [0, 9, 10, 2, 5, 6, 7, 12]

export const NetzwerkkarteOptions = z.object({
  /** What the map is drawn for: everything on it should answer it (H 2.3.2). */
  question: z.string().trim().max(200).default(''),
  centre: z.string().trim().max(80).default(''),
  actors: z.array(z.string().trim().min(1).max(80)).max(limits.actors).default([]),
  maps: z.enum(['ist', 'soll', 'both']).default('both'),
})
export type NetzwerkkarteOptions = z.infer<typeof NetzwerkkarteOptions>

const size = { areaW: 2000, areaH: 1300, gapX: 160, gap: 24, card: { w: 360, h: 180 }, legendCardW: 340, centre: { w: 440, h: 200 }, legendW: 380, legendGap: 20, evaluationW: 560, evaluationGap: 100 }
/** Actors' names stay readable with a whole map in view, as headers do… */
const cardType = 2
/** …and a long name is set smaller rather than broken at a letter ("Schuldnerberatu|ng"). */
const cardScale = (name: string, w: number) => Math.floor(wordsFitScale(name, w - 2 * 16 * cardType, cardType) * 100) / 100
const headerScale = 3

function layout(options: NetzwerkkarteOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const maps = options.maps === 'both' ? (['ist', 'soll'] as const) : [options.maps]
  // At least as wide as the legend, which is wider than one map alone.
  const legendW = size.legendW + actorKinds.length * (size.legendCardW + size.legendGap)
  const mapsW = maps.length * size.areaW + (maps.length - 1) * size.gapX
  const width = Math.max(mapsW + size.evaluationGap + size.evaluationW, legendW)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const blocks: Block[] = [...open.blocks]
  const question = headerRow(
    [{ key: 'question', x: 0, w: width, tone: 'violet', title: `${t(text.question)}: ${options.question || t(text.defaultQuestion)}` }],
    open.y,
    headerScale,
  )
  blocks.push(...question.blocks)
  const legendY = open.y + question.h + size.gap

  // Legend: one card per kind, showing its symbol, then how relations are rated.
  const legend = headerRow([{ key: 'legend', x: 0, w: size.legendW, tone: 'grey', title: t(text.legend) }], legendY, headerScale, size.card.h)
  blocks.push(...legend.blocks)
  let x = size.legendW + size.legendGap
  for (const kind of actorKinds) {
    blocks.push({
      kind: 'card',
      key: `legend:${kind.key}`,
      role: `legend:${kind.key}`,
      x,
      y: legendY,
      w: size.legendCardW,
      h: legend.h,
      text: t(kind.title),
      tone: kind.tone,
      geo: kind.geo,
      scale: cardScale(t(kind.title), size.legendCardW),
    })
    x += size.legendCardW + size.legendGap
  }
  // How relations are rated: beside the symbols where there is room, else beneath them.
  const relations = t(text.relations)
  const beside = width - x >= 1200
  const relationsBox = beside ? { x, y: legendY, w: width - x } : { x: 0, y: legendY + legend.h + size.gap, w: width }
  const relationsH = promptHeight(relations, relationsBox.w)
  blocks.push({ kind: 'prompt', key: 'legend:relations', ...relationsBox, h: relationsH, text: relations })

  const headsY = Math.max(legendY + legend.h, relationsBox.y + relationsH) + 2 * size.gap
  const heads = headerRow(
    maps.map((map, i) => ({ key: `head:${map}`, x: i * (size.areaW + size.gapX), w: size.areaW, tone: map === 'ist' ? 'blue' : 'green', title: t(text[map]) })),
    headsY,
    headerScale,
  )
  blocks.push(...heads.blocks)
  // Each map's halves: the labour-market field on the left, the family-policy field on the right.
  const fields = headerRow(
    maps.flatMap((map, i) => {
      const ax = i * (size.areaW + size.gapX)
      return [
        { key: `field:${map}:arbeit`, x: ax, w: size.areaW / 2, tone: 'light-blue' as const, title: t(text.labourField) },
        { key: `field:${map}:familie`, x: ax + size.areaW / 2, w: size.areaW / 2, tone: 'light-red' as const, title: t(text.familyField) },
      ]
    }),
    headsY + heads.h,
    headerScale,
  )
  blocks.push(...fields.blocks)
  const areaY = headsY + heads.h + fields.h
  maps.forEach((map, i) => {
    const ax = i * (size.areaW + size.gapX)
    blocks.push({
      kind: 'cell',
      key: `area:${map}`,
      x: ax,
      y: areaY,
      w: size.areaW,
      h: size.areaH,
      tone: map === 'ist' ? 'light-blue' : 'light-green',
      cell: { section: 'karte', sectionTitle: t(text.map), rowsTitle: t(text.map), row: map, rowLabel: t(map === 'ist' ? text.istShort : text.sollShort) },
    })
    const cx = ax + size.areaW / 2
    const cy = areaY + size.areaH / 2
    blocks.push({
      kind: 'card',
      key: `${map}:centre`,
      role: 'actor:centre',
      x: cx - size.centre.w / 2,
      y: cy - size.centre.h / 2,
      w: size.centre.w,
      h: size.centre.h,
      text: options.centre,
      tone: 'blue',
      geo: 'rectangle',
      scale: cardScale(options.centre, size.centre.w),
    })
    // Around the centre on an ellipse, starting at the top, clockwise.
    const rx = size.areaW / 2 - size.card.w / 2 - 40
    const ry = size.areaH / 2 - size.card.h / 2 - 40
    const angleOf = (slot: number) => -Math.PI / 2 + (2 * Math.PI * slot) / options.actors.length
    const places = placesByField(options.actors, angleOf)
    options.actors.forEach((name, n) => {
      const angle = angleOf(places[n])
      const kind = kindOfName(name)
      blocks.push({
        kind: 'card',
        key: `${map}:actor:${n}`,
        role: 'actor',
        x: Math.round(cx + rx * Math.cos(angle) - size.card.w / 2),
        y: Math.round(cy + ry * Math.sin(angle) - size.card.h / 2),
        w: size.card.w,
        h: size.card.h,
        text: name,
        tone: kind.tone,
        geo: kind.geo,
        scale: cardScale(name, size.card.w),
      })
    })
  })
  // Beside the maps, read afterwards: clusters, gaps, who is missing (one row of three cells, stacked).
  const evaluationX = mapsW + size.evaluationGap
  const sectionTitle = t(text.evaluation)
  let ey = headsY + heads.h
  const cellH = (areaY + size.areaH - ey) / evaluationColumns.length
  for (const column of evaluationColumns) {
    const head = headerRow(
      [{ key: `auswertung:head:${column.key}`, x: evaluationX, w: size.evaluationW, tone: 'orange', title: t(column.title), prompt: t(column.prompt) }],
      ey,
      headerScale,
    )
    blocks.push(...head.blocks, {
      kind: 'cell',
      key: cellKey(evaluation.section, evaluation.row, column.key),
      x: evaluationX,
      y: ey + head.h,
      w: size.evaluationW,
      h: cellH - head.h,
      tone: 'yellow',
      cell: { section: evaluation.section, sectionTitle, rowsTitle: sectionTitle, row: evaluation.row, rowLabel: sectionTitle, col: column.key, colLabel: t(column.title) },
    })
    ey += cellH
  }
  return { blocks, w: width, h: areaY + size.areaH }
}

const closeness: Record<string, Labels> = {
  solid: { de: 'eng', en: 'close' },
  draw: { de: 'eng', en: 'close' },
  dashed: { de: 'gelegentlich', en: 'occasional' },
  dotted: { de: 'lose', en: 'loose' },
}
/** H 2.2.1: how binding a cooperation is, by the arrow's colour (black, the default, is unrated). */
const commitment: Record<string, Labels> = {
  green: { de: 'schriftlich vereinbart', en: 'agreed in writing' },
  blue: { de: 'mündlich abgesprochen', en: 'agreed by word' },
  grey: { de: 'unverbindlich', en: 'not binding' },
}
const extent: Record<string, Labels> = {
  s: { de: 'wenig', en: 'low' },
  m: { de: 'mittel', en: 'moderate' },
  l: { de: 'viel', en: 'high' },
  xl: { de: 'sehr viel', en: 'very high' },
}

/** Actors (cards, and shapes people drew with a name on them) and the arrows between them, per map. */
function mapTables(view: InstanceView, locale: Locale): ExportTable[] {
  const t = (labels: Labels) => pick(labels, locale)
  const areas = [...view.instance.shapes.values()]
    .filter((s) => scaffoldMeta(s)?.key.startsWith('area:'))
    .map((shape) => ({ map: scaffoldMeta(shape)!.key.slice(5), label: scaffoldMeta(shape)!.cell?.rowLabel ?? '', box: view.boundsOf(shape)! }))
    .filter((a) => a.box)
    .sort((a, b) => a.box.x - b.box.x)
  const isActor = (shape: TLShape) => {
    const meta = scaffoldMeta(shape)
    return meta ? meta.instance === view.instance.instance && meta.role?.startsWith('actor') === true : shape.type === 'geo'
  }
  const page = pageOf(view.instance.title, view.shapes)
  const areaOf = (shape: TLShape) => {
    const box = view.boundsOf(shape)
    return box && pageOf(shape, view.shapes) === page ? areas.find((a) => contains(a.box, center(box))) : undefined
  }
  const kindOf = (shape: TLShape) =>
    scaffoldMeta(shape)?.role === 'actor:centre' ? t(text.centreFact) : t(kindOfGeo((shape.props as { geo?: unknown }).geo).title)
  const actorRows: string[][][] = []
  const named = new Map<string, { name: string; area: string }>()
  for (const area of areas) {
    const inArea = [...view.shapes.values()]
      .filter((s) => isActor(s) && areaOf(s) === area)
      .map((shape) => ({ shape, name: view.textOf(shape)?.trim() ?? '', box: view.boundsOf(shape)! }))
      .filter((a) => a.name)
      .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)
    for (const { shape, name } of inArea) {
      named.set(shape.id, { name, area: area.map })
      actorRows.push([[area.label], [name], [kindOf(shape)]])
    }
  }
  const relationRows: string[][][] = []
  for (const link of linksOf({ instance: view.instance, shapes: view.shapes, bindings: view.bindings, boundsOf: view.boundsOf })) {
    const from = named.get(link.from)
    const to = named.get(link.to)
    const arrow = view.shapes.get(link.arrow)
    if (!from || !to || from.area !== to.area || !arrow) continue
    const props = arrow.props as { dash?: string; size?: string; color?: string; arrowheadStart?: string; arrowheadEnd?: string; richText?: unknown }
    const label = plainText(props.richText).trim()
    const both = props.arrowheadStart !== 'none' && props.arrowheadEnd !== 'none'
    relationRows.push([
      [areas.find((a) => a.map === from.area)!.label],
      [from.name],
      [both ? `${to.name} (${t(text.bothWays)})` : to.name],
      [closeness[props.dash ?? ''] ? t(closeness[props.dash!]) : ''],
      [extent[props.size ?? ''] ? t(extent[props.size!]) : ''],
      commitment[props.color ?? ''] ? [t(commitment[props.color!])] : [],
      label ? [label] : [],
    ])
  }
  return [
    { title: t(text.actors), columns: [t(text.map), t(text.actor), t(text.kind)], rows: actorRows },
    {
      title: t(text.relationsTitle),
      columns: [t(text.map), t(text.from), t(text.to), t(text.closeness), t(text.extent), t(text.commitment), t(text.content)],
      rows: relationRows,
    },
  ]
}

export const netzwerkkarte: TemplateDefinition<NetzwerkkarteOptions> = {
  name: 'netzwerkkarte',
  title: text.title,
  description: text.description,
  options: NetzwerkkarteOptions,
  prepare: (options, locale) => ({
    ...options,
    centre: options.centre || pick(text.defaultCentre, locale),
    actors: options.actors.length > 0 ? options.actors : defaultActors.map((i) => pick(typicalPartners[i], locale)),
  }),
  layout,
  exportFacts: (options, locale) => [
    { label: pick(text.question, locale), value: options.question || pick(text.defaultQuestion, locale) },
    { label: pick(text.centreFact, locale), value: options.centre },
  ],
  actions: [
    {
      id: 'addActor',
      offersPartners: true,
      label: text.addActor,
      input: text.actorName,
      apply: (options, input) => ({ ...options, actors: withName(options.actors, input, limits.actors) }),
    },
  ],
  exportTables: mapTables,
}
