/**
 * A record that goes out unedited (issue 62): the Dokumentation and the pack name the meeting's
 * day from the board's Protokoll when nobody clicked „Kopf übernehmen“ (what was saved there
 * wins); a Beschluss' written condition goes with it into the pack.
 */
import { describe, expect, it } from 'vitest'
import { dokumentation, dokumentationCsv, dokumentationLayout } from '../../shared/results/dokumentation.ts'
import { layoutMarkdown } from '../../shared/results/layout.ts'
import { steeringPack, steeringPackCsv, steeringPackLayout, steeringPackMarkdown } from '../../shared/results/steeringPack.ts'
import { steuerungsgruppeCells as cells } from '../../shared/templates/steuerungsgruppe.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { dueItems } from '../../shared/results/boardBetween.ts'
import { build, noteInCell } from './templates/helpers.ts'

const board = { id: 'b', title: 'Steuerungsgruppe Dezember' }
const released = { released: true, day: '2026-12-04' }

function protokoll(options: { date?: string }, datum?: string) {
  const shapes = build('protokoll', { topics: 1, ...options }).shapes
  return [...shapes, ...(datum ? [noteInCell(shapes, 'sitzung:cell:sitzung:datum', datum)] : [])]
}

describe('the record’s header without „Kopf übernehmen“', () => {
  it('takes the Protokoll’s own date into the Dokumentation and the pack’s „Sitzung am“', () => {
    const records = protokoll({ date: '2026-12-03' })
    const doc = dokumentation(board, records, { release: released }, '2026-12-04')
    expect(doc.meeting.date).toBe('2026-12-03')
    expect(layoutMarkdown(dokumentationLayout(doc, 'de'))).toContain('**Datum:** 03.12.2026')
    const pack = steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [{ id: 'b', title: board.title, phase: null, internal: false, records, facilitation: { release: released } }] }, '2026-12-05', 'de')
    expect(pack.boards[0].meetingDate).toBe('2026-12-03')
    expect(steeringPackMarkdown(pack, 'en')).toContain('| Steuerungsgruppe Dezember |  | 2026-12-03 |')
  })

  it('reads the day from the Zettel in the Protokoll’s „Datum“ cell when the Protokoll has no date', () => {
    const doc = dokumentation(board, protokoll({}, '3.12.26'), {}, '2026-12-04')
    expect(doc.meeting.date).toBe('2026-12-03')
  })

  it('keeps what the facilitator saved: the saved date wins, place and moderation stay', () => {
    const meeting = { date: '2026-12-02', place: 'Kreishaus, Raum 4', moderation: 'Frau Kern' }
    const doc = dokumentation(board, protokoll({ date: '2026-12-03' }), { meeting }, '2026-12-04')
    expect(doc.meeting).toEqual(meeting)
    const placeOnly = dokumentation(board, protokoll({ date: '2026-12-03' }), { meeting: { date: '', place: 'Kreishaus', moderation: '' } }, '2026-12-04')
    expect(placeOnly.meeting).toEqual({ date: '2026-12-03', place: 'Kreishaus', moderation: '' })
  })

  it('takes a Steuerungsgruppe’s date and its „Sitzungsleitung“ as the header’s date and moderation', () => {
    const shapes = build('steuerungsgruppe', { date: '2026-12-03' }).shapes
    const records = [...shapes, noteInCell(shapes, 'sitzung:cell:sitzung:leitung', 'Frau Kern (Koordination)')]
    const doc = dokumentation(board, records, { release: released }, '2026-12-04')
    expect(doc.meeting).toEqual({ date: '2026-12-03', place: '', moderation: 'Frau Kern (Koordination)' })
    expect(layoutMarkdown(dokumentationLayout(doc, 'en'))).toContain('**Date:** 2026-12-03  \n**Facilitation:** Frau Kern (Koordination)')
    const saved = dokumentation(board, records, { meeting: { date: '', place: 'Kreishaus', moderation: 'Herr Ost' } }, '2026-12-04')
    expect(saved.meeting).toEqual({ date: '2026-12-03', place: 'Kreishaus', moderation: 'Herr Ost' })
  })

  it('leaves the day blank on a board without a dated Protokoll', () => {
    expect(dokumentation(board, protokoll({}), {}, '2026-12-04').meeting.date).toBe('')
  })
})

describe('a Beschluss’ written condition', () => {
  const decision = (n: number, col: string) => cellKey(cells.beschluesse.section, cells.beschluesse.row(n), col)
  function sitzung() {
    const shapes = build('steuerungsgruppe', {}).shapes
    return [
      ...shapes,
      noteInCell(shapes, decision(1, cells.beschluesse.col.beschluss), 'Zweite Koordinationsstelle ab 2027'),
      noteInCell(shapes, decision(1, cells.beschluesse.col.verbindlichkeit), 'vorbehaltlich Zustimmung Kreistag 03/2027'),
      noteInCell(shapes, decision(2, cells.beschluesse.col.beschluss), 'Fachtag am 12.10.'),
      noteInCell(shapes, decision(2, cells.beschluesse.col.verbindlichkeit), 'vorbehaltlich Zustimmung der Häuser'),
    ]
  }

  it('appears in the pack’s Beschlüsse beside its Bindewirkung, in German and English; a bare „vorbehaltlich“ adds nothing', () => {
    const records = sitzung()
    const pack = (locale: 'de' | 'en') =>
      steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [{ id: 'b', title: 'Steuerungsgruppe März', phase: null, internal: false, records, facilitation: { release: released } }] }, '2026-12-05', locale)
    expect(pack('de').beschluesse.map((b) => b.condition)).toEqual(['vorbehaltlich Zustimmung Kreistag 03/2027', undefined])
    const de = steeringPackMarkdown(pack('de'), 'de')
    expect(de).toMatch(/\| 1 \| Zweite Koordinationsstelle ab 2027 \| Steuerungsgruppe \| vorbehaltlich der Zustimmung der Häuser – vorbehaltlich Zustimmung Kreistag 03\/2027 \|/)
    expect(de).toMatch(/\| 2 \| Fachtag am 12\.10\. \| Steuerungsgruppe \| vorbehaltlich der Zustimmung der Häuser \|/)
    expect(steeringPackMarkdown(pack('en'), 'en')).toContain('| subject to the member organisations’ consent – vorbehaltlich Zustimmung Kreistag 03/2027 |')
  })
})

describe('overdue items in the pack', () => {
  function tasks() {
    const shapes = build('protokoll', { date: '2026-11-03', topics: 2 }).shapes
    return [
      ...shapes,
      noteInCell(shapes, 'tops:cell:top1:aufgabe', 'Entwurf an alle Träger'),
      noteInCell(shapes, 'tops:cell:top1:wer', 'Frau Łukasz, 1.12.'),
      noteInCell(shapes, 'tops:cell:top2:aufgabe', 'Fachtag planen'),
      noteInCell(shapes, 'tops:cell:top2:wer', 'Herr B., 15.1.'),
    ]
  }
  const pack = (locale: 'de' | 'en') =>
    steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [{ id: 'b', title: 'Gründung', phase: null, internal: false, records: tasks(), facilitation: { release: released } }] }, '2026-12-05', locale)

  it('marks „überfällig“ beside a Bis wann that has passed, in the layout (Markdown, PDF, DOCX) and the CSV, German and English', () => {
    expect(pack('de').openItems.map((i) => [i.what[0], i.overdue ?? false])).toEqual([
      ['Entwurf an alle Träger', true],
      ['Fachtag planen', false],
    ])
    const md = steeringPackMarkdown(pack('de'), 'de')
    expect(md).toContain('| Entwurf an alle Träger | Frau Łukasz, 1.12. (überfällig) |')
    expect(md).toContain('| Fachtag planen | Herr B., 15.1. |')
    // One layout for every format: the PDF and DOCX are drawn from these blocks.
    const table = steeringPackLayout(pack('en'), 'en').blocks.find((b) => b.kind === 'table' && b.rows.some((r) => r[0]?.[0] === 'Entwurf an alle Träger'))
    expect(JSON.stringify(table)).toContain('Frau Łukasz, 1.12. (overdue)')
    const csv = steeringPackCsv(pack('de'), 'de')
    expect(csv).toContain('Entwurf an alle Träger;Frau Łukasz;1.12. (überfällig);')
    expect(csv).not.toContain('15.1. (überfällig)')
  })

  it('marks it in the board’s own Dokumentation too, against the Dokumentation’s day: its open items and their CSV', () => {
    const doc = dokumentation({ id: 'b', title: 'Gründung' }, tasks(), { release: released }, '2026-12-05')
    const md = layoutMarkdown(dokumentationLayout(doc, 'de'))
    const open = md.slice(md.indexOf('## Offene Punkte'))
    expect(open).toContain('Frau Łukasz, 1.12. (überfällig)')
    expect(open).not.toContain('15.1. (überfällig)')
    expect(dokumentationCsv(doc, 'en')).toContain('1.12. (overdue)')
    // The same board read before the day passed: nothing overdue.
    expect(layoutMarkdown(dokumentationLayout(dokumentation({ id: 'b', title: 'Gründung' }, tasks(), { release: released }, '2026-11-20'), 'de'))).not.toContain('(überfällig)')
  })
})

describe('no open item without a „Was“', () => {
  // A Wer and a Bis wann carried with a task that stayed behind (deleted here, or never carried).
  function leftBehind() {
    const shapes = build('protokoll', { date: '2026-11-03', topics: 2 }).shapes
    const companion = (text: string, dy: number) => {
      const note = noteInCell(shapes, 'tops:cell:top2:wer', text, dy)
      return { ...note, meta: { carriedFrom: { instance: 'src', note: `shape:src-${dy}`, board: 'other', boardTitle: 'AG Übergänge', part: 'who', item: 'shape:task-gone' } } }
    }
    return [
      ...shapes,
      noteInCell(shapes, 'tops:cell:top1:aufgabe', 'Entwurf an alle Träger'),
      noteInCell(shapes, 'tops:cell:top1:wer', 'Frau Łukasz, 1.12.'),
      companion('Jobcenter, 1.12.', 0),
      companion('Jugendamt', 60),
    ]
  }

  it('lists only the task in the Dokumentation, the pack and the Fahrplan’s due list', () => {
    const records = leftBehind()
    const doc = dokumentation(board, records, {}, '2026-12-05')
    expect(doc.openItems.map((i) => i.what)).toEqual([['Entwurf an alle Träger']])
    const pack = steeringPack({ network: { name: 'N', targetGroup: '' }, boards: [{ id: 'b', title: board.title, phase: null, internal: false, records, facilitation: { release: released } }] }, '2026-12-05', 'de')
    expect(pack.openItems.map((i) => i.what)).toEqual([['Entwurf an alle Träger']])
    expect(dueItems(board, records, '2026-12-05').map((i) => [i.what, i.overdue])).toEqual([['Entwurf an alle Träger', true]])
  })

  it('still lists a row whose topic names it where no task is written', () => {
    const shapes = build('protokoll', { topics: 1 }).shapes
    const records = [...shapes, noteInCell(shapes, 'tops:cell:top1:thema', 'Kita-Randzeiten'), noteInCell(shapes, 'tops:cell:top1:wer', 'Herr B., 15.1.')]
    expect(dokumentation(board, records, {}, '2026-12-05').openItems.map((i) => [i.what, i.who])).toEqual([[['Kita-Randzeiten'], ['Herr B.']]])
  })
})
