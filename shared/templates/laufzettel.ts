/**
 * Laufzettel: a slip a service hands over after an appointment, referring the person to the next
 * service. The network first asks whether such a slip fits its aims and way of working (H 5.3.6),
 * then designs it together (with feedback, or as an open voucher without; for the next Stelle
 * only or a chain of them), agrees how to introduce it, and later reads the returned slips for
 * paths, detours and double counselling, which feed the service chain. Only with the person's
 * explicit consent.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { opening, sum, table } from './table.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const limits = { slips: 30, steps: 10 }

/** The cells other parts of the app read (returned slips, carried to the service chain). */
export const laufzettelCells = {
  design: 'entwurf',
  introduction: 'einfuehrung',
  review: 'auswertung',
  slip: (n: number) => `z${n}`,
  col: { weg: 'weg', rueckmeldung: 'rueckmeldung', doppelt: 'doppelt', erkenntnis: 'erkenntnis' },
  /** The design's stations (the chain's hand-overs are carried there) and its proposal column. */
  station: { von: 'von', an: 'an' },
  proposal: 'vorschlag',
  /** Design rows: how many Stellen one slip covers, and whether it fits the network at all. */
  rows: { stellen: 'stellen', passung: 'passung' },
} as const

const cells = laufzettelCells

const text = {
  title: { de: 'Laufzettel', en: 'Referral slip' },
  description: {
    de: 'Einen Laufzettel für Übergänge zwischen den Stellen gestalten und einführen, und zurückgekommene Laufzettel auswerten: Wege, Umwege, doppelte Beratung.',
    en: 'Design and introduce a slip for hand-overs between services, and review the slips that come back: paths, detours, counselling twice.',
  },
  intro: {
    de: 'Nach einem Termin bekommt die Person einen Laufzettel für die nächste Stelle: warum sie dorthin geht und – wenn sie ausdrücklich einverstanden ist – wer wem zurückmeldet, ob es geklappt hat. Ohne Rückmeldung ist er ein offener Beratungsgutschein. So wenig persönliche Daten wie möglich; bei der Auswertung nur Nummern, keine Namen.',
    en: 'After an appointment the person gets a slip for the next service: why they go there and, only with their explicit consent, who tells whom whether it worked. Without feedback it is an open counselling voucher. As little personal data as possible; in the review, numbers only, no names.',
  },
  design: { de: 'Den Laufzettel gestalten', en: 'Designing the slip' },
  element: { de: 'Bestandteil', en: 'Part' },
  introduction: { de: 'Einführung', en: 'Introducing it' },
  review: { de: 'Zurückgekommene Laufzettel auswerten', en: 'Reviewing returned slips' },
  number: { de: 'Nr.', en: 'No.' },
  parts: { de: 'Teile', en: 'Parts' },
  partNames: {
    entwurf: { de: 'Gestalten und einführen', en: 'Design and introduction' },
    auswertung: { de: 'Auswertung', en: 'Review' },
    beide: { de: 'Gestalten, einführen und auswerten', en: 'Design, introduction and review' },
  },
  addSlip: { de: 'Laufzettel hinzufügen', en: 'Add a slip' },
  addStep: { de: 'Schritt hinzufügen', en: 'Add a step' },
}

type Row = { key: string; title: Labels; prompt: Labels }
type Column = { key: string; title: Labels; prompt?: Labels; w: number }

const designRows: Row[] = [
  // H 5.3.6: slip and voucher must suit the network's aims and way of working; settled first.
  {
    key: cells.rows.passung,
    title: { de: 'Passt er zu uns?', en: 'Does it fit us?' },
    prompt: {
      de: 'Vor der Einführung klären: Passt ein Laufzettel oder Gutschein zu Zielen und Kultur unserer Zusammenarbeit?',
      en: 'Before introducing it: does a slip or voucher fit our aims and the culture of how we work together?',
    },
  },
  {
    key: 'form',
    title: { de: 'Form', en: 'Form' },
    prompt: {
      de: 'Laufzettel mit Rückmeldung – oder Beratungsgutschein, offen und ohne Rückmeldung?',
      en: 'A slip with feedback, or a counselling voucher, open and without feedback?',
    },
  },
  {
    key: 'anlass',
    title: { de: 'Anlass', en: 'Reason' },
    prompt: { de: 'Warum wird die Person weitergeschickt, mit welchem Anliegen?', en: 'Why is the person referred, with what concern?' },
  },
  {
    key: cells.station.von,
    title: { de: 'Ausgebende Stelle', en: 'Issued by' },
    prompt: { de: 'Wer gibt den Laufzettel aus, wer ist dort ansprechbar?', en: 'Who hands the slip out, and who can be contacted there?' },
  },
  {
    key: cells.station.an,
    title: { de: 'Nächste Stelle', en: 'Next service' },
    prompt: { de: 'Zu wem geht die Person als Nächstes?', en: 'Where does the person go next?' },
  },
  {
    key: cells.rows.stellen,
    title: { de: 'Wie viele Stellen?', en: 'How many services?' },
    prompt: {
      de: 'Nur die nächste Stelle oder eine Kette? Ein Beratungsgutschein sagt, wie viele Stellen sie aufsuchen kann oder muss.',
      en: 'Only the next service, or a chain? A counselling voucher says how many services they can or must visit.',
    },
  },
  {
    key: 'rueckmeldung',
    title: { de: 'Rückmeldung', en: 'Feedback' },
    prompt: {
      de: 'Was wird zurückgemeldet, und von wem: der nächsten Stelle oder der Person selbst?',
      en: 'What is reported back, and by whom: the next service or the person themselves?',
    },
  },
  {
    key: 'einverstaendnis',
    title: { de: 'Einverständnis', en: 'Consent' },
    prompt: { de: 'Wie halten wir fest, dass die Person ausdrücklich zugestimmt hat?', en: 'How do we record that the person explicitly agreed?' },
  },
  {
    key: 'daten',
    title: { de: 'Persönliche Daten', en: 'Personal data' },
    prompt: { de: 'Welche Angaben sind wirklich nötig? So wenige wie möglich.', en: 'Which details are really needed? As few as possible.' },
  },
]

const designColumns: Column[] = [
  { key: cells.proposal, title: { de: 'Unser Vorschlag', en: 'Our proposal' }, w: 1.3 },
  { key: 'offen', title: { de: 'Noch zu klären', en: 'Still to settle' }, w: 1 },
]

const stepColumns: Column[] = [
  {
    key: 'schritt',
    title: { de: 'Schritt zur Einführung', en: 'Step to introduce it' },
    prompt: { de: 'Wer wird informiert, wann startet es, wann prüfen wir?', en: 'Who is told, when does it start, when do we review?' },
    w: 820,
  },
  { key: 'wer', title: { de: 'Wer?', en: 'Who?' }, w: 480 },
  { key: 'bisWann', title: { de: 'Bis wann?', en: 'By when?' }, w: 400 },
  doneColumn(360),
]

const reviewColumns: Column[] = [
  {
    key: cells.col.weg,
    title: { de: 'Weg des Laufzettels', en: 'Path of the slip' },
    prompt: { de: 'Die Stationen der Reihe nach – nur Nummern, keine Namen', en: 'The services in order – numbers only, no names' },
    w: 620,
  },
  { key: cells.col.rueckmeldung, title: { de: 'Rückmeldung gekommen?', en: 'Feedback received?' }, w: 480 },
  { key: cells.col.doppelt, title: { de: 'Umweg, doppelte Beratung?', en: 'Detour, counselling twice?' }, w: 480 },
  { key: cells.col.erkenntnis, title: { de: 'Was folgt für die Kette?', en: 'What follows for the chain?' }, w: 480 },
]

export const LaufzettelOptions = z.object({
  parts: z.enum(['entwurf', 'auswertung', 'beide']).default('beide'),
  slips: z.number().int().min(1).max(limits.slips).default(6),
  steps: z.number().int().min(1).max(limits.steps).default(3),
})
export type LaufzettelOptions = z.infer<typeof LaufzettelOptions>

// The design on the left; introducing it and reviewing the slips on the right, so that the whole
// fits a screen. A board with one part only has that part alone.
const size = { numberW: 200, labelW: 800, designW: 2200, designRowH: 200, stepRowH: 200, slipRowH: 200, gap: 50, columnGap: 100 }
const headerScale = 3
const rightW = size.numberW + sum(reviewColumns.map((c) => c.w))

function layout(options: LaufzettelOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const designing = options.parts !== 'auswertung'
  const reviewing = options.parts !== 'entwurf'
  const width = designing ? size.designW + size.columnGap + rightW : rightW
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const blocks = [...open.blocks]
  let leftY = open.y
  let rightY = open.y
  const rightX = designing ? size.designW + size.columnGap : 0
  if (designing) {
    const columnsW = size.designW - size.labelW
    const total = sum(designColumns.map((c) => c.w))
    const design = table({
      section: cells.design,
      sectionTitle: t(text.design),
      rowsTitle: t(text.element),
      x: 0,
      y: open.y,
      labelW: size.labelW,
      columns: designColumns.map((c) => ({ key: c.key, title: t(c.title), w: (c.w * columnsW) / total })),
      rows: designRows.map((r) => ({ key: r.key, label: t(r.title), prompt: t(r.prompt) })),
      rowH: size.designRowH,
      scale: headerScale,
    })
    leftY += design.h
    const steps = table({
      section: cells.introduction,
      sectionTitle: t(text.introduction),
      rowsTitle: t(text.number),
      x: rightX,
      y: rightY,
      labelW: size.numberW,
      columns: stepColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
      rows: Array.from({ length: options.steps }, (_, i) => ({ key: `e${i + 1}`, label: `${i + 1}` })),
      rowH: size.stepRowH,
      scale: headerScale,
      headTone: 'green',
      cellTone: 'light-green',
    })
    rightY += steps.h + size.gap
    blocks.push(...design.blocks, ...steps.blocks)
  }
  if (reviewing) {
    const review = table({
      section: cells.review,
      sectionTitle: t(text.review),
      rowsTitle: t(text.number),
      x: rightX,
      y: rightY,
      labelW: size.numberW,
      columns: reviewColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
      rows: Array.from({ length: options.slips }, (_, i) => ({ key: cells.slip(i + 1), label: `${i + 1}` })),
      rowH: size.slipRowH,
      scale: headerScale,
      headTone: 'violet',
      cellTone: 'light-violet',
    })
    rightY += review.h
    blocks.push(...review.blocks)
  } else rightY -= size.gap
  return { blocks, w: width, h: Math.max(leftY, rightY) }
}

export const laufzettel: TemplateDefinition<LaufzettelOptions> = {
  name: 'laufzettel',
  title: text.title,
  description: text.description,
  options: LaufzettelOptions,
  layout,
  exportFacts: (options, locale) => [{ label: pick(text.parts, locale), value: pick(text.partNames[options.parts], locale) }],
  openItemTables: [{ section: cells.introduction, what: ['schritt'], who: ['wer'], when: ['bisWann'], requires: ['schritt', 'wer'], done: [doneKey] }],
  actions: [
    {
      id: 'addSlip',
      label: text.addSlip,
      apply: (options) => (options.slips >= limits.slips ? options : { ...options, slips: options.slips + 1 }),
    },
    {
      id: 'addStep',
      label: text.addStep,
      apply: (options) => (options.steps >= limits.steps ? options : { ...options, steps: options.steps + 1 }),
    },
  ],
}
