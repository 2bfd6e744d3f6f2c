/**
 * The board as a list, from its records alone (no editor): the templates on it in the order of
 * the day, each template's cells in reading order with the question they ask, and the Zettel lying
 * in each cell. What the contribution view shows and a screen reader reads.
 */
import type { TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorOf, mayDeleteShape } from '../../shared/board/authorship.ts'
import { pageOf, scaffoldMeta, shapesByPage, type CellRef } from '../../shared/board/scaffoldMeta.ts'
import { exportedRecords } from '../../shared/board/shapeTree.ts'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { boardParts } from '../../shared/results/boardParts.ts'
import { listedParts, pageParts, placedCell, type PagePart, type PartNames } from '../../shared/results/pageParts.ts'
import { pick } from '../../shared/locale.ts'
import { format } from '../i18n.ts'
import { t } from '../firstLoadLocale.ts'
import { center, contains, type Box } from '../../shared/templates/geometry.ts'
import { isPrivateRecord } from '../../shared/board/entries/private.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { writtenAt } from '../../shared/templates/writtenAt.ts'
import { agendaSteps, instanceLayout, stepAreaKeys } from '../../shared/templates/steps.ts'
import type { Instance } from '../../shared/templates/instance.ts'

export interface Zettel {
  id: string
  text: string
  /** Written from this browser (`meta.author`). */
  mine: boolean
  /** May this person change its words and delete it now (`mayDeleteShape`)? */
  mayChange: boolean
  /** Written in a round of private writing: kept on the relay until the reveal, seen only here. */
  private: boolean
  /** Its tldraw colour name (the wall draws it in its colour). */
  color: string
}

/** What else lies in a cell (filed as a Zettel is): a text, or a drawing or picture, which a list can only name. */
export interface CellExtra {
  kind: 'text' | 'drawing' | 'picture'
  /** A text's words (a shape with words on it counts as text). */
  text?: string
}

export interface CellPart {
  /** The cell shape's id: where new Zettel for it go. */
  id: string
  pageId: string
  /** The template's block key (`meta.netzwerkstatt.key`): what a step's working area names. */
  key: string
  /** Where it lies on its page, to tell whether the facilitator's view shows it. */
  box: Box
  /** The agenda steps (`step:…`) whose working area it belongs to. */
  steps: string[]
  /** The title of the template's section it lies in (Rollen, Spielszenen …), if it has one. */
  section: string | undefined
  heading: string
  /** The hint the template gives for it (the cell's own words, its column's and row's prompts). */
  prompt: string
  zettel: Zettel[]
  /** Texts, drawings and pictures in the cell, in reading order. */
  extras: CellExtra[]
}

/**
 * A part of the day (`shared/results/pageParts.ts`): a template, a group's returned copy of one,
 * or a document or frame, which is listed as one cell of its own, its Zettel those stuck on it.
 */
export interface TemplatePart {
  /** The part's key: a template's instance id, a frame's shape id. */
  instance: string
  /** The registry's name of the template (`planspiel`): a group's copy has the plenary's name; '' for a frame. */
  template: string
  pageId: string
  /** Its name in the list: a group's returned copy says whose it is („Angebotsübersicht · Gruppe 2“). */
  title: string
  /** The group whose returned result it is. */
  group?: string
  /** Where it lies on its page, to find it when the facilitator brings everyone to it. */
  box: Box | undefined
  cells: CellPart[]
}

export interface Reader {
  role: Role
  author: string
  /** The stored „Zettel anderer schützen“ value. */
  protection: unknown
}

const textOf = (shape: TLShape) => plainText((shape.props as { richText?: unknown }).richText).trim()

/** Sections are read top to bottom, those starting at about the same height left to right. */
const rowTolerance = 200
const readingOrder = (a: Box, b: Box) => (Math.abs(a.y - b.y) > rowTolerance ? a.y - b.y : a.x - b.x || a.y - b.y)
const rowHeaderGap = 40
const rowOrder = (a: Box, b: Box) => a.y - b.y || a.x - b.x

/** The parts that name a cell: its section, row and column, each once (a one-cell section repeats its title as row and column). */
function cellNames(ref: CellRef | undefined, label: string): string[] {
  const names: string[] = []
  for (const part of [ref?.sectionTitle, ref?.rowLabel, ref?.colLabel]) {
    const name = part?.trim()
    if (name && !names.includes(name)) names.push(name)
  }
  // A cell without a row or column (a list's only cell) is named by its label, unless the label says a name again before its question.
  const firstLine = label.split('\n')[0].trim()
  if (names.length <= 1 && firstLine && !names.includes(firstLine) && withoutName(firstLine, names) === firstLine) names.push(firstLine)
  return names
}

/** A line that says a name again before its question („Bedarfslagen der Zielgruppe: Womit …“): the question alone. */
function withoutName(line: string, names: readonly string[]): string {
  const name = names.find((n) => line.startsWith(`${n}:`))
  return name ? line.slice(name.length + 1).trim() : line
}

/** „Spielszenen: Szene 1 · Was war gut?“: the section, then where in it. */
export function cellHeading(ref: CellRef | undefined, label: string): string {
  const [section, ...place] = cellNames(ref, label)
  return place.length > 0 ? `${section}: ${place.join(' · ')}` : (section ?? '')
}

/** The cell's own words that its heading does not already say: they ask its question. */
function cellWords(ref: CellRef | undefined, label: string): string {
  const names = cellNames(ref, label)
  return label
    .split('\n')
    .map((line) => withoutName(line.trim(), names))
    // „1.“ in the first row of a numbered list says its row again.
    .filter((line) => line !== '' && !names.includes(line) && !names.includes(line.replace(/[.:]$/, '')))
    .join(' ')
}

/** A block's place in the template's agenda: the steps in order, then what belongs to none; the order of the day comes first. */
function stepRanks(instance: Instance): (key: string) => number {
  // Laid out again only when the template's options change, not on every keystroke on the board.
  const cacheKey = `${instance.template}:${instance.locale}:${JSON.stringify(instance.options)}`
  const cached = rankCache.get(cacheKey)
  if (cached) return cached
  const ranks = computeStepRanks(instance)
  if (rankCache.size > 50) rankCache.clear()
  rankCache.set(cacheKey, ranks)
  return ranks
}

const rankCache = new Map<string, (key: string) => number>()

/** The steps each block belongs to (`stepAreaKeys`), laid out once per template and options. */
function stepsOfBlocks(instance: Instance): (key: string) => string[] {
  const cacheKey = `${instance.template}:${instance.locale}:${JSON.stringify(instance.options)}`
  const cached = stepsCache.get(cacheKey)
  if (cached) return cached
  const byKey = new Map<string, string[]>()
  try {
    const layout = instanceLayout(instance)
    for (const step of agendaSteps(instance)) for (const key of stepAreaKeys(instance.template, layout, step.key)) byKey.set(key, [...(byKey.get(key) ?? []), step.key])
  } catch {
    // Options a newer program wrote: no steps to follow.
  }
  const steps = (key: string) => byKey.get(key) ?? []
  if (stepsCache.size > 50) stepsCache.clear()
  stepsCache.set(cacheKey, steps)
  return steps
}

const stepsCache = new Map<string, (key: string) => string[]>()

function computeStepRanks(instance: Instance): (key: string) => number {
  try {
    const layout = instanceLayout(instance)
    const steps = agendaSteps(instance)
    const ranks = new Map<string, number>()
    steps.forEach((step, rank) => {
      for (const key of stepAreaKeys(instance.template, layout, step.key)) if (!ranks.has(key)) ranks.set(key, rank)
    })
    return (key) => ranks.get(key) ?? steps.length
  } catch {
    // Options a newer program wrote: read by place alone.
    return () => 0
  }
}

const partNames: PartNames = {
  template: (instance) => pick(instance.definition.title, instance.locale),
  frame: (n) => format(t.sectionFrame, { n }),
}

/** A document or frame as a part of one cell, the frame itself: its Zettel are those stuck on it, written ones land in it. */
function framePart(part: PagePart, pageId: string, boxOf: (shape: TLShape) => Box | undefined, reader: Reader): TemplatePart {
  const frame = part.shapes[0]!
  const placed = part.shapes.slice(1).flatMap((shape) => {
    const box = boxOf(shape)
    return box ? [{ shape, box }] : []
  })
  placed.sort((a, b) => rowOrder(a.box, b.box))
  const zettel = placed.filter(({ shape }) => shape.type === 'note').map(({ shape }) => zettelOf(shape, reader))
  const extras = placed.filter(({ shape }) => shape.type !== 'note' && !['arrow', 'group'].includes(shape.type)).map(({ shape }) => extraOf(shape))
  return {
    instance: part.key,
    template: '',
    pageId,
    title: part.label,
    ...(part.group ? { group: part.group } : {}),
    box: part.box,
    cells: [{ id: frame.id, pageId, key: frame.id, box: part.box, steps: [], section: undefined, heading: part.label, prompt: '', zettel, extras }],
  }
}

function zettelOf(note: TLShape, reader: Reader): Zettel {
  return {
    id: note.id,
    text: textOf(note),
    mine: authorOf(note) === reader.author || isPrivateRecord(note),
    mayChange: !isPrivateRecord(note) && mayDeleteShape(reader.role, reader.author, note, reader.protection),
    private: isPrivateRecord(note),
    color: String((note.props as { color?: unknown }).color ?? 'yellow'),
  }
}

function extraOf(shape: TLShape): CellExtra {
  const words = textOf(shape)
  if (words) return { kind: 'text', text: words }
  return { kind: shape.type === 'image' || shape.type === 'video' || shape.type === 'bookmark' || shape.type === 'embed' ? 'picture' : 'drawing' }
}

export function readContribution(records: Iterable<unknown>, reader: Reader): TemplatePart[] {
  const shapes = new Map<string, TLShape>()
  const pageIndices = new Map<string, string>()
  const kept = [...exportedRecords(records)]
  for (const record of kept) {
    const r = record as { typeName?: string; id: string; index?: unknown }
    if (r.typeName === 'page' && typeof r.index === 'string') pageIndices.set(r.id, r.index)
    if (r.typeName === 'shape') shapes.set(r.id, record as TLShape)
  }
  const boxes = new Map<string, Box>()
  const boxOf = (shape: TLShape) => {
    let box = boxes.get(shape.id)
    if (!box) {
      box = recordBounds(shape, shapes)
      if (box) boxes.set(shape.id, box)
    }
    return box
  }
  const byPage = shapesByPage(shapes)
  const board = boardParts(kept, shapes, (shape) => pageOf(shape, shapes), boxOf)
  const pages = [...byPage.keys()].filter((id) => pageIndices.has(id)).sort((a, b) => (pageIndices.get(a)! < pageIndices.get(b)! ? -1 : 1))

  return pages.flatMap((pageId) => {
    const onPage = byPage.get(pageId)!
    const cells = onPage.flatMap((shape) => {
      const meta = scaffoldMeta(shape)
      const box = placedCell(shape, pageId, shapes) ? boxOf(shape) : undefined
      return meta && box ? [{ shape, meta, box }] : []
    })
    // Each Zettel in the smallest cell its centre lies in, as the export files it.
    const notesIn = new Map<string, { shape: TLShape; box: Box }[]>()
    const extrasIn = new Map<string, { shape: TLShape; box: Box }[]>()
    for (const shape of onPage) {
      // Shapes lying on the page itself or in a frame (a group's returned copy, a document), other than arrows and frames.
      const filed = shape.type === 'note' || ((shape.parentId === pageId || shapes.get(shape.parentId)?.type === 'frame') && !['arrow', 'frame', 'group'].includes(shape.type))
      const box = filed && !scaffoldMeta(shape) ? boxOf(shape) : undefined
      if (!box) continue
      const point = writtenAt(shape, box)
      const cell = cells.filter((c) => contains(c.box, point)).sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]
      if (!cell) continue
      const into = shape.type === 'note' ? notesIn : extrasIn
      const list = into.get(cell.shape.id)
      if (list) list.push({ shape, box })
      else into.set(cell.shape.id, [{ shape, box }])
    }
    const prompts = onPage.flatMap((shape) => {
      const box = scaffoldMeta(shape)?.kind === 'prompt' ? boxOf(shape) : undefined
      return box ? [{ box, text: textOf(shape) }] : []
    })
    const parts = listedParts(pageParts({ pageId, shapes: onPage, byId: shapes, boundsOf: boxOf, board }, partNames))
    return parts.map((part): TemplatePart => {
      const instance = part.instance
      if (!instance) return framePart(part, pageId, boxOf, reader)
      const own = cells.filter((c) => c.meta.instance === instance.instance)
      const headers = [...instance.shapes.values()].flatMap((shape) => {
        const box = scaffoldMeta(shape)?.kind === 'header' ? boxOf(shape) : undefined
        return box ? [box] : []
      })
      const promptOn = (header: Box | undefined) => (header ? prompts.filter((p) => contains(header, center(p.box))).map((p) => p.text) : [])
      const sections = new Map<string, typeof own>()
      for (const cell of own) {
        const key = cell.meta.cell?.section ?? cell.shape.id
        sections.set(key, [...(sections.get(key) ?? []), cell])
      }
      const sectionBox = (list: typeof own) => ({ x: Math.min(...list.map((c) => c.box.x)), y: Math.min(...list.map((c) => c.box.y)), w: 0, h: 0 })
      const stepOf = stepRanks(instance)
      const stepsOf = stepsOfBlocks(instance)
      const stepRank = (list: typeof own) => Math.min(...list.map((c) => stepOf(c.meta.key)))
      const ordered = [...sections.values()]
        .sort((a, b) => stepRank(a) - stepRank(b) || readingOrder(sectionBox(a), sectionBox(b)))
        .flatMap((list) => list.sort((a, b) => rowOrder(a.box, b.box)))
      return {
        instance: instance.instance,
        template: instance.template,
        pageId,
        title: part.label,
        ...(part.group ? { group: part.group } : {}),
        box: part.box,
        cells: ordered.map(({ shape, meta, box }) => {
          const label = textOf(shape)
          const mid = center(box)
          // The nearest header above the cell (its column) and to its left (its row) carry its prompts.
          const column = headers.filter((h) => h.y + h.h <= box.y + 1 && h.x <= mid.x && mid.x <= h.x + h.w).sort((a, b) => b.y + b.h - (a.y + a.h))[0]
          // A row's header sits right beside its first cell; one further left heads another part.
          const row = headers.filter((h) => h.x + h.w <= box.x + 1 && h.x + h.w >= box.x - rowHeaderGap && h.y <= mid.y && mid.y <= h.y + h.h)[0]
          const ownWords = cellWords(meta.cell, label)
          const prompt = [ownWords, ...promptOn(column), ...promptOn(row)].filter((p) => p !== '').join(' ')
          const zettel = (notesIn.get(shape.id) ?? [])
            .sort((a, b) => rowOrder(a.box, b.box))
            .map(({ shape: note }) => zettelOf(note, reader))
          const extras = (extrasIn.get(shape.id) ?? [])
            .sort((a, b) => rowOrder(a.box, b.box))
            .map(({ shape: other }) => extraOf(other))
          return { id: shape.id, pageId, key: meta.key, box, steps: stepsOf(meta.key), section: meta.cell?.sectionTitle?.trim() || undefined, heading: cellHeading(meta.cell, label), prompt, zettel, extras }
        }),
      }
    })
  })
}
