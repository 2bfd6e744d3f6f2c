/**
 * Tasks that close honestly (issue 61, item 3): the Protokoll's „Wer und bis wann?“ dates are
 * read, so its tasks can be due; Erfolg's next steps can be ticked off; „entfällt“ and its family
 * close a task as dropped, which the pack lists apart from the done ones; a date that is put off
 * is a new Bis-wann, „fertig bis auf …“ is not done, „abgegeben an …“ is a new Wer. And the pack's
 * Fahrplan counts the methods worked on internal boards (item 4), without a word of them.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { TLShape } from '@tldraw/tlschema'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import { buildTemplate } from '../../shared/templates/instance.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { exportBoard } from '../../shared/results/export.ts'
import { dueAndDone } from '../../shared/results/boardBetween.ts'
import { steeringPack, steeringPackMarkdown } from '../../shared/results/steeringPack.ts'
import { readDone, splitWhoWhen } from '../../shared/templates/taskWords.ts'
import { noteAt } from '../helpers/records.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'
import { released } from '../../shared/board/entries/release.ts'

type Zettel = [section: string, row: string, col: string, text: string]

/** One template on a board, with these Zettel in its cells. */
function boardWith(template: TemplateName, zettel: readonly Zettel[], id = 'b'): TLShape[] {
  let n = 0
  const shapes = buildTemplate(planTemplate(template, {}, 'de'), {
    locale: 'de',
    origin: { x: 0, y: 0 },
    parentId: 'page:page' as TLShape['parentId'],
    instance: `${id}-${template}`,
    newShapeId: () => `shape:${id}-${template}-${++n}` as TLShape['id'],
  })
  const notes = zettel.map(([section, row, col, text], i) => {
    // A table's cell key, or a block key of its own (the Beteiligtenanalyse's `cell:p1:ziele`).
    const cell = shapes.find((s) => [cellKey(section, row, col), `cell:${row}:${col}`].includes(scaffoldMeta(s)?.key ?? ''))
    if (!cell) throw new Error(`no cell ${cellKey(section, row, col)} in ${template}`)
    const { w, h } = cell.props as { w: number; h: number }
    return noteAt(cell.x + w / 2, cell.y + h / 2, text, `shape:${id}-zettel-${i}` as TLShape['id'])
  })
  return [...shapes, ...notes]
}

const tasks = (records: readonly TLShape[]) => {
  const [t] = exportBoard({ id: 'b', title: 'Board' }, records).templates
  return { open: t.openItems, closed: t.closedItems ?? [] }
}

const top = (n: number, col: string, text: string): Zettel => ['tops', `top${n}`, col, text]

describe('the Protokoll’s „Wer und bis wann?“', () => {
  it('is read as who and by when, so its task falls due', () => {
    const records = boardWith('protokoll', [top(1, 'aufgabe', 'Flyer entwerfen'), top(1, 'wer', 'Frau K., bis 15.1.')])
    expect(tasks(records).open.map((t) => [t.who, t.when])).toEqual([[['Frau K.'], ['15.1.']]])
    const { due } = dueAndDone({ id: 'b', title: 'Board' }, records, '2027-01-10')
    expect(due.map((d) => [d.what, d.day])).toEqual([['Flyer entwerfen', '2027-01-15']])
  })
})

describe('Erfolg’s next steps', () => {
  it('have „Erledigt?“, and a tick there closes the step', () => {
    const records = boardWith('erfolg', [
      ['checkliste', 'strukturen', 'schritt', 'Geschäftsordnung entwerfen'],
      ['checkliste', 'strukturen', 'wer', 'Koordination'],
      ['checkliste', 'strukturen', 'erledigt', '✓'],
      ['checkliste', 'produkte', 'schritt', 'Wegweiser gemeinsam herausgeben'],
      ['checkliste', 'produkte', 'wer', 'AG Wegweiser'],
    ])
    const { open, closed } = tasks(records)
    expect(open.map((t) => t.what.join(' · '))).toEqual(['Gemeinsame Produkte · Wegweiser gemeinsam herausgeben'])
    expect(closed.map((t) => t.what.join(' · '))).toEqual(['Dauerhafte Strukturen · Geschäftsordnung entwerfen'])
  })
})

describe('a Zettel in „Erledigt?“', () => {
  const row = (done: string) => boardWith('protokoll', [top(1, 'aufgabe', 'Raum suchen'), top(1, 'wer', 'Jobcenter, 10.12.'), top(1, 'erledigt', done)])

  it.each(['entfällt', 'gestrichen', 'hat sich erledigt', 'nicht mehr nötig', 'erübrigt sich'])('„%s“ closes the task as dropped, not done', (text) => {
    const { open, closed } = tasks(row(text))
    expect(open).toEqual([])
    expect(closed.map((t) => [t.closed, t.dropped])).toEqual([[text, true]])
  })

  it.each([
    ['bis 15.3. verlängert', '15.3.'],
    ['verschoben auf 20.1.', '20.1.'],
    ['neu: 3.2.2027', '3.2.2027'],
  ])('„%s“ is a new Bis-wann, not done', (text, when) => {
    expect(tasks(row(text)).open.map((t) => t.when)).toEqual([[when]])
  })

  it.each(['fertig bis auf den Druck', 'erledigt außer Einladung an die Kitas'])('„%s“ is not done', (text) => {
    expect(tasks(row(text)).open).toHaveLength(1)
  })

  it.each([
    ['abgegeben an Herrn Brandt', 'Herrn Brandt'],
    ['an die Familienbildungsstätte übergeben', 'die Familienbildungsstätte'],
  ])('„%s“ names a new Wer, the task stays open', (text, who) => {
    expect(tasks(row(text)).open.map((t) => t.who)).toEqual([[who]])
  })

  it('still closes on a plain done: ✓, ja, a date', () => {
    for (const text of ['✓', 'ja', 'erledigt 29.10.', '28.9.']) expect(tasks(row(text)).closed, text).toHaveLength(1)
  })
})

describe('the pack', () => {
  it('lists what was dropped since the last pack apart from what was done', () => {
    const before = [top(1, 'aufgabe', 'Flyer entwerfen'), top(1, 'wer', 'Frau Adler'), top(2, 'aufgabe', 'Raum suchen'), top(2, 'wer', 'Jobcenter')]
    // Released: only released boards go into the pack.
    const board = (extra: Zettel[]) => ({ id: 'b', title: 'Gesamtnetzwerk', phase: null, internal: false, records: boardWith('protokoll', [...before, ...extra]), facilitation: { release: released('2026-09-01', 1) } })
    const network = { name: 'Netz', targetGroup: 'Alleinerziehende' }
    const first = steeringPack({ network, boards: [board([])] }, '2026-10-01', 'de')
    const second = steeringPack({ network, boards: [board([top(1, 'erledigt', '✓'), top(2, 'erledigt', 'entfällt')])] }, '2026-11-01', 'de', { day: first.date, open: first.openKeys })
    const markdown = steeringPackMarkdown(second, 'de')
    const section = (heading: string) => markdown.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? ''
    expect(section('Erledigt seit den Unterlagen vom 01.10.2026')).toContain('Flyer entwerfen')
    expect(section('Erledigt seit den Unterlagen vom 01.10.2026')).not.toContain('Raum suchen')
    expect(section('Entfallen seit den Unterlagen vom 01.10.2026')).toContain('Raum suchen')
  })
})

describe('the pack’s Fahrplan (item 4)', () => {
  it('counts the methods worked on internal boards and case boards, and prints nothing of them', () => {
    const network = { name: 'Netz', targetGroup: 'Alleinerziehende' }
    const analysis = boardWith('beteiligtenanalyse', [['matrix', 'p1', 'ziele', 'Sorge um Zuständigkeit']], 'intern')
    const withNote = boardWith('fallkonferenz', [['loesungen', 'l1', 'loesung', 'Kita-Platz klären']], 'fall')
    const pack = steeringPack(
      {
        network,
        boards: [
          { id: 'intern', title: 'Beteiligte (intern)', phase: 'vorStart', internal: true, records: analysis },
          { id: 'fall', title: 'Fallkonferenz', phase: 'dienstleistungskette', internal: false, records: withNote },
        ],
      },
      '2026-11-01',
      'de',
    )
    const method = (template: string) => pack.fahrplan.flatMap((p) => p.methods).find((m) => m.template === template)
    expect(method('beteiligtenanalyse')?.done).toBe(true)
    expect(method('fallkonferenz')?.done).toBe(true)
    expect(method('netzwerkkarte')?.done).toBe(false)
    expect(pack.internalLeftOut).toBe(2)
    for (const text of ['Sorge um Zuständigkeit', 'Kita-Platz klären']) expect(steeringPackMarkdown(pack, 'de')).not.toContain(text)
  })
})

describe('reading a task’s Zettel (property)', () => {
  const dayArb = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.option(fc.integer({ min: 2025, max: 2030 }), { nil: undefined })).map(([d, m, y]) => `${d}.${m}.${y ?? ''}`)
  const nameArb = fc
    .tuple(fc.constantFrom('Frau', 'Herr', 'Team', ''), fc.constantFrom('Adler', 'Brandt', 'K.', 'Jobcenter', 'Kita-Träger', 'Familienbüro'))
    .map(([a, b]) => `${a} ${b}`.trim())
  const doneArb = fc.constantFrom('erledigt', 'fertig', '✓', 'ja', 'done', 'abgeschlossen')

  it('a put-off date is never done, and is the new Bis-wann', () => {
    const markers = ['verlängert bis {d}', 'bis {d} verlängert', 'verschoben auf {d}', 'neu: {d}', 'neuer Termin {d}', 'vertagt auf {d}', 'postponed to {d}']
    fc.assert(
      fc.property(fc.constantFrom(...markers), dayArb, fc.constantFrom('', 'noch ', 'Abgabe '), (marker, day, lead) => {
        const reading = readDone(`${lead}${marker.replace('{d}', day)}`)
        expect(reading).toEqual({ state: 'open', when: day })
      }),
      propertyParameters({ gate: 100, full: 5000 }),
    )
  })

  it('done „bis auf“ or „außer“ something is never done', () => {
    fc.assert(
      fc.property(doneArb, fc.constantFrom('bis auf', 'außer', 'except'), fc.string({ minLength: 1, maxLength: 20 }), (done, but, rest) => {
        expect(readDone(`${done} ${but} ${rest}`).state).toBe('open')
      }),
      propertyParameters({ gate: 100, full: 5000 }),
    )
  })

  it('a dropped word closes as dropped whatever stands beside it', () => {
    fc.assert(
      fc.property(fc.constantFrom('entfällt', 'gestrichen', 'hat sich erledigt', 'erübrigt sich', 'dropped', 'cancelled'), fc.option(dayArb, { nil: '' }), doneArb, (word, day, done) => {
        expect(readDone(`${word} ${day}`.trim()).state).toBe('dropped')
        expect(readDone(`${done}, ${word}`).state).toBe('dropped')
      }),
      propertyParameters({ gate: 100, full: 5000 }),
    )
  })

  it('handed over: the new owner is the Wer, never done', () => {
    fc.assert(
      fc.property(nameArb, fc.constantFrom('abgegeben an {n}', 'übergeben an {n}', 'an {n} abgegeben', 'handed over to {n}'), (name, marker) => {
        expect(readDone(marker.replace('{n}', name))).toEqual({ state: 'open', who: name })
      }),
      propertyParameters({ gate: 100, full: 5000 }),
    )
  })

  it('„Wer und bis wann?“ splits into the name and the day, whatever the order', () => {
    fc.assert(
      fc.property(nameArb, dayArb, fc.constantFrom('{n}, {d}', '{n} bis {d}', '{n} ({d})', '{d} {n}', 'bis {d}: {n}', '{n} – bis zum {d}'), (name, day, form) => {
        expect(splitWhoWhen(form.replace('{n}', name).replace('{d}', day))).toEqual({ who: name, when: day })
      }),
      propertyParameters({ gate: 100, full: 5000 }),
    )
  })

  it('without a day the whole Zettel is the Wer', () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        expect(splitWhoWhen(name)).toEqual({ who: name, when: '' })
      }),
      propertyParameters({ gate: 50, full: 1000 }),
    )
  })
})
