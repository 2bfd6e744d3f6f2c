import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { templatesDocument } from '../../../server/documents/templateBoard.ts'
import { readRecords } from '../../../shared/board/records.ts'
import { defaultOptions } from '../../../client/templates/templateDefaults.ts'
import { toRichText, type TLArrowBinding, type TLRecord, type TLShape } from '@tldraw/tlschema'
import {
  detectHandovers,
  readServiceCard,
  serviceCardText,
  type DienstleistungsketteOptions,
} from '../../../shared/templates/dienstleistungskette.ts'
import { exportBoard, renderMarkdown, shapeText } from '../../../shared/results/export.ts'
import { recordBounds } from '../../../shared/board/shapeBounds.ts'
import type { ExportTable } from '../../../shared/templates/definition.ts'
import { contains, center } from '../../../shared/templates/geometry.ts'
import { GrowRefused } from '../../../shared/templates/instance.ts'
import { findInstances, growInstance } from '../../../shared/templates/catalogue.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import type { ChainSource } from '../../../shared/templates/serviceChain.ts'
import { arrow, build, cellCentre, keyOf, newShapeId, noteAt, noteInCell as noteInCellOf, overlappingPairs, path, validate } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerk Alleinerziehende' }
const orgs = ['Jobcenter', 'Jugendamt', 'Kita-Träger']

const byKey = (shapes: TLShape[], key: string) => {
  const shape = shapes.find((s) => scaffoldMeta(s)?.key === key)
  if (!shape) throw new Error(`no shape ${key}`)
  return shape
}
const boxOf = (shape: TLShape) => {
  const { w, h } = shape.props as { w: number; h: number }
  return { x: shape.x, y: shape.y, w, h }
}

/** What the board's UI hands to `detectHandovers`: the page's records, with record bounds. */
function source(records: TLRecord[]): ChainSource {
  const shapes = new Map<string, TLShape>()
  const bindings: TLArrowBinding[] = []
  for (const r of records) {
    if (r.typeName === 'shape') shapes.set(r.id, r)
    if (r.typeName === 'binding' && r.type === 'arrow') bindings.push(r as TLArrowBinding)
  }
  const [instance] = findInstances(shapes.values())
  return { instance, shapes, bindings, boundsOf: (s) => recordBounds(s, shapes) }
}

const card = (service: string, responsible = '', effect = '') =>
  `Leistung: ${service}\nVerantwortlich: ${responsible}\nWirkung erkennbar an: ${effect}`

/** A note in a lane, `slot` cards from the lane's left edge. */
function noteInLane(shapes: TLShape[], key: string, slot: number, text: string) {
  const lane = boxOf(byKey(shapes, key))
  return noteAt(lane.x + 140 + slot * 280, lane.y + lane.h / 2, text)
}

const table = (tables: ExportTable[], title: string) => {
  const found = tables.find((t) => t.title === title)
  if (!found) throw new Error(`no table ${title}: ${tables.map((t) => t.title).join(', ')}`)
  return found
}

describe('Dienstleistungskette', () => {
  it('builds valid scaffold: target group, one lane per organisation, start and end cards beside the lanes', () => {
    const { plan, shapes } = build('dienstleistungskette', { targetGroup: 'Aufstockerinnen', organisations: orgs, variant: 'soll' })
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(byKey(shapes, 'targetGroup').props).toMatchObject({ richText: toRichText('Zielgruppe: Aufstockerinnen') })
    const lanes = shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'lanes-soll')
    expect(lanes.map((s) => scaffoldMeta(s)?.cell?.rowLabel)).toEqual(orgs)
    for (const lane of lanes) expect(boxOf(lane)).toMatchObject({ w: 1600, h: 260 })
    expect(shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'lanes-ist')).toHaveLength(0)

    const cards = shapes.filter((s) => scaffoldMeta(s)?.kind === 'card')
    expect(cards.map((s) => scaffoldMeta(s)?.role)).toEqual(['start:soll', 'end:soll'])
    // Only the cards stay unlocked, so that arrows can bind to them.
    expect(shapes.filter((s) => !s.isLocked)).toEqual(cards)
    const [start, end] = cards.map(boxOf)
    for (const lane of lanes.map(boxOf)) {
      expect(contains(lane, center(start))).toBe(false)
      expect(contains(lane, center(end))).toBe(false)
      expect(start.x + start.w).toBeLessThan(lane.x)
      expect(end.x).toBeGreaterThan(lane.x + lane.w)
    }
    expect(byKey(shapes, 'gaps')).toBeDefined()
    expect(byKey(shapes, 'prompt:handovers')).toBeDefined()
    // No marked hand-over yet: only the field that collects hand-overs carried in.
    expect(shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'schnittstellen').map(keyOf)).toEqual(['handover:open'])
  })

  it('puts Soll and Ist side by side with one shared hand-over and gaps area', () => {
    const { plan, shapes } = build('dienstleistungskette', { organisations: orgs, variant: 'both', handovers: ['Ist: Jobcenter → Jugendamt'] })
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    const roles = shapes.map((s) => scaffoldMeta(s)?.role).filter(Boolean)
    expect(roles).toEqual(['start:soll', 'end:soll', 'start:ist', 'end:ist'])
    const soll = boxOf(byKey(shapes, 'chain:soll'))
    const ist = boxOf(byKey(shapes, 'chain:ist'))
    expect(ist.y).toBe(soll.y)
    expect(ist.x).toBeGreaterThan(soll.x + soll.w)
    expect(shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'lanes-ist')).toHaveLength(3)
    expect(shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'luecken')).toHaveLength(1)
    const handover = byKey(shapes, 'handover:0')
    expect(handover.props).toMatchObject({ richText: toRichText('Ist: Jobcenter → Jugendamt') })
    expect(handover.y).toBeGreaterThan(soll.y + 400)
  })

  it('never overlaps, whatever the options and language', () => {
    const many = Array.from({ length: 12 }, (_, i) => `Organisation ${i + 1}`)
    const handovers = Array.from({ length: 9 }, (_, i) => `A${i} → B${i}`)
    const cases: unknown[] = [
      {},
      { variant: 'ist' },
      { variant: 'both' },
      { organisations: ['Jobcenter'] },
      { organisations: many, variant: 'both', handovers },
      { organisations: many, handovers: handovers.slice(0, 4) },
      { handovers: handovers.slice(0, 5) },
    ]
    for (const locale of ['de', 'en'] as Locale[])
      for (const options of cases) {
        const { plan, shapes } = build('dienstleistungskette', options, locale)
        expect(overlappingPairs(plan), JSON.stringify({ options, locale })).toEqual([])
        validate(shapes)
        for (const block of plan.layout.blocks) {
          expect(block.x + block.w).toBeLessThanOrEqual(plan.layout.w)
          expect(block.y + block.h).toBeLessThanOrEqual(plan.layout.h)
        }
      }
  })

  it('fills in a target group and four typical organisations in the board language', () => {
    const de = build('dienstleistungskette', {}, 'de').plan.options as DienstleistungsketteOptions
    const en = build('dienstleistungskette', {}, 'en').plan.options as DienstleistungsketteOptions
    expect(de).toEqual({
      targetGroup: 'Alleinerziehende mit Kindern unter drei Jahren',
      organisations: ['Jobcenter', 'Jugendamt', 'Beratungsstellen', 'Kita-Träger'],
      variant: 'both',
      handovers: [],
      comparison: 3,
    })
    expect(en.targetGroup).toBe('Single parents with children under three')
    expect(en.organisations).toContain('Youth welfare office')
    // Blank input counts as none given.
    const blank = build('dienstleistungskette', { targetGroup: '   ' }).plan.options as DienstleistungsketteOptions
    expect(blank.targetGroup).toBe('Alleinerziehende mit Kindern unter drei Jahren')
    const { shapes } = build('dienstleistungskette', {}, 'en')
    expect(byKey(shapes, 'chain:soll').props).toMatchObject({ richText: { type: 'doc' } })
  })

  it('refuses bad options', () => {
    const bad: unknown[] = [
      { variant: 'beides' },
      { organisations: [''] },
      { organisations: ['x'.repeat(81)] },
      { organisations: Array.from({ length: 13 }, (_, i) => `O${i}`) },
      { organisations: 'Jobcenter' },
      { targetGroup: 'x'.repeat(201) },
      { handovers: [''] },
      { handovers: 'Jobcenter → Jugendamt' },
    ]
    for (const options of bad) expect(() => build('dienstleistungskette', options), JSON.stringify(options)).toThrow()
  })

  it('offers a three-line skeleton for service cards and reads cards back along it', () => {
    expect(serviceCardText('de')).toBe('Leistung: \nVerantwortlich: \nWirkung erkennbar an: ')
    expect(serviceCardText('en').split('\n')).toHaveLength(3)
    expect(readServiceCard(card('Erstberatung', 'Jobcenter, Fallmanagement', 'Termin binnen einer Woche'))).toEqual({
      service: 'Erstberatung',
      responsible: 'Jobcenter, Fallmanagement',
      effect: 'Termin binnen einer Woche',
    })
    expect(readServiceCard('Kita-Platz suchen')).toEqual({ service: 'Kita-Platz suchen', responsible: '', effect: '' })
    expect(readServiceCard(`${serviceCardText('en')}`)).toEqual({ service: '', responsible: '', effect: '' })
    expect(readServiceCard('Service: Childcare\nwith late hours\nResponsible: Kita')).toEqual({
      service: 'Childcare\nwith late hours',
      responsible: 'Kita',
      effect: '',
    })
  })

  it('grows by a lane in every chain; notes keep their lanes and everything below moves down', () => {
    const { shapes } = build('dienstleistungskette', { organisations: ['Jobcenter', 'Jugendamt'], variant: 'both' })
    const inLane = noteInLane(shapes, 'lane:ist:1', 2, card('Hilfeplan'))
    const g = cellCentre(shapes, 'gaps')
    const gap = noteAt(g.x, g.y, 'Kein Kita-Platz vor 8 Uhr')
    const bottom = byKey(shapes, 'gaps')
    const below = noteAt(300, bottom.y + boxOf(bottom).h + 150, 'Parkplatz')
    const all: TLShape[] = [...shapes, inLane, gap, below]
    const byId = new Map(all.map((s) => [s.id, s]))
    const [instance] = findInstances(all)
    const { create, update } = growInstance({
      shapes: all,
      instance,
      actionId: 'addLane',
      input: '  Familienzentrum ',
      boundsOf: (s) => recordBounds(s, byId),
      newShapeId,
    })
    validate([...create, ...update])
    const created = create.map((s) => scaffoldMeta(s)?.key).sort()
    expect(created).toEqual(['lane:ist:2', 'lane:soll:2', 'lanehead:ist:2', 'lanehead:soll:2'])
    expect(update.find((s) => s.id === inLane.id)).toBeUndefined()
    expect(update.find((s) => s.id === gap.id)!.y).toBe(gap.y + 260)
    // A note parked under the gaps area (still beside the taller side column) stays clear of it.
    const grownGaps = update.find((s) => s.id === bottom.id)!
    expect(update.find((s) => s.id === below.id)!.y).toBeGreaterThanOrEqual(grownGaps.y + boxOf(grownGaps).h)
    // Start and end cards stay where arrows were drawn to them.
    expect(update.find((s) => scaffoldMeta(s)?.kind === 'card')).toBeUndefined()

    const next = [...all.map((s) => update.find((u) => u.id === s.id) ?? s), ...create]
    const [grown] = findInstances(next)
    expect((grown.options as DienstleistungsketteOptions).organisations).toEqual(['Jobcenter', 'Jugendamt', 'Familienzentrum'])
    expect(overlappingPairs({ ...build('dienstleistungskette', grown.options).plan })).toEqual([])
    const tables = exportBoard(board, next).templates[0].tables
    const ist = table(tables, 'Ist: Leistungen je Organisation')
    expect(ist.rows.map((r) => r[0][0])).toEqual(['Jobcenter', 'Jugendamt', 'Familienzentrum'])
    // Note texts come trimmed.
    expect(ist.rows[1][1]).toEqual([card('Hilfeplan').trim()])
    expect(table(tables, 'Lücken und Änderungsbedarf').rows[0][1]).toEqual(['Kein Kita-Platz vor 8 Uhr'])
  })

  it('refuses a thirteenth lane rather than leave options the schema refuses', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `O${i}`)
    const { shapes } = build('dienstleistungskette', { organisations: twelve })
    const byId = new Map(shapes.map((s) => [s.id, s]))
    const [instance] = findInstances(shapes)
    const grow = { shapes, instance, actionId: 'addLane', input: 'O13', boundsOf: (s: TLShape) => recordBounds(s, byId), newShapeId }
    expect(() => growInstance(grow)).toThrow(GrowRefused)
    expect(findInstances(shapes)).toHaveLength(1)
  })

  it('grows by hand-over cells, a new row moving the gaps area and its notes down', () => {
    // One chain: the gaps lie beneath the hand-overs (beneath both chains they lie beside them).
    let { shapes } = build('dienstleistungskette', { organisations: orgs, variant: 'soll' })
    const g = cellCentre(shapes, 'gaps')
    const gap = noteAt(g.x, g.y, 'Doppelte Beratung')
    let all: TLShape[] = [...shapes, gap]
    const gapY: number[] = []
    for (const label of ['Jobcenter → Jugendamt', 'Jugendamt → Kita-Träger', 'Kita-Träger → Jobcenter', 'A → B', 'B → C', 'B → C']) {
      const byId = new Map(all.map((s) => [s.id, s]))
      const [instance] = findInstances(all)
      const grow = () => growInstance({ shapes: all, instance, actionId: 'addHandover', input: label, boundsOf: (s) => recordBounds(s, byId), newShapeId })
      if (gapY.length === 5) {
        // The repeated label is refused.
        expect(grow).toThrow(GrowRefused)
        continue
      }
      const { create, update } = grow()
      validate([...create, ...update])
      all = [...all.map((s) => update.find((u) => u.id === s.id) ?? s), ...create]
      gapY.push(all.find((s) => s.id === gap.id)!.y)
    }
    shapes = all.filter((s) => scaffoldMeta(s))
    const cells = shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'schnittstellen' && keyOf(s) !== 'handover:open')
    // The repeated label adds nothing.
    expect(cells.map((s) => scaffoldMeta(s)?.cell?.rowLabel)).toEqual(['Jobcenter → Jugendamt', 'Jugendamt → Kita-Träger', 'Kita-Träger → Jobcenter', 'A → B', 'B → C'])
    expect(byKey(shapes, 'handover:0').props).toMatchObject({ richText: toRichText('Jobcenter → Jugendamt') })
    // Four cells fit in a row; the first and the fifth each open a row.
    expect(gapY[0]).toBeGreaterThan(gap.y)
    expect(gapY.slice(1, 4)).toEqual([gapY[0], gapY[0], gapY[0]])
    expect(gapY[4]).toBeGreaterThan(gapY[3])
    const gapsCell = boxOf(byKey(shapes, 'gaps'))
    expect(contains(gapsCell, center({ x: all.find((s) => s.id === gap.id)!.x, y: gapY[4], w: 200, h: 200 }))).toBe(true)
    const [instance] = findInstances(all)
    expect(overlappingPairs(build('dienstleistungskette', instance.options).plan)).toEqual([])
  })

  it('detects hand-overs where arrows change lanes, once each and only those not yet marked', () => {
    const { shapes } = build('dienstleistungskette', { organisations: orgs, variant: 'soll' })
    const start = byKey(shapes, 'start:soll')
    const end = byKey(shapes, 'end:soll')
    const a1 = noteInLane(shapes, 'lane:soll:0', 0, card('Erstgespräch'))
    const a2 = noteInLane(shapes, 'lane:soll:0', 1, card('Profiling'))
    const b = noteInLane(shapes, 'lane:soll:1', 2, card('Beratung Kinderbetreuung'))
    const c = noteInLane(shapes, 'lane:soll:2', 3, card('Kita-Platz'))
    const c2 = noteInLane(shapes, 'lane:soll:2', 4, card('Eingewöhnung'))
    // A loose arrow end and a note outside every lane make no hand-over.
    const outside = noteAt(-600, -600, 'Nebenbei')
    const [loose, looseStart] = arrow(c, outside)
    const records: TLRecord[] = [
      ...shapes, a1, a2, b, c, c2, outside, loose, looseStart,
      ...path(start, a1, a2, b, c, c2, end),
      // Two arrows for the same hand-over count once.
      ...arrow(a1, b),
    ]
    validate(records.filter((r) => r.typeName === 'binding' || (r.typeName === 'shape' && r.type === 'arrow')))
    expect(detectHandovers(source(records))).toEqual(['Jobcenter → Jugendamt', 'Jugendamt → Kita-Träger'])

    const marked = build('dienstleistungskette', { organisations: orgs, variant: 'soll', handovers: ['Jobcenter → Jugendamt'] }).shapes
    const moved = records.map((r) => (r.typeName === 'shape' && scaffoldMeta(r) ? marked.find((m) => scaffoldMeta(m)!.key === scaffoldMeta(r)!.key)! : r))
    // Same layout above the hand-over area, so the notes still lie in their lanes.
    expect(detectHandovers(source(moved))).toEqual(['Jugendamt → Kita-Träger'])
  })

  it('names the chain in hand-over labels when both chains are on the board', () => {
    const { shapes } = build('dienstleistungskette', { organisations: orgs, variant: 'both' }, 'en')
    const sollA = noteInLane(shapes, 'lane:soll:0', 1, 'a')
    const sollB = noteInLane(shapes, 'lane:soll:2', 2, 'b')
    const istA = noteInLane(shapes, 'lane:ist:0', 1, 'c')
    const istB = noteInLane(shapes, 'lane:ist:1', 2, 'd')
    // An arrow from one chain into the other is no hand-over of either.
    const records: TLRecord[] = [...shapes, sollA, sollB, istA, istB, ...arrow(sollA, sollB), ...arrow(istA, istB), ...arrow(sollB, istB)]
    expect(detectHandovers(source(records))).toEqual(['To-be: Jobcenter → Kita-Träger', 'As-is: Jobcenter → Jugendamt'])
  })

  it('exports the chain in arrow order with its organisations, and each hand-over with its notes', () => {
    const { shapes } = build('dienstleistungskette', { organisations: orgs, variant: 'soll', handovers: ['Jobcenter → Jugendamt'] })
    const start = byKey(shapes, 'start:soll')
    const end = byKey(shapes, 'end:soll')
    // Drawn right to left on purpose: the arrows decide the order, not the position.
    const a = noteInLane(shapes, 'lane:soll:0', 4, card('Erstberatung', 'Fallmanagerin', 'Termin binnen 2 Wochen'))
    const b = noteInLane(shapes, 'lane:soll:1', 1, card('Hilfe zur Erziehung', 'ASD', 'Familie fühlt sich entlastet'))
    const h = cellCentre(shapes, 'handover:0')
    const problems = [noteAt(h.x - 50, h.y, 'Unterlagen gehen verloren'), noteAt(h.x + 50, h.y + 60, 'Laufzettel mit Rückmeldung')]
    const records: TLRecord[] = [...shapes, a, b, ...problems, ...path(start, a, b, end)]
    const result = exportBoard(board, records)
    const tables = result.templates[0].tables
    const chain = table(tables, 'Soll: Kette entlang der Pfeile')
    expect(chain.columns).toEqual(['#', 'Leistung', 'Verantwortlich', 'Wirkung erkennbar an', 'Organisation', 'Folgt auf'])
    expect(chain.rows).toEqual([
      [['Start'], ['Bedarfslage:\nWas braucht die Person, wenn sie sich zum ersten Mal meldet?'], [], [], [], []],
      [['1'], ['Erstberatung'], ['Fallmanagerin'], ['Termin binnen 2 Wochen'], ['Jobcenter'], ['Start']],
      [['2'], ['Hilfe zur Erziehung'], ['ASD'], ['Familie fühlt sich entlastet'], ['Jugendamt'], ['1']],
      [['Ende'], ['Wirkungen:\nWas hat sich für die Person verändert, wenn die Kette trägt?'], [], [], [], ['2']],
    ])
    const handovers = table(tables, 'Schnittstellen entlang der Kette')
    expect(handovers.columns).toEqual(['Von', 'Nach', 'Zettel'])
    expect(handovers.rows).toEqual([[['Jobcenter'], ['Jugendamt'], ['Unterlagen gehen verloren', 'Laufzettel mit Rückmeldung']]])
    // The generic tables still list every lane's notes.
    expect(table(tables, 'Soll: Leistungen je Organisation').rows[0]).toEqual([['Jobcenter'], [card('Erstberatung', 'Fallmanagerin', 'Termin binnen 2 Wochen')]])
    const md = renderMarkdown(result, 'de')
    expect(md).toContain('### Schnittstellen entlang der Kette')
    expect(md).toContain('| Jobcenter | Jugendamt | • Unterlagen gehen verloren<br>• Laufzettel mit Rückmeldung |')
    expect(md).toContain('| 2 | Hilfe zur Erziehung | ASD | Familie fühlt sich entlastet | Jugendamt | 1 |')
  })

  it('reads branches and loops in a stable order and lists unconnected cards after the chain', () => {
    const { shapes } = build('dienstleistungskette', { organisations: orgs, variant: 'both' })
    const start = byKey(shapes, 'start:ist')
    const end = byKey(shapes, 'end:ist')
    const anmeldung = noteInLane(shapes, 'lane:ist:0', 0, 'Anmeldung')
    const hilfe = noteInLane(shapes, 'lane:ist:1', 1, 'Hilfeplan')
    const kita = noteInLane(shapes, 'lane:ist:2', 1, 'Kita-Suche')
    const warten = noteInLane(shapes, 'lane:ist:2', 2, 'Warteliste')
    const vermittlung = noteInLane(shapes, 'lane:ist:0', 3, 'Vermittlung')
    const vergessen = noteInLane(shapes, 'lane:ist:1', 4, 'Schuldnerberatung?')
    const records: TLRecord[] = [
      ...shapes, anmeldung, hilfe, kita, warten, vermittlung, vergessen,
      ...arrow(start, anmeldung),
      // The branch listed second is drawn first: order comes from position.
      ...arrow(anmeldung, kita),
      ...arrow(anmeldung, hilfe),
      ...arrow(hilfe, vermittlung),
      ...arrow(kita, warten),
      ...arrow(warten, vermittlung),
      // Back to the start of the process: a loop the reader must not follow forever.
      ...arrow(vermittlung, anmeldung),
      ...arrow(vermittlung, end),
      // Arrows leaving the end card are not followed.
      ...arrow(end, vergessen),
    ]
    validate(records.filter((r) => r.typeName === 'binding'))
    const tables = exportBoard(board, records).templates[0].tables
    const chain = table(tables, 'Ist: Kette entlang der Pfeile')
    const read = chain.rows.map((r) => [r[0][0], r[1][0] ?? '', r[4][0] ?? '', r[5].join(', ')])
    expect(read).toEqual([
      ['Start', expect.stringContaining('Bedarfslage'), '', ''],
      ['1', 'Anmeldung', 'Jobcenter', 'Start, 5'],
      ['2', 'Hilfeplan', 'Jugendamt', '1'],
      ['3', 'Kita-Suche', 'Kita-Träger', '1'],
      ['4', 'Warteliste', 'Kita-Träger', '3'],
      ['5', 'Vermittlung', 'Jobcenter', '2, 4'],
      ['Ende', expect.stringContaining('Wirkungen'), '', '5'],
      ['–', 'Schuldnerberatung?', 'Jugendamt', 'nicht verbunden'],
    ])
    // The Soll chain was not drawn: its end card says so.
    const soll = table(tables, 'Soll: Kette entlang der Pfeile')
    expect(soll.rows.map((r) => [r[0][0], r[5].join()])).toEqual([['Start', ''], ['Ende', 'nicht verbunden']])

    const handovers = table(tables, 'Schnittstellen entlang der Kette')
    expect(handovers.columns).toEqual(['Ablauf', 'Von', 'Nach', 'Zettel'])
    expect(handovers.rows.map((r) => r.slice(0, 3).map((c) => c[0]).join(' '))).toEqual([
      'Ist Jobcenter Jugendamt',
      'Ist Jobcenter Kita-Träger',
      'Ist Jugendamt Jobcenter',
      'Ist Kita-Träger Jobcenter',
    ])
  })
})

describe('Dienstleistungskette after the handbook', () => {
  it('gives a lane the height its organisation’s name needs', () => {
    const long = 'Selbsthilfe / Verband der Alleinerziehenden'
    for (const locale of ['de', 'en'] as Locale[]) {
      const { plan } = build('dienstleistungskette', { organisations: ['Jobcenter', long, 'Jugendamt'], variant: 'both' }, locale)
      expect(overlappingPairs(plan)).toEqual([])
      const lane = plan.layout.blocks.find((b) => b.key === 'lane:soll:1')!
      expect(lane.h).toBe(plan.layout.blocks.find((b) => b.key === 'lanehead:soll:1')!.h)
      expect(lane.h).toBeGreaterThan(260)
    }
  })

  it('has its agenda, a lane for what the person experiences, steering and access, and a Soll–Ist comparison', () => {
    const { shapes } = build('dienstleistungskette', { variant: 'both' })
    const text = (key: string) => shapeText(shapes.find((s) => scaffoldMeta(s)?.key === key)!)
    expect(['step:wirkungen', 'step:leistungen', 'step:kette', 'step:vergleich'].map(text)).toEqual([
      '1 · Zielgruppe und Wirkungen',
      '2 · Leistungen je Organisation',
      '3 · Kette und Schnittstellen',
      '4 · Soll und Ist vergleichen',
    ])
    expect(text('experiencehead:soll')).toBe('Was die Person erlebt')
    expect(text('experiencehead:ist')).toBe('Was die Person erlebt')
    expect(text('steuerung:head:wer')).toBe('Wer steuert den Prozess und wie?')
    expect(text('steuerung:head:zugang')).toBe('Wie ist der Zugang geregelt?')
    const records = [
      ...shapes,
      noteInCellOf(shapes, 'vergleich:cell:v1:soll', 'Ein Termin für alles'),
      noteInCellOf(shapes, 'vergleich:cell:v1:aendert', 'Gemeinsame Erstberatung'),
      noteInCellOf(shapes, 'experience:ist', 'Wartet drei Wochen'),
    ]
    const tables = exportBoard(board, records).templates[0].tables
    const comparison = tables.find((t) => t.title === 'Soll-Ist-Vergleich')!
    expect(comparison.columns).toEqual(['Nr.', 'Soll', 'Ist', 'Was muss sich ändern?', 'Wer?', 'Bis wann?', 'Erledigt?'])
    expect(comparison.rows[0]).toEqual([['1'], ['Ein Termin für alles'], [], ['Gemeinsame Erstberatung'], [], [], []])
    expect(tables.find((t) => t.title === 'Was die Person erlebt')!.rows).toContainEqual([['Ist'], ['Wartet drei Wochen']])
    expect(exportBoard(board, records).templates[0].facts).toEqual([{ label: 'Zielgruppe', value: 'Alleinerziehende mit Kindern unter drei Jahren' }])
  })

  it('calls a note a Zettel, never a Notiz', () => {
    const { shapes } = build('dienstleistungskette', { variant: 'both', handovers: ['Jobcenter → Jugendamt'] })
    const texts = shapes.map((s) => shapeText(s) ?? '')
    expect(texts.filter((t) => /Notiz/.test(t))).toEqual([])
    // The chain's own tables (the generic section tables' words are the export's, results/export.ts).
    const own = exportBoard(board, shapes).templates[0].tables.filter((t) => /Kette|Schnittstellen entlang/.test(t.title))
    expect(own.length).toBeGreaterThan(1)
    expect(own.flatMap((t) => t.columns).filter((c) => /Notiz/.test(c))).toEqual([])
  })

  it('has the cells the carry routes write into, in the Soll, the Ist and both', () => {
    for (const variant of ['soll', 'ist', 'both'] as const) {
      const keys = new Set(build('dienstleistungskette', { variant }).shapes.map(keyOf))
      for (const key of ['handover:open', 'bedarfslagen', 'gaps', 'vergleich:cell:v1:ist']) expect(keys.has(key), `${variant} ${key}`).toBe(true)
    }
  })

  // H 4.2.3: one group draws today's path, the other the ideal one, and the two are compared.
  it('starts with both chains, Soll and Ist, wherever it is inserted: the Vorlagen panel’s form, a Fahrplan board, a group round', () => {
    // The form starts from the template's defaults; the Fahrplan's new board and a group round insert it without options.
    expect(defaultOptions('dienstleistungskette', 'de').variant).toBe('both')
    for (const locale of ['de', 'en'] as Locale[]) {
      const { shapes } = build('dienstleistungskette', {}, locale)
      expect(shapes.map((s) => scaffoldMeta(s)?.role).filter(Boolean)).toEqual(['start:soll', 'end:soll', 'start:ist', 'end:ist'])
    }
    const doc = new Y.Doc()
    Y.applyUpdate(doc, templatesDocument([{ template: 'dienstleistungskette' }], 'de'))
    const roles = readRecords(doc).records.map((r) => scaffoldMeta(r as unknown as TLShape)?.role).filter(Boolean)
    expect(roles.sort()).toEqual(['end:ist', 'end:soll', 'start:ist', 'start:soll'])
    // A board stored with one chain keeps it.
    expect(build('dienstleistungskette', { variant: 'soll' }).shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'lanes-ist')).toHaveLength(0)
  })

  // The Anlage Dienstleistungsketten's Praxisprobleme: what rubs where organisations meet.
  it('asks beside steering and access what stands in the way: the same need seen differently, an organisation’s own aims against the common one, steering across its borders', () => {
    for (const variant of ['soll', 'ist', 'both'] as const) {
      const { shapes } = build('dienstleistungskette', { variant })
      const text = (key: string) => shapeText(shapes.find((s) => scaffoldMeta(s)?.key === key)!)
      expect(text('steuerung:head:hindernisse'), variant).toBe('Was steht im Weg?')
      expect(text('steuerung:head:hindernisse:prompt')).toMatch(/denselben Bedarf[^]*eigene Haus[^]*gemeinsame Ziel[^]*über Hausgrenzen/)
      const records = [...shapes, noteInCellOf(shapes, 'steuerung:cell:steuerung:hindernisse', 'Jugendamt und Jobcenter sehen den Bedarf verschieden')]
      const steering = exportBoard(board, records).templates[0].tables.find((t) => t.title === 'Steuerung und Zugang')!
      expect(steering.columns.slice(-3)).toEqual(['Wer steuert den Prozess und wie?', 'Wie ist der Zugang geregelt?', 'Was steht im Weg?'])
      expect(steering.rows[0].at(-1)).toEqual(['Jugendamt und Jobcenter sehen den Bedarf verschieden'])
    }
    const en = build('dienstleistungskette', {}, 'en').shapes
    const enText = (key: string) => shapeText(en.find((s) => scaffoldMeta(s)?.key === key)!)
    expect(enText('steuerung:head:hindernisse')).toBe('What stands in the way?')
    expect(enText('steuerung:head:hindernisse:prompt')).toMatch(/same need[^]*own aims[^]*common one[^]*across/)
  })

  // H 4.2.3's first guiding question beside the steering one.
  it('asks „Wer ist wann für was zuständig?“ under steering', () => {
    const { shapes } = build('dienstleistungskette', {})
    const text = (key: string) => shapeText(shapes.find((s) => scaffoldMeta(s)?.key === key)!)
    expect(text('steuerung:head:wer:prompt')).toContain('Wer ist wann für was zuständig?')
    const en = build('dienstleistungskette', {}, 'en').shapes
    expect(shapeText(en.find((s) => scaffoldMeta(s)?.key === 'steuerung:head:wer:prompt')!)).toContain('Who is responsible for what, and when?')
  })
})
