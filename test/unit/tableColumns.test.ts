/**
 * How wide the PDF's table columns are (`server/documents/dokumentation/tableColumns.ts`), measured
 * in the PDF's own font at the table's size, with the words of the handbooks' tables: the longest
 * word of a column fits unbroken where the page allows it, a label column gets the width its words
 * need, and only where the page cannot hold every word do the widest words share what is left
 * (and are hyphenated, `hyphenation.ts`).
 */
import fc from 'fast-check'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { faces } from '../../server/documents/dokumentation/glyphs.ts'
import { hyphenate, softHyphen } from '../../server/documents/dokumentation/hyphenation.ts'
import { cellNotes, columnNeeds, columnWidths, crowded, stackedRows, unbreakableWords } from '../../server/documents/dokumentation/tableColumns.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'
import { columnShares } from '../../server/documents/dokumentation/columnShares.ts'

/** A text's width at 9 pt in IBM Plex Sans, as the PDF measures it (pdfkit). */
const fonts = new PDFDocument({ font: faces().regular.latin.file })
fonts.registerFont('regular', faces().regular.latin.buffer)
fonts.registerFont('bold', faces().bold.latin.buffer)
const measure = (text: string, bold: boolean) => fonts.font(bold ? 'bold' : 'regular').fontSize(9).widthOfString(text)
const frame = { padding: 4, bullet: 8 }
/** A4 portrait between the margins, in points. */
const page = 595.28 - 2 * 56
const wordWidth = (word: string, bold = false) => measure(word, bold) + 2 * frame.padding

describe('table columns in the PDF', () => {
  it('breaks lines only at spaces and after a hyphen between words', () => {
    expect(unbreakableWords('Kinderbetreuung: Plätze und Randzeiten')).toEqual(['Kinderbetreuung:', 'Plätze', 'und', 'Randzeiten'])
    expect(unbreakableWords('Aus-, Weiterbildung in Teilzeit-Ausbildung')).toEqual(['Aus-,', 'Weiterbildung', 'in', 'Teilzeit-', 'Ausbildung'])
    expect(unbreakableWords('(Wieder-)Einstieg')).toEqual(['(Wieder-)Einstieg'])
  })

  it('lists a cell’s Zettel without the blank ones', () => {
    expect(cellNotes(['Jobcenter', '  ', '', 'Jugendamt'])).toEqual(['Jobcenter', 'Jugendamt'])
  })

  const actors = {
    columns: ['Beteiligte', 'Verhältnis und Politikfeld', 'Ziele', 'Interessen', 'Ressourcen', 'Widerstände', 'Konflikte', 'Strategien', 'Folgerung'],
    rows: ['Jobcenter', 'Jugendamt', 'Beratungsstellen', 'Kinderbetreuungseinrichtungen', 'Alleinerziehendenberatung'].map((partner) => [
      [partner],
      [],
      ['Vermittlung in Arbeit', 'Teilzeitausbildung'],
      [],
      ['Fallmanagement', 'Räume im Familienzentrum'],
      [],
      [],
      [],
      ['Früh einbinden'],
    ]),
  }

  it('gives the Beteiligtenanalyse’s label column the width of its longest partner, and fills the page', () => {
    const widths = columnWidths(columnNeeds(actors.columns, actors.rows, measure, frame), page)
    expect(widths[0]).toBeGreaterThanOrEqual(wordWidth('Kinderbetreuungseinrichtungen'))
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(page, 6)
    // Nine columns of words cannot all stay whole: no other column is wider than the label column.
    for (const w of widths.slice(1)) expect(w).toBeLessThan(widths[0])
  })

  it('keeps every word of the Bedarfsanalyse whole, a bulleted column with room for its bullets', () => {
    const columns = ['Bedarf', 'Bearbeiten wir schon?', 'Beteiligte Partner', 'Wen noch einbeziehen?']
    const rows = [
      [['(Wieder-)Einstieg'], ['Ja, im Arbeitskreis Alleinerziehende', 'Teilweise: nur im Stadtgebiet'], ['Jobcenter', 'Jugendamt', 'Beratungsstellen'], ['Alleinerziehendenberatung', 'Familienzentrum']],
      [['Kinderbetreuung: Kosten und Notfälle'], [], ['Jugendamt', 'Kinderbetreuungseinrichtungen'], ['Arbeitgeberservice der Agentur für Arbeit']],
    ]
    const needs = columnNeeds(columns, rows, measure, frame)
    const widths = columnWidths(needs, page)
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(page, 6)
    expect(widths[0]).toBeGreaterThanOrEqual(wordWidth('Kinderbetreuung:'))
    expect(widths[1]).toBeGreaterThanOrEqual(wordWidth('Alleinerziehende') + frame.bullet)
    expect(widths[2]).toBeGreaterThanOrEqual(wordWidth('Kinderbetreuungseinrichtungen') + frame.bullet)
    expect(widths[3]).toBeGreaterThanOrEqual(wordWidth('Alleinerziehendenberatung') + frame.bullet)
  })

  it('keeps the Angebotsübersicht’s categories whole beside four partners’ columns, and a number column narrow', () => {
    const columns = ['Kategorie', 'Jobcenter', 'Jugendamt', 'Beratungsstellen', 'Familienzentrum', 'Lücke?', 'Doppelt?']
    const offers = ['Beistandschaft und Unterhaltsvorschuss', 'Vermittlung von Kinderbetreuungseinrichtungen', 'Alleinerziehendenberatung der Diakonie']
    const rows = ['Kinder und Kinderbetreuung', 'Treffpunkte für Alleinerziehende'].map((category) => [[category], offers, offers, offers, offers, ['Notfallbetreuung'], []])
    const widths = columnWidths(columnNeeds(columns, rows, measure, frame), page)
    expect(widths[0]).toBeGreaterThanOrEqual(wordWidth('Alleinerziehende'))
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(page, 6)
    const counts = columnWidths(columnNeeds(['Kategorie', 'Anzahl', 'Von wem'], [[['Recht'], ['14'], ['Jobcenter', 'Jugendamt']]], measure, frame), page)
    expect(counts[1]).toBeLessThan(counts[2])
  })

  it('prints the nine columns of the Beteiligtenanalyse row by row, each partner with the columns written in', () => {
    expect(crowded(columnNeeds(actors.columns, actors.rows, measure, frame), page)).toBe(true)
    const needs = columnNeeds(['Bedarf', 'Bearbeiten wir schon?', 'Beteiligte Partner'], [[['Sucht'], ['Teilweise'], ['Jugendamt', 'Kinderbetreuungseinrichtungen']]], measure, frame)
    expect(crowded(needs, page)).toBe(false)
    const [first] = stackedRows(actors.columns, actors.rows)
    expect(first).toEqual({
      head: [['Beteiligte'], ['Jobcenter']],
      rows: [
        [['Ziele'], ['Vermittlung in Arbeit', 'Teilzeitausbildung']],
        [['Ressourcen'], ['Fallmanagement', 'Räume im Familienzentrum']],
        [['Folgerung'], ['Früh einbinden']],
      ],
    })
    // A row nobody wrote in (a blank form to fill in by hand) keeps every column.
    expect(stackedRows(['Bedarf', 'Schon?', 'Wer?'], [[['Sucht'], [], ['']]])).toEqual([{ head: [['Bedarf'], ['Sucht']], rows: [[['Schon?'], []], [['Wer?'], ['']]] }])
  })

  it('shares an ODT’s or DOCX’s columns by the same rule: the longest partner’s name whole in the label column', () => {
    const shares = columnShares(actors.columns, actors.rows)
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
    // Measured by an average letter: 29 letters of „Kinderbetreuungseinrichtungen“ and the cell's padding, on a page of 482 points.
    expect(shares[0]! * 482).toBeGreaterThanOrEqual(29 * 4.7 + 8)
  })

  it('gives a column of long Zettel the room the others leave, once every word fits', () => {
    const needs = [
      { least: 60, most: 80 },
      { least: 70, most: 900 },
      { least: 40, most: 50 },
    ]
    const widths = columnWidths(needs, 480)
    expect(widths[0]).toBeGreaterThanOrEqual(60)
    expect(widths[2]).toBeGreaterThanOrEqual(40)
    expect(widths[1]).toBeGreaterThan(300)
  })

  it('always fills the page, each column as wide as its words where they fit', () => {
    const need = fc.record({ least: fc.double({ min: 10, max: 300, noNaN: true }), extra: fc.double({ min: 0, max: 600, noNaN: true }), blank: fc.boolean() })
    fc.assert(
      fc.property(fc.array(need, { minLength: 1, maxLength: 12 }), fc.double({ min: 200, max: 800, noNaN: true }), (drawn, room) => {
        const needs = drawn.map((n) => (n.blank ? { least: n.least, most: n.least, blank: true as const } : { least: n.least, most: n.least + n.extra }))
        const widths = columnWidths(needs, room)
        expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(room, 6)
        for (const w of widths) expect(w).toBeGreaterThan(0)
        // A "word" wider than 60 % of the page (pasted data) is no word to keep whole.
        const least = needs.map((n) => Math.min(n.least, room * 0.6))
        if (least.reduce((a, b) => a + b, 0) <= room) least.forEach((w, i) => expect(widths[i]).toBeGreaterThanOrEqual(w - 1e-9))
      }),
      propertyParameters({ gate: 100, full: 2000 }),
    )
  })

  it('hyphenates in a column exactly the words wider than it, a short one too', () => {
    expect(hyphenate('Jobcenter', 'de')).toBe('Jobcenter')
    expect(hyphenate('Beratungsstellen', 'de')).toBe(`Be${softHyphen}ra${softHyphen}tungs${softHyphen}stel${softHyphen}len`)
    expect(hyphenate('Beratungsstellen', 'de', () => false)).toBe('Beratungsstellen')
    expect(hyphenate('Jobcenter und Jugendamt', 'de', (word) => word.trim() === 'Jobcenter')).toBe(`Job${softHyphen}cen${softHyphen}ter und Jugendamt`)
  })

  it('hyphenates a word that fits its column only without the space pdfkit measures after it', () => {
    // The „Lücke?“ column as wide as „Rechtsberatung“: pdfkit measured „Rechtsberatung “ and cut it „Rechtsbe|ratung“, without a hyphen.
    const column = measure('Rechtsberatung', false)
    const hyphenated = hyphenate('Keine Rechtsberatung am Samstag', 'de', (word) => measure(word, false) > column)
    expect(hyphenated).toContain(`Rechts${softHyphen}be${softHyphen}ra${softHyphen}tung`)
    // A column as wide as its longest word keeps that word whole: it is measured with its space.
    const [, gap] = columnNeeds(['Kategorie', 'Lücke?'], [[['Recht'], ['Keine Rechtsberatung am Samstag']]], measure, frame)
    expect(gap!.least - 2 * frame.padding).toBeGreaterThanOrEqual(measure('Rechtsberatung ', false))
  })

  it('gives a column nobody wrote in only its header’s need, and a filled column the words of its Zettel', () => {
    // The Angebotsübersicht after a round: only the Jobcenter and „Lücke?“ written in.
    const columns = ['Kategorie', 'Jobcenter', 'Jugendamt', 'Beratungsstellen', 'Familienzentrum', 'Lücke?', 'Doppelt?']
    const rows = [
      [['Recht und Beratung'], ['Beratung zum Bürgergeld', 'Vermittlung in Teilzeitausbildung'], [], [], [], ['Keine Rechtsberatung am Samstag'], []],
      [['Kinder und Kinderbetreuung'], ['Kinderbetreuungszuschuss'], [], [], [], [], []],
    ]
    const needs = columnNeeds(columns, rows, measure, frame)
    const widths = columnWidths(needs, page)
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(page, 6)
    expect(widths[1]).toBeGreaterThanOrEqual(wordWidth('Kinderbetreuungszuschuss ') + frame.bullet)
    expect(widths[5]).toBeGreaterThanOrEqual(wordWidth('Rechtsberatung '))
    for (const blank of [2, 3, 4, 6]) {
      expect(widths[blank]).toBeLessThanOrEqual(needs[blank]!.least + 1e-9)
      expect(widths[blank]).toBeLessThan(widths[1]!)
    }
    // Where the page has room for every word, a blank column gets its header's words and nothing of the rest.
    const roomy = columnWidths(columnNeeds(['Kategorie', 'Jobcenter', 'Jugendamt'], [[['Recht'], ['Beratung zum Bürgergeld'], []]], measure, frame), page)
    expect(roomy[2]).toBeCloseTo(wordWidth('Jugendamt ', true), 6)
  })
})
