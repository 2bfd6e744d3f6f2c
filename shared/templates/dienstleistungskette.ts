/**
 * Dienstleistungskette: the target group's path through the services of several organisations,
 * drawn as one swimlane per organisation between the client's Bedarfslage and the Wirkungen.
 * Arrows that change lanes are the Schnittstellen; comparing the desired chain (Soll) with
 * today's (Ist) shows where something has to change.
 */
import type { TLShape } from '@tldraw/tlschema'
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import type { ExportTable, InstanceView } from '../templates/definition.ts'
import type { Block } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { headerRow, promptHeight, titleBlock, type HeaderSpec } from './typography.ts'
import { sum, table } from './table.ts'
import { typicalPartners } from './organisations.ts'
import { doneColumn, doneKey } from './doneColumn.ts'
import {
  laneOf,
  laneSection,
  lanesOf,
  linksOf,
  positionOf,
  readChain,
  type ChainSource,
  type Lane,
} from './serviceChain.ts'

export type ChainVariant = 'soll' | 'ist'

/**
 * The keys the carry routes write into: gaps (Planspiel, Fallkonferenz, Angebotsübersicht),
 * hand-overs not yet placed, the target group's needs (Bedarfsanalyse), the comparison's as-is
 * (Planspiel, Laufzettel). Not all of it is a `table()`: block keys are spelled here, once.
 * Stored boards find their cells by these keys: add, never rename.
 */
export const dienstleistungsketteCells = Object.freeze({
  gaps: 'gaps',
  gapsSection: 'luecken',
  handoverSection: 'schnittstellen',
  handover: (i: number) => `handover:${i}`,
  /** Hand-overs carried in that nobody has placed on a marked hand-over yet. */
  handoverOpen: 'handover:open',
  handoverOpenRow: 'open',
  /** The target group's needs, in step 1 under the target group. */
  bedarfslagen: 'bedarfslagen',
  bedarfslagenSection: 'wirkungen',
  /** The effects the chain is to have for the target group (from the Zielsystem's Projektziele). */
  wirkungen: 'wirkungen:ziele',
  wirkungenSection: 'angestrebt',
  comparison: Object.freeze({
    section: 'vergleich',
    row: (n: number) => `v${n}`,
    col: Object.freeze({ soll: 'soll', ist: 'ist', aendert: 'aendert', wer: 'wer', bisWann: 'bisWann', erledigt: doneKey }),
  }),
} as const)
const cellKeys = dienstleistungsketteCells

const limits = { targetGroup: 200, organisation: 80, organisations: 12, handover: 200, handovers: 40, comparison: 20 }

export const DienstleistungsketteOptions = z.object({
  targetGroup: z.string().trim().max(limits.targetGroup).default(''),
  organisations: z
    .array(z.string().trim().min(1).max(limits.organisation))
    .max(limits.organisations)
    .default([]),
  // H 4.2.3: today's path and the ideal one, drawn side by side and compared. Stored boards keep theirs.
  variant: z.enum(['ist', 'soll', 'both']).default('both'),
  /** Labels of the marked hand-overs, one cell each, e.g. "Jobcenter → Jugendamt". */
  handovers: z.array(z.string().trim().min(1).max(limits.handover)).max(limits.handovers).default([]),
  /** Rows of the Soll–Ist comparison, one per step of the chain. */
  comparison: z.number().int().min(1).max(limits.comparison).default(3),
})
export type DienstleistungsketteOptions = z.infer<typeof DienstleistungsketteOptions>

// Jobcenter, Jugendamt, Beratungsstellen, Kita-Träger: the handbook's core for single parents.
const defaultOrganisations = [0, 2, 5, 7]

const variantText: Record<ChainVariant, { short: Labels; head: Labels; start: Labels; end: Labels }> = {
  soll: {
    short: { de: 'Soll', en: 'To-be' },
    head: {
      de: 'Soll – der gewünschte Ablauf\nSo sollte der Weg durch die Angebote aussehen: lückenlos und ohne doppelte Beratung.',
      en: 'To-be – the process we want\nThe path through the services as it should be: no gaps, no counselling twice.',
    },
    start: {
      de: 'Bedarfslage:\nWas braucht die Person, wenn sie sich zum ersten Mal meldet?',
      en: 'Needs:\nWhat does the person need when they first get in touch?',
    },
    end: {
      de: 'Wirkungen:\nWas hat sich für die Person verändert, wenn die Kette trägt?',
      en: 'Effects:\nWhat has changed for the person once the chain holds?',
    },
  },
  ist: {
    short: { de: 'Ist', en: 'As-is' },
    head: {
      de: 'Ist – wie es heute läuft\nDiese Stationen durchläuft die Person heute wirklich, mit Umwegen und Wartezeiten.',
      en: 'As-is – how it runs today\nThe stations the person really passes through today, detours and waiting included.',
    },
    start: {
      de: 'Bedarfslage:\nWomit kommt die Person heute, und wo meldet sie sich zuerst?',
      en: 'Needs:\nWhat does the person come with today, and where do they turn first?',
    },
    end: {
      de: 'Wirkungen:\nWas kommt heute am Ende für die Person heraus?',
      en: 'Effects:\nWhat does the person end up with today?',
    },
  },
}

const text = {
  title: { de: 'Dienstleistungskette', en: 'Service chain' },
  description: {
    de: 'Der Weg der Zielgruppe durch die Angebote: eine Bahn je Organisation, ein Leistungszettel je Leistung, Schnittstellen als Pfeile – als Soll, Ist oder beides.',
    en: "The target group's path through the services: one lane per organisation, a service note per service, hand-overs as arrows – to-be, as-is or both.",
  },
  targetGroup: { de: 'Zielgruppe', en: 'Target group' },
  defaultTargetGroup: {
    de: 'Alleinerziehende mit Kindern unter drei Jahren',
    en: 'Single parents with children under three',
  },
  intro: {
    de: 'So gehen Sie vor: Schreiben Sie für jede Leistung einen Leistungszettel – was geschieht, wer dafür verantwortlich ist, woran man ihren Beitrag erkennt – und legen Sie ihn in die Bahn der Organisation, die sie erbringt. Verbinden Sie die Leistungszettel mit Pfeilen in der Reihenfolge, in der die Person sie erlebt: von der Bedarfslage links bis zu den Wirkungen rechts. Wo ein Pfeil die Bahn wechselt, liegt eine Schnittstelle.',
    en: 'How it works: write one service note per service – what happens, who is responsible, how you can tell it contributed – and put it in the lane of the organisation that provides it. Connect the service notes with arrows in the order the person experiences them: from the needs on the left to the effects on the right. Where an arrow changes lanes, there is a hand-over.',
  },
  lanes: { de: 'Leistungen je Organisation', en: 'Services per organisation' },
  organisation: { de: 'Organisation', en: 'Organisation' },
  handovers: { de: 'Schnittstellen', en: 'Hand-overs' },
  handover: { de: 'Schnittstelle', en: 'Hand-over' },
  handoverPrompt: {
    de: 'Eine Schnittstelle ist jede Stelle, an der ein Pfeil von einer Organisation zur nächsten führt. Jede markierte Schnittstelle bekommt hier ein eigenes Feld. Notieren Sie dort, was an dieser Stelle verloren geht oder hängen bleibt – Wartezeiten, fehlende Unterlagen, doppelte Beratung, Weiterverweisung ohne Rückmeldung – und was helfen würde, etwa ein Laufzettel oder ein Beratungsgutschein.',
    en: 'A hand-over is any point where an arrow leads from one organisation to the next. Each marked hand-over gets a field of its own here. Note there what gets lost or stuck at that point – waiting times, missing papers, counselling twice, referral without feedback – and what would help, such as a referral slip or a counselling voucher.',
  },
  handoverOpen: {
    de: 'Noch zuzuordnen: Übernommenes landet hier; legen Sie es in das Feld seiner Schnittstelle',
    en: 'Still to be placed: what was taken over lands here; move it to its hand-over’s field',
  },
  bedarfslagen: { de: 'Bedarfslagen der Zielgruppe', en: "The target group's needs" },
  bedarfslagenPrompt: {
    de: 'Womit kommen die Menschen der Zielgruppe? Je Zettel eine Bedarfslage – aus der Bedarfsanalyse übernommen oder hier gesammelt.',
    en: 'What do people in the target group come with? One note per need, taken over from the needs analysis or gathered here.',
  },
  gaps: { de: 'Lücken und Änderungsbedarf', en: 'Gaps and what must change' },
  wirkungen: { de: 'Angestrebte Wirkungen', en: 'Intended effects' },
  wirkungenPrompt: {
    de: 'Was soll sich für die Menschen der Zielgruppe verändert haben, wenn die Kette trägt? Je Zettel eine Wirkung – aus dem Zielsystem übernommen oder hier gesammelt.',
    en: 'What should have changed for the people in the target group once the chain holds? One note per effect, taken over from the goal system or gathered here.',
  },
  gapsArea: { de: 'Bereich', en: 'Area' },
  gapsPrompt: {
    de: 'Wo fehlt eine Leistung ganz, wo wird doppelt gearbeitet, wo weicht der heutige Weg vom gewünschten ab? Halten Sie fest, was sich ändern muss und wer es anstoßen kann – jede Organisation behält dabei ihre Zuständigkeit.',
    en: "Where is a service missing altogether, where is work done twice, where does today's path differ from the one we want? Note what must change and who can set it going – each organisation keeps its own remit.",
  },
  addLane: { de: 'Organisation (Bahn) hinzufügen', en: 'Add an organisation (lane)' },
  laneName: { de: 'Name der Organisation', en: 'Name of the organisation' },
  addHandover: { de: 'Schnittstelle hinzufügen', en: 'Add a hand-over' },
  handoverName: {
    de: 'Schnittstelle, z. B. „Jobcenter → Jugendamt“',
    en: 'Hand-over, e.g. “Job centre → Youth welfare office”',
  },
  chain: { de: 'Kette entlang der Pfeile', en: 'Chain along the arrows' },
  handoversAlong: { de: 'Schnittstellen entlang der Kette', en: 'Hand-overs along the chain' },
  step: { de: '#', en: '#' },
  service: { de: 'Leistung', en: 'Service' },
  responsible: { de: 'Verantwortlich', en: 'Responsible' },
  effect: { de: 'Wirkung erkennbar an', en: 'Effect shows in' },
  follows: { de: 'Folgt auf', en: 'Follows' },
  variant: { de: 'Ablauf', en: 'Process' },
  from: { de: 'Von', en: 'From' },
  to: { de: 'Nach', en: 'To' },
  notes: { de: 'Zettel', en: 'Notes' },
  start: { de: 'Start', en: 'Start' },
  end: { de: 'Ende', en: 'End' },
  unconnected: { de: 'nicht verbunden', en: 'not connected' },
  experience: { de: 'Was die Person erlebt', en: 'What the person experiences' },
  steering: { de: 'Steuerung und Zugang', en: 'Steering and access' },
  comparisonHead: { de: 'Soll-Ist-Vergleich', en: 'To-be/as-is comparison' },
  comparisonPrompt: {
    de: 'Schritt für Schritt: Wie soll es sein, wie ist es heute – und was muss sich dafür ändern?',
    en: 'Step by step: how should it be, how is it today – and what has to change?',
  },
  // The rows' numbers: „Schritt“ would need a wider column than the numbers do.
  comparisonStep: { de: 'Nr.', en: 'No.' },
  addComparison: { de: 'Zeile im Soll-Ist-Vergleich hinzufügen', en: 'Add a row to the comparison' },
}

/** The agenda strip: the handbook's order of work, from the target group to the comparison. */
const agenda: { key: string; label: Labels; tone: 'violet' | 'blue' | 'red' | 'orange' }[] = [
  { key: 'step:wirkungen', label: { de: '1 · Zielgruppe und Wirkungen', en: '1 · Target group and effects' }, tone: 'violet' },
  { key: 'step:leistungen', label: { de: '2 · Leistungen je Organisation', en: '2 · Services per organisation' }, tone: 'blue' },
  { key: 'step:kette', label: { de: '3 · Kette und Schnittstellen', en: '3 · Chain and hand-overs' }, tone: 'red' },
  { key: 'step:vergleich', label: { de: '4 · Soll und Ist vergleichen', en: '4 · Compare to-be and as-is' }, tone: 'orange' },
]

const steeringColumns: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: 'wer',
    title: { de: 'Wer steuert den Prozess und wie?', en: 'Who steers the process, and how?' },
    // H 4.2.3's guiding questions: who is responsible for what and when, who steers.
    prompt: { de: 'Wer ist wann für was zuständig? Wer hat die Fallverantwortung, wer behält den Überblick?', en: 'Who is responsible for what, and when? Who holds case responsibility, who keeps track?' },
  },
  {
    key: 'zugang',
    title: { de: 'Wie ist der Zugang geregelt?', en: 'How is access arranged?' },
    prompt: { de: 'Wo meldet sich die Person, wer verweist wohin, mit welchen Unterlagen?', en: 'Where does the person turn, who refers where, with which papers?' },
  },
  // The Anlage's Praxisprobleme: working along a chain rubs against how each organisation works –
  // the person's needs seen differently, an organisation's own aims against the common one, a
  // process owner reaching into another head's domain. Asked where steering is settled.
  {
    key: 'hindernisse',
    title: { de: 'Was steht im Weg?', en: 'What stands in the way?' },
    prompt: {
      de: 'Sieht jede Stelle denselben Bedarf der Person? Wo zieht das eigene Haus gegen das gemeinsame Ziel? Wer darf über Hausgrenzen hinweg steuern?',
      en: 'Does every organisation see the same need of the person? Where do its own aims pull against the common one? Who may steer across the organisations’ borders?',
    },
  },
]

// Widths in px: each title's longest word whole at zoom-to-fit, and no wider (the template's
// width sets its zoom). Who sets a change going and by when make it somebody's task (they travel
// with it when it is carried); „Erledigt?“ closes it.
const comparisonColumns: { key: string; title: Labels; w: number }[] = [
  { key: cellKeys.comparison.col.soll, title: { de: 'Soll', en: 'To-be' }, w: 255 },
  { key: cellKeys.comparison.col.ist, title: { de: 'Ist', en: 'As-is' }, w: 235 },
  { key: cellKeys.comparison.col.aendert, title: { de: 'Was muss sich ändern?', en: 'What has to change?' }, w: 320 },
  { key: cellKeys.comparison.col.wer, title: { de: 'Wer?', en: 'Who?' }, w: 248 },
  { key: cellKeys.comparison.col.bisWann, title: { de: 'Bis wann?', en: 'By when?' }, w: 274 },
  doneColumn(364),
]

/** The three-line skeleton of a new service card; the board's UI creates notes with it. */
export function serviceCardText(locale: Locale): string {
  return `${pick(text.service, locale)}: \n${pick(text.responsible, locale)}: \n${pick(text.effect, locale)}: `
}

export interface ServiceCard {
  service: string
  responsible: string
  effect: string
}

const fields: [keyof ServiceCard, RegExp][] = (['service', 'responsible', 'effect'] as const).map((field) => {
  const names = [text[field].de, text[field].en].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return [field, new RegExp(`^\\s*(?:${names.join('|')})\\s*:\\s*`, 'i')]
})

/**
 * A card's text split along the skeleton (either language). Lines without a field name belong to
 * the field above them; a card written freely is all `service`.
 */
export function readServiceCard(cardText: string): ServiceCard {
  const card: ServiceCard = { service: '', responsible: '', effect: '' }
  let current: keyof ServiceCard = 'service'
  for (const line of cardText.split('\n')) {
    const hit = fields.find(([, re]) => re.test(line))
    if (hit) current = hit[0]
    const value = hit ? line.replace(hit[1], '') : line
    card[current] = card[current] ? `${card[current]}\n${value}`.trim() : value.trim()
  }
  return card
}

export const chainVariants = (variant: DienstleistungsketteOptions['variant']): ChainVariant[] =>
  variant === 'both' ? ['soll', 'ist'] : [variant]

/** The label of a hand-over; with both chains on the board it says which one. */
export function handoverLabel(
  from: string,
  to: string,
  variant: ChainVariant,
  options: Pick<DienstleistungsketteOptions, 'variant'>,
  locale: Locale,
): string {
  const prefix = options.variant === 'both' ? `${pick(variantText[variant].short, locale)}: ` : ''
  return `${prefix}${from} → ${to}`
}

const size = {
  cardW: 240,
  cardH: 240,
  gap: 60,
  laneHeadW: 560,
  bothLaneHeadW: 1040,
  // Six 200-wide service cards with room between them.
  laneW: 1600,
  // One 200-high service card with a margin above and below.
  laneH: 260,
  experienceH: 220,
  sideGap: 40,
  sideW: 1500,
  steeringH: 300,
  comparisonLabelW: 190,
  comparisonH: 180,
  chainGap: 160,
  areaGap: 60,
  handoverW: 600,
  handoverH: 300,
  handoverGap: 40,
  gapsH: 300,
  bedarfslagenH: 200,
  handoverOpenH: 240,
}
/** Header type: readable with the whole template in view on a laptop (typography.ts). */
const singleScale = 3.1
/**
 * Both chains side by side (H 4.2.3: today's path and the ideal one, compared) are too wide for
 * that type at zoom-to-fit: their headers are set larger, the lane heads and the comparison's
 * columns widen with them (each title's longest word whole), and what stands beside one chain
 * goes beneath both. Lanes keep their size, so that a stored board's Zettel stay in theirs.
 */
const bothScale = 4.4

interface Geometry {
  scale: number
  /** How much wider than in one chain's layout the header-bound widths are. */
  widen: number
  laneHeadW: number
  chainW: number
  both: boolean
}

function geometry(variants: readonly ChainVariant[]): Geometry {
  const both = variants.length > 1
  const scale = both ? bothScale : singleScale
  const widen = scale / singleScale
  // Under both chains the type is larger: a typical partner's name („Youth welfare office“) keeps one line.
  const laneHeadW = both ? size.bothLaneHeadW : size.laneHeadW
  return { scale, widen, laneHeadW, chainW: size.cardW + size.gap + laneHeadW + size.laneW + size.gap + size.cardW, both }
}

function layout(options: DienstleistungsketteOptions, locale: Locale) {
  const variants = chainVariants(options.variant)
  const g = geometry(variants)
  const { chainW, laneHeadW, scale: headerScale } = g
  const chainsW = variants.length * chainW + (variants.length - 1) * size.chainGap
  // The comparison's columns, as wide as their titles need at this type size.
  const comparisonCols = comparisonColumns.map((c) => ({ ...c, w: Math.round(c.w * g.widen) }))
  const comparisonLabelW = Math.round(size.comparisonLabelW * g.widen)
  const comparisonW = comparisonLabelW + sum(comparisonCols.map((c) => c.w))
  const w = chainsW
  /** Steering and access: three questions side by side, the last taking what is left. */
  const steeringTable = (at: { x: number; y: number; w: number }) =>
    table({
      section: 'steuerung',
      sectionTitle: pick(text.steering, locale),
      rowsTitle: '',
      x: at.x,
      y: at.y,
      labelW: 0,
      columns: steeringColumns.map((c, i, all) => {
        const each = Math.floor(at.w / all.length)
        return { key: c.key, title: pick(c.title, locale), prompt: pick(c.prompt, locale), w: i < all.length - 1 ? each : at.w - each * (all.length - 1) }
      }),
      rows: [{ key: 'steuerung', label: pick(text.steering, locale) }],
      rowH: size.steeringH,
      scale: headerScale,
      headTone: 'violet',
      cellTone: 'light-violet',
    })
  const title = titleBlock(pick(text.title, locale), w, headerScale)
  const blocks: Block[] = [title]
  let y = title.h + 10
  const row = (specs: HeaderSpec[], minH = 0) => {
    const head = headerRow(specs, y, headerScale, minH)
    blocks.push(...head.blocks)
    return head.h
  }
  // Beside the target group, what it comes with: step 1 starts here, the Bedarfslage cards draw on it.
  const needsTitle = pick(text.bedarfslagen, locale)
  const needsW = Math.round(w * 0.3)
  const targetH = row([{ key: 'targetGroup', x: 0, w: w - needsW - 20, tone: 'violet', title: `${pick(text.targetGroup, locale)}: ${options.targetGroup}` }], size.bedarfslagenH)
  blocks.push({
    kind: 'cell',
    key: cellKeys.bedarfslagen,
    x: w - needsW,
    y,
    w: needsW,
    h: targetH,
    tone: 'light-violet',
    label: `${needsTitle}: ${pick(text.bedarfslagenPrompt, locale)}`,
    cell: { section: cellKeys.bedarfslagenSection, sectionTitle: needsTitle, rowsTitle: pick(text.targetGroup, locale), row: cellKeys.bedarfslagen, rowLabel: needsTitle },
  })
  y += targetH + 10
  const intro = pick(text.intro, locale)
  blocks.push({ kind: 'prompt', key: 'intro', x: 0, y, w, h: promptHeight(intro, w), text: intro })
  y += blocks[blocks.length - 1].h + 20

  const chainTop = y
  const chainHeadH = row(
    variants.map((variant, v) => {
      const [head, ...prompt] = pick(variantText[variant].head, locale).split('\n')
      return { key: `chain:${variant}`, x: v * (chainW + size.chainGap), w: chainW, tone: variant === 'soll' ? 'green' : 'orange', title: head, prompt: prompt.join('\n') }
    }),
  )
  // What the person goes through, above the organisations' lanes.
  const experienceTop = chainTop + chainHeadH + 20
  const experienceHead = (x: number, variant: ChainVariant, minH: number) =>
    headerRow([{ key: `experiencehead:${variant}`, x, w: laneHeadW, tone: 'light-red', title: pick(text.experience, locale) }], experienceTop, headerScale, minH)
  // As tall as its header needs: the words may take two lines.
  const experienceH = experienceHead(0, 'soll', size.experienceH).h
  const lanesTop = experienceTop + experienceH
  // Lanes only grow at the bottom, so start and end cards keep their place when a lane is added.
  // A lane is as tall as its organisation's name needs (a long one takes two lines).
  const laneHeights = options.organisations.map(
    (organisation) => headerRow([{ key: 'measure', x: 0, w: laneHeadW, tone: 'light-blue', title: organisation }], 0, headerScale, size.laneH).h,
  )
  const laneTops = laneHeights.map((_, i) => lanesTop + laneHeights.slice(0, i).reduce((a, b) => a + b, 0))
  const lanesH = Math.max(laneHeights.reduce((a, b) => a + b, 0), size.cardH + 40)
  variants.forEach((variant, v) => {
    const x0 = v * (chainW + size.chainGap)
    const words = variantText[variant]
    const sectionTitle = `${pick(words.short, locale)}: ${pick(text.lanes, locale)}`
    const experienceX = x0 + size.cardW + size.gap
    blocks.push(...experienceHead(experienceX, variant, experienceH).blocks)
    blocks.push({
      kind: 'cell',
      key: `experience:${variant}`,
      x: experienceX + laneHeadW,
      y: experienceTop,
      w: size.laneW,
      h: experienceH,
      tone: 'light-red',
      cell: {
        section: 'erleben',
        sectionTitle: pick(text.experience, locale),
        rowsTitle: pick(text.variant, locale),
        row: variant,
        rowLabel: pick(words.short, locale),
      },
    })
    blocks.push({
      kind: 'card',
      key: `start:${variant}`,
      x: x0,
      y: lanesTop + 20,
      w: size.cardW,
      h: size.cardH,
      tone: 'light-blue',
      role: `start:${variant}`,
      text: pick(words.start, locale),
    })
    const headX = x0 + size.cardW + size.gap
    options.organisations.forEach((organisation, i) => {
      const y = laneTops[i]
      blocks.push(...headerRow([{ key: `lanehead:${variant}:${i}`, x: headX, w: laneHeadW, tone: 'light-blue', title: organisation }], y, headerScale, laneHeights[i]).blocks)
      blocks.push({
        kind: 'cell',
        key: `lane:${variant}:${i}`,
        x: headX + laneHeadW,
        y,
        w: size.laneW,
        h: laneHeights[i],
        tone: 'grey',
        cell: {
          section: laneSection(variant),
          sectionTitle,
          rowsTitle: pick(text.organisation, locale),
          row: `o${i}`,
          rowLabel: organisation,
        },
      })
    })
    blocks.push({
      kind: 'card',
      key: `end:${variant}`,
      x: x0 + chainW - size.cardW,
      y: lanesTop + 20,
      w: size.cardW,
      h: size.cardH,
      tone: 'light-green',
      role: `end:${variant}`,
      text: pick(words.end, locale),
    })
  })

  const bandTop = lanesTop + lanesH + size.areaGap
  // Beneath both chains: the agenda across, then the comparison on the left and on the right
  // steering and access, with the hand-overs and the gaps side by side beneath it.
  const agendaRow = g.both ? headerRow(agenda.map((step, i) => ({ key: step.key, x: i * ((w + 20) / agenda.length), w: (w + 20) / agenda.length - 20, tone: step.tone, title: pick(step.label, locale) })), bandTop, headerScale) : undefined
  const bandBody = agendaRow ? bandTop + agendaRow.h + size.areaGap : bandTop
  const rightX = comparisonW + size.areaGap
  const bandSteering = g.both ? steeringTable({ x: rightX, y: bandBody, w: w - rightX }) : undefined
  const belowSteering = bandSteering ? bandBody + bandSteering.h + size.areaGap : bandTop
  const halfW = Math.floor((w - rightX - size.areaGap) / 2)
  // Hand-overs and gaps: under the one chain, or beneath steering under both, side by side.
  const hx = g.both ? rightX : 0
  const hw = g.both ? halfW : w
  y = g.both ? belowSteering : bandTop
  const handoversTitle = pick(text.handovers, locale)
  // Beside the header the collecting field for hand-overs carried in; below, one field per marked hand-over.
  const openLabel = pick(text.handoverOpen, locale)
  const handoversHeadH = row(
    [{ key: 'head:handovers', x: hx, w: hw - size.handoverW - 20, tone: 'red', title: handoversTitle, prompt: pick(text.handoverPrompt, locale), promptKey: 'prompt:handovers' }],
    size.handoverOpenH,
  )
  blocks.push({
    kind: 'cell',
    key: cellKeys.handoverOpen,
    x: hx + hw - size.handoverW,
    y,
    w: size.handoverW,
    h: handoversHeadH,
    tone: 'light-violet',
    label: openLabel,
    cell: {
      section: cellKeys.handoverSection,
      sectionTitle: handoversTitle,
      rowsTitle: pick(text.handover, locale),
      row: cellKeys.handoverOpenRow,
      rowLabel: openLabel,
    },
  })
  y += handoversHeadH + 20
  const step = { x: size.handoverW + size.handoverGap, y: size.handoverH + size.handoverGap }
  const perRow = Math.max(1, Math.floor((hw + size.handoverGap) / step.x))
  options.handovers.forEach((label, i) =>
    blocks.push({
      kind: 'cell',
      key: cellKeys.handover(i),
      x: hx + (i % perRow) * step.x,
      y: y + Math.floor(i / perRow) * step.y,
      w: size.handoverW,
      h: size.handoverH,
      tone: 'light-red',
      label,
      cell: {
        section: cellKeys.handoverSection,
        sectionTitle: handoversTitle,
        rowsTitle: pick(text.handover, locale),
        row: `h${i}`,
        rowLabel: label,
      },
    }),
  )
  y += Math.ceil(options.handovers.length / perRow) * step.y - (options.handovers.length > 0 ? size.handoverGap : 20)
  y += size.areaGap
  const handoversBottom = y - size.areaGap
  if (g.both) y = belowSteering
  // The gaps beside the hand-overs under both chains.
  const gx = g.both ? rightX + halfW + size.areaGap : 0
  const gw = g.both ? w - gx : w

  // Beside the gaps, what the chain is to achieve (H: the chain's Wirkungen, from the Zielsystem).
  const gapsTitle = pick(text.gaps, locale)
  const effectsTitle = pick(text.wirkungen, locale)
  // Never narrower than „Angestrebte“ needs at the header type (beneath both chains the column is narrow).
  const effectsW = Math.max(Math.round(gw * 0.3), Math.round(140 * headerScale))
  const gapsW = gw - effectsW - 20
  y +=
    row([
      { key: 'head:gaps', x: gx, w: gapsW, tone: 'orange', title: gapsTitle, prompt: pick(text.gapsPrompt, locale), promptKey: 'prompt:gaps' },
      { key: 'head:wirkungen', x: gx + gapsW + 20, w: effectsW, tone: 'violet', title: effectsTitle, prompt: pick(text.wirkungenPrompt, locale), promptKey: 'prompt:wirkungen' },
    ]) + 20
  blocks.push({
    kind: 'cell',
    key: cellKeys.gaps,
    x: gx,
    y,
    w: gapsW,
    h: size.gapsH,
    tone: 'light-violet',
    cell: { section: cellKeys.gapsSection, sectionTitle: gapsTitle, rowsTitle: pick(text.gapsArea, locale) },
  })
  blocks.push({
    kind: 'cell',
    key: cellKeys.wirkungen,
    x: gx + gapsW + 20,
    y,
    w: effectsW,
    h: size.gapsH,
    tone: 'light-violet',
    cell: { section: cellKeys.wirkungenSection, sectionTitle: effectsTitle, rowsTitle: pick(text.targetGroup, locale), row: cellKeys.wirkungenSection, rowLabel: effectsTitle },
  })
  const bottom = Math.max(y + size.gapsH, handoversBottom)

  // Beside the one chain: the agenda, who steers and how people get in, the comparison of Soll and Ist.
  const sideX = w + size.sideGap
  let sideY = chainTop
  if (agendaRow) blocks.push(...agendaRow.blocks)
  else {
    // The agenda two by two, read row by row.
    const stepW = (size.sideW - 20) / 2
    for (let i = 0; i < agenda.length; i += 2) {
      const pair = agenda.slice(i, i + 2).map((step, j) => ({ key: step.key, x: sideX + j * (stepW + 20), w: stepW, tone: step.tone, title: pick(step.label, locale) }))
      const head = headerRow(pair, sideY, headerScale)
      blocks.push(...head.blocks)
      sideY += head.h + 20
    }
    sideY += size.areaGap - 20
  }
  // Beside the one chain as wide as the comparison beneath it.
  const placedSteering = bandSteering ?? steeringTable({ x: sideX, y: sideY, w: comparisonW })
  blocks.push(...placedSteering.blocks)
  const comparisonX = g.both ? 0 : sideX
  const comparisonTop = g.both ? bandBody : sideY + placedSteering.h + size.areaGap
  const comparisonHead = headerRow(
    [{ key: 'head:comparison', x: comparisonX, w: comparisonW, tone: 'orange', title: pick(text.comparisonHead, locale), prompt: pick(text.comparisonPrompt, locale) }],
    comparisonTop,
    headerScale,
  )
  blocks.push(...comparisonHead.blocks)
  const comparison = table({
    section: cellKeys.comparison.section,
    sectionTitle: pick(text.comparisonHead, locale),
    rowsTitle: pick(text.comparisonStep, locale),
    x: comparisonX,
    y: comparisonTop + comparisonHead.h,
    labelW: comparisonLabelW,
    columns: comparisonCols.map((c) => ({ key: c.key, title: pick(c.title, locale), w: c.w })),
    rows: Array.from({ length: options.comparison }, (_, i) => ({ key: cellKeys.comparison.row(i + 1), label: `${i + 1}` })),
    rowH: size.comparisonH,
    scale: headerScale,
    headTone: 'yellow',
    rowTone: 'yellow',
  })
  blocks.push(...comparison.blocks)
  const comparisonBottom = comparisonTop + comparisonHead.h + comparison.h
  const sideBottom = comparisonBottom
  return { blocks, w: g.both ? w : sideX + comparisonW, h: Math.max(bottom, sideBottom) }
}

/** The template's options as stored on an instance, or undefined for another template's. */
function optionsOf(source: Pick<ChainSource, 'instance'>): DienstleistungsketteOptions | undefined {
  if (source.instance.template !== 'dienstleistungskette') return undefined
  const parsed = DienstleistungsketteOptions.safeParse(source.instance.options)
  return parsed.success ? parsed.data : undefined
}

interface Crossing {
  from: Lane
  to: Lane
  label: string
}

/** An arrow between lanes of two different organisations of the same chain. */
function crossing(
  source: ChainSource,
  lanes: readonly Lane[],
  link: { from: string; to: string },
  variant: ChainVariant,
  options: DienstleistungsketteOptions,
): Crossing | undefined {
  const fromShape = source.shapes.get(link.from)
  const toShape = source.shapes.get(link.to)
  const from = fromShape && laneOf(lanes, fromShape, source.boundsOf)
  const to = toShape && laneOf(lanes, toShape, source.boundsOf)
  if (!from || !to || from.organisation === to.organisation) return undefined
  const label = handoverLabel(from.organisation, to.organisation, variant, options, source.instance.locale)
  return { from, to, label }
}

/**
 * Hand-overs drawn on the board that have no cell yet: every arrow from a shape in one lane to
 * a shape in another organisation's lane of the same chain, reachable from the start or not.
 * Labels come left to right, each once; the caller applies `addHandover` for each.
 */
export function detectHandovers(source: ChainSource): string[] {
  const options = optionsOf(source)
  if (!options) return []
  const at = (id: string) => {
    const shape = source.shapes.get(id)
    return shape ? positionOf(source, shape) : { x: 0, y: 0 }
  }
  const links = linksOf(source)
    .map((link) => ({ link, at: at(link.from) }))
    .sort((a, b) => a.at.x - b.at.x || a.at.y - b.at.y)
    .map(({ link }) => link)
  const found: string[] = []
  for (const variant of chainVariants(options.variant)) {
    const lanes = lanesOf(source, variant)
    for (const link of links) {
      const label = crossing(source, lanes, link, variant, options)?.label
      if (label && !found.includes(label) && !options.handovers.includes(label)) found.push(label)
    }
  }
  return found
}

const cellValue = (value: string | undefined) => (value ? [value] : [])

/**
 * Per chain, the steps in the order of the arrows from the Bedarfslage card; the Wirkungen card
 * last. Notes in the chain's lanes that no arrow path reaches follow, marked as not connected.
 * Then the hand-overs the chain crosses, each with the notes of its cell.
 */
function exportTables(view: InstanceView, locale: Locale): ExportTable[] {
  const options = optionsOf(view)
  if (!options) return []
  const both = options.variant === 'both'
  const word = (labels: Labels) => pick(labels, locale)
  const handoverRows: string[][][] = []
  const seen = new Set<string>()
  const handoverNotes = (label: string) =>
    view.cells
      .filter((c) => c.ref.section === cellKeys.handoverSection && c.ref.rowLabel === label)
      .flatMap((c) => c.notes)
  const tables: ExportTable[] = []

  for (const variant of chainVariants(options.variant)) {
    const lanes = lanesOf(view, variant)
    const startKey = `start:${variant}`
    const endKey = `end:${variant}`
    const chain = readChain(view, startKey, endKey)
    const startId = view.instance.shapes.get(startKey)?.id
    const end = view.instance.shapes.get(endKey)
    const names = new Map<string, string>()
    let n = 0
    for (const step of chain.steps)
      names.set(step.id, step.id === startId ? word(text.start) : step.id === end?.id ? word(text.end) : String(++n))
    if (end) names.set(end.id, word(text.end))

    const row = (shape: TLShape, follows: string[]): string[][] => {
      const card = readServiceCard(view.textOf(shape) ?? '')
      return [
        [names.get(shape.id) ?? '–'],
        cellValue(card.service),
        cellValue(card.responsible),
        cellValue(card.effect),
        cellValue(laneOf(lanes, shape, view.boundsOf)?.organisation),
        follows,
      ]
    }
    const rows = chain.steps.map((step) => row(step, (chain.before.get(step.id) ?? []).map((id) => names.get(id) ?? '?')))
    // The Wirkungen card is listed even when no arrow reaches it: that gap is worth seeing.
    if (end && !chain.endReached) rows.push(row(end, [word(text.unconnected)]))

    // Notes in this chain's lanes that no path from the start reaches, lane by lane.
    const section = laneSection(variant)
    const inOwnLane = (shape: TLShape) => {
      const cell = view.cellOf(shape)
      return !!cell && cell.ref.section === section && view.cells.includes(cell)
    }
    const unconnected = [...view.shapes.values()]
      .filter((shape) => !names.has(shape.id) && inOwnLane(shape))
      .map((shape) => ({ shape, at: positionOf(view, shape), lane: laneOf(lanes, shape, view.boundsOf) }))
      .sort((a, b) => (a.lane?.box.y ?? 0) - (b.lane?.box.y ?? 0) || a.at.x - b.at.x || a.at.y - b.at.y)
    for (const { shape } of unconnected) rows.push(row(shape, [word(text.unconnected)]))

    tables.push({
      title: `${word(variantText[variant].short)}: ${word(text.chain)}`,
      columns: [word(text.step), word(text.service), word(text.responsible), word(text.effect), word(text.organisation), word(text.follows)],
      rows,
    })

    for (const link of chain.links) {
      const hit = crossing(view, lanes, link, variant, options)
      if (!hit || seen.has(hit.label)) continue
      seen.add(hit.label)
      handoverRows.push([
        ...(both ? [[word(variantText[variant].short)]] : []),
        [hit.from.organisation],
        [hit.to.organisation],
        handoverNotes(hit.label),
      ])
    }
  }

  tables.push({
    title: word(text.handoversAlong),
    columns: [...(both ? [word(text.variant)] : []), word(text.from), word(text.to), word(text.notes)],
    rows: handoverRows,
  })
  return tables
}

export const dienstleistungskette: TemplateDefinition<DienstleistungsketteOptions> = {
  name: 'dienstleistungskette',
  title: text.title,
  description: text.description,
  options: DienstleistungsketteOptions,
  exportFacts: (options, locale) => [{ label: pick(text.targetGroup, locale), value: options.targetGroup }],
  // A change is a task once someone takes it on or gives it a date.
  openItemTables: [
    {
      section: cellKeys.comparison.section,
      what: [cellKeys.comparison.col.aendert],
      who: [cellKeys.comparison.col.wer],
      when: [cellKeys.comparison.col.bisWann],
      requires: [cellKeys.comparison.col.wer, cellKeys.comparison.col.bisWann],
      done: [doneKey],
    },
  ],
  prepare: (options, locale) => ({
    ...options,
    targetGroup: options.targetGroup || pick(text.defaultTargetGroup, locale),
    organisations:
      options.organisations.length > 0
        ? options.organisations
        : defaultOrganisations.map((i) => pick(typicalPartners[i], locale)),
  }),
  layout,
  actions: [
    {
      id: 'addLane',
      offersPartners: true,
      label: text.addLane,
      input: text.laneName,
      // A full list stays as it is: options the schema refuses would orphan the instance.
      apply: (options, input) => ({ ...options, organisations: withName(options.organisations, input, limits.organisations) }),
    },
    {
      id: 'addComparison',
      label: text.addComparison,
      apply: (options) => (options.comparison >= limits.comparison ? options : { ...options, comparison: options.comparison + 1 }),
    },
    {
      id: 'addHandover',
      label: text.addHandover,
      input: text.handoverName,
      apply: (options, input) => {
        const label = input?.trim().slice(0, limits.handover) || '?'
        if (options.handovers.length >= limits.handovers || options.handovers.includes(label)) return options
        return { ...options, handovers: [...options.handovers, label] }
      },
    },
  ],
  exportTables,
}
