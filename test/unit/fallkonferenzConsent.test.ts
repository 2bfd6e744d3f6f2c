/**
 * The Fallkonferenz's gate, by the facilitator's recorded confirmations: a table of records as a
 * facilitator would now keep them, each with what the board's confirmation cells said before (the
 * words that used to release the case), and whether the export holds the case or lets it out.
 * Words on the board release nothing: only a complete record does.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, renderExport } from '../../shared/results/export.ts'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { fallkonferenzCells } from '../../shared/templates/fallkonferenz.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { consentKey, consentState, presentRecord, readConsent, type CaseConsent } from '../../shared/board/entries/consent.ts'
import { build, noteInCell } from './templates/helpers.ts'

const board = { id: 'b', title: 'Fallkonferenz Süd' }
/** The line the export shows in the held case's place: what it holds back (`fallkonferenzHold.ts`). */
const heldLabel = 'Fall, Lösungswege, Erkenntnisse, Bestätigungen, Pseudonym und Kommentare'

/** Everything in order: three Stellen at the table, all three released in writing. */
const complete: CaseConsent = {
  einverstaendnis: 'liegt-vor',
  entbindung: 'liegt-vor',
  entbundeneStellen: ['Jobcenter', 'Schuldnerberatung', 'Jugendamt'],
  anwesendeStellen: ['Jobcenter', 'Schuldnerberatung', 'Jugendamt'],
  nurPseudonym: true,
  moderation: 'B. Sommer (Koordination)',
  moderationNichtEinbringend: true,
  datum: '2026-11-25',
  bestaetigtVon: 'BS',
}
const withOwn = (change: Partial<CaseConsent>): CaseConsent => ({ ...complete, ...change })

interface Row {
  /** What a facilitator wrote in the confirmation cells before (it counts for nothing now). */
  said: string
  /** How it is recorded now; undefined: nothing recorded. */
  record: CaseConsent | undefined | 'other-case' | 'invalid'
  /** A Zettel in the case's „Beteiligte Stellen“, once the case is open. */
  stellen?: string
  expect: 'hold' | 'release'
  /** Words the held reason names. */
  names?: RegExp
}

const table: Row[] = [
  { said: 'liegt vor (MK)', record: complete, expect: 'release' },
  { said: 'steht aus', record: withOwn({ einverstaendnis: 'offen' }), expect: 'hold', names: /Einverständnis steht aus/ },
  { said: 'angefragt', record: withOwn({ entbindung: 'offen' }), expect: 'hold', names: /Schweigepflichtsentbindung \(schriftlich\) steht aus/ },
  { said: 'wird eingeholt', record: withOwn({ entbindung: 'offen' }), expect: 'hold' },
  { said: 'Einverständnis: mündlich zugesagt', record: withOwn({ einverstaendnis: 'muendlich' }), expect: 'hold', names: /nur mündlich/ },
  { said: 'Entbindung mündlich zugesagt', record: withOwn({ entbindung: 'muendlich' }), expect: 'hold', names: /nur mündlich/ },
  { said: 'telefonisch okay', record: withOwn({ entbindung: 'muendlich' }), expect: 'hold' },
  { said: 'n.v.', record: withOwn({ einverstaendnis: 'offen' }), expect: 'hold' },
  { said: 'tbd', record: withOwn({ entbindung: 'offen' }), expect: 'hold' },
  { said: '?', record: withOwn({ einverstaendnis: 'offen', entbindung: 'offen' }), expect: 'hold' },
  { said: 'nur JC', record: withOwn({ entbundeneStellen: ['JC'] }), expect: 'hold', names: /2 Stellen nicht entbunden/ },
  { said: 'ohne Schuldnerberatung', record: withOwn({ entbundeneStellen: ['Jobcenter', 'Jugendamt'] }), expect: 'hold', names: /1 Stelle nicht entbunden/ },
  { said: 'nein', record: withOwn({ einverstaendnis: 'abgelehnt' }), expect: 'hold', names: /abgelehnt oder zurückgezogen/ },
  { said: 'widerrufen', record: withOwn({ entbindung: 'abgelehnt' }), expect: 'hold' },
  { said: 'ja', record: undefined, expect: 'hold', names: /noch keine Bestätigungen festgehalten/ },
  { said: 'MK', record: 'other-case', expect: 'hold', names: /noch keine Bestätigungen/ },
  { said: 'bestätigt', record: 'invalid', expect: 'hold' },
  { said: 'JC statt Jobcenter', record: withOwn({ entbundeneStellen: ['JC', 'Schuldnerberatung', 'Jugendamt'] }), expect: 'release' },
  { said: 'Schreibweisen', record: withOwn({ entbundeneStellen: ['jobcenter ', 'SCHULDNERBERATUNG', 'Jugend-Amt'] }), expect: 'release' },
  { said: 'AA', record: withOwn({ anwesendeStellen: ['Agentur für Arbeit', 'Jobcenter'], entbundeneStellen: ['AA', 'JC'] }), expect: 'release' },
  { said: 'ASD', record: withOwn({ anwesendeStellen: ['ASD'], entbundeneStellen: ['Jugendamt'] }), expect: 'release' },
  { said: 'mehr entbunden als da', record: withOwn({ anwesendeStellen: ['Jobcenter'] }), expect: 'release' },
  { said: 'Wohnungslosenhilfe kam dazu', record: withOwn({ anwesendeStellen: [...complete.anwesendeStellen, 'Wohnungslosenhilfe'] }), expect: 'hold', names: /1 Stelle nicht entbunden/ },
  { said: 'niemand eingetragen', record: withOwn({ anwesendeStellen: [] }), expect: 'hold', names: /keine anwesenden Stellen/ },
  { said: 'Pseudonym?', record: withOwn({ nurPseudonym: false }), expect: 'hold', names: /Nur Pseudonym/ },
  { said: 'Moderation offen', record: withOwn({ moderation: '' }), expect: 'hold', names: /Moderation/ },
  { said: 'moderiert vom Jobcenter', record: withOwn({ moderation: 'Jobcenter, Frau A.', moderationNichtEinbringend: false }), expect: 'hold', names: /Moderation/ },
  { said: 'ohne Datum', record: withOwn({ datum: '' }), expect: 'hold', names: /Datum fehlt/ },
  { said: 'ohne Kürzel', record: withOwn({ bestaetigtVon: '' }), expect: 'hold', names: /wer bestätigt hat/ },
  { said: 'alles steht aus', record: withOwn({ einverstaendnis: 'offen', entbindung: 'offen', entbundeneStellen: [], nurPseudonym: false, moderation: '', datum: '', bestaetigtVon: '' }), expect: 'hold' },
  { said: 'Suchtberatung in Beteiligte Stellen', record: complete, stellen: 'Jobcenter\nSuchtberatung', expect: 'hold', names: /1 Stelle nicht entbunden/ },
  { said: 'Beteiligte Stellen wie entbunden', record: complete, stellen: 'JC, Schuldnerberatung und Jugendamt', expect: 'release' },
  { said: 'fehlt: Suchtberatung', record: complete, stellen: 'Jobcenter\nfehlt: Suchtberatung', expect: 'release' },
  // A restriction in brackets is kept: a release for one part of a Stelle covers that part only.
  { said: 'JC nur Vermittlung', record: withOwn({ entbundeneStellen: ['Jobcenter (nur Vermittlung)', 'Schuldnerberatung', 'Jugendamt'], anwesendeStellen: ['Jobcenter (Leistung)', 'Schuldnerberatung', 'Jugendamt'] }), expect: 'hold', names: /1 Stelle nicht entbunden/ },
  { said: 'JC nur Leistung, Leistung da', record: withOwn({ entbundeneStellen: ['Jobcenter (nur Leistung)', 'Schuldnerberatung', 'Jugendamt'], anwesendeStellen: ['Jobcenter (Leistung)', 'Schuldnerberatung', 'Jugendamt'] }), expect: 'release' },
  { said: 'JC ganz, Leistung da', record: withOwn({ anwesendeStellen: ['Jobcenter (Leistung)', 'Schuldnerberatung', 'Jugendamt'] }), expect: 'release' },
  { said: 'JC nur Leistung, JC da', record: withOwn({ entbundeneStellen: ['Jobcenter (Leistung)', 'Schuldnerberatung', 'Jugendamt'] }), expect: 'hold', names: /1 Stelle nicht entbunden/ },
  { said: 'Jugendamt (ASD)', record: withOwn({ entbundeneStellen: ['Jobcenter', 'Schuldnerberatung', 'Jugendamt (ASD)'], anwesendeStellen: ['ASD'] }), expect: 'release' },
  { said: 'Leistung und Vermittlung', record: complete, stellen: 'Jobcenter (Leistung, Vermittlung)\nJugendamt', expect: 'release' },
  // A long line, or one that mentions an earlier absence, still names a Stelle at the table.
  { said: 'lange Zeile', record: complete, stellen: 'Jobcenter\nSuchtberatung der Stadtmission heute vertretungsweise für die erkrankte Kollegin aus dem Team Süd', expect: 'hold', names: /1 Stelle nicht entbunden/ },
  { said: 'letztes Mal entschuldigt', record: complete, stellen: 'Jobcenter\nSuchtberatung (war letztes Mal entschuldigt)', expect: 'hold', names: /1 Stelle nicht entbunden/ },
  // The person herself at the table is not a Stelle: no release covers her, and none is needed.
  { said: 'Mutter selbst', record: withOwn({ anwesendeStellen: [...complete.anwesendeStellen, 'Mutter selbst (mit Dolmetscherin)'], personSelbst: true }), expect: 'release' },
  { said: 'Klientin in Beteiligte Stellen', record: withOwn({ personSelbst: true }), stellen: 'Jobcenter\nKlientin selbst', expect: 'release' },
  { said: 'fehlte beim letzten Treffen', record: complete, stellen: 'Suchtberatung fehlte beim letzten Treffen', expect: 'hold', names: /1 Stelle nicht entbunden/ },
]

/** The key its record is kept under: the template's instance on its page. */
function keyOf(shapes: TLShape[]) {
  const title = shapes.find((s) => scaffoldMeta(s)?.kind === 'title')!
  return consentKey(scaffoldMeta(title)!.instance, title.parentId)
}

function boardWith(row: Row, locale: 'de' | 'en' = 'de') {
  const { shapes } = build('fallkonferenz', {}, locale)
  const instance = keyOf(shapes)
  // The old words in every confirmation cell: a yes by the old reading, whatever they say.
  const said = fallkonferenzCells.consentRows.map((r) => noteInCell(shapes, `einverstaendnis:cell:${r}:bestaetigt`, row.said))
  const theCase = [
    noteInCell(shapes, 'fall:cell:problem:inhalt', 'Mietschulden, Kita-Platz fehlt'),
    noteInCell(shapes, 'loesungen:cell:l1:loesung', 'Ratenplan mit Vermieter'),
    ...(row.stellen ? [noteInCell(shapes, 'fall:cell:stellen:inhalt', row.stellen)] : []),
  ]
  const cases =
    row.record === undefined
      ? {}
      : row.record === 'other-case'
        ? { 'someone-else': complete }
        : row.record === 'invalid'
          ? { [instance]: { ...complete, einverstaendnis: 'ja' } }
          : { [instance]: row.record }
  return { records: [...shapes, ...said, ...theCase], consent: { cases } }
}

describe('the Fallkonferenz gate reads the recorded confirmations, never the board', () => {
  it('has a table of at least 30 records', () => expect(table.length).toBeGreaterThanOrEqual(30))

  it.each(table)('„$said“ recorded as it is now: $expect', (row) => {
    const { records, consent } = boardWith(row)
    const data = exportBoard(board, records, undefined, undefined, consent)
    const file = renderExport(data, 'md', 'de')
    const [template] = data.templates
    if (row.expect === 'release') {
      expect(file).toMatch(/Mietschulden/)
      expect(template.facts.map((f) => f.label)).not.toContain(heldLabel)
      return
    }
    expect(file).not.toMatch(/Mietschulden|Ratenplan/)
    expect(template.openItems).toEqual([])
    const reason = template.facts.find((f) => f.label === heldLabel)?.value
    expect(reason).toMatch(/fehlen noch Bestätigungen/)
    if (row.names) expect(reason).toMatch(row.names)
    const report = dokumentationMarkdown(dokumentation(board, records, { consent }, '2026-11-25'), 'de')
    expect(report).not.toMatch(/Mietschulden|Ratenplan/)
  })

  it('the reason line counts the Stellen not covered and never prints what was typed as one', () => {
    // A person entered as present among the Stellen, and a Stelle the release does not name.
    const present = [...complete.anwesendeStellen, 'Frau Yilmaz (mit Dolmetscherin)', 'Wohnungslosenhilfe']
    const { records, consent } = boardWith({ said: 'ja', record: withOwn({ anwesendeStellen: present }), stellen: 'Suchtberatung', expect: 'hold' })
    const data = exportBoard(board, records, undefined, undefined, consent)
    const file = renderExport(data, 'md', 'de')
    expect(file).not.toMatch(/Yilmaz|Dolmetscherin|Wohnungslosenhilfe|Suchtberatung/)
    expect(file).toMatch(/3 Stellen nicht entbunden/)
    const one = boardWith({ said: 'ja', record: withOwn({ anwesendeStellen: ['Jobcenter', 'Suchtberatung'] }), expect: 'hold' }, 'en')
    expect(renderExport(exportBoard(board, one.records, undefined, undefined, one.consent), 'md', 'en')).toMatch(/1 service not released/)
  })

  it('records „Die Person nimmt selbst teil“ instead of keeping the person among the Stellen', () => {
    expect(presentRecord(['Jobcenter', 'Frau Yilmaz selbst (mit Dolmetscherin)', 'Jugendamt'], false)).toEqual({ anwesendeStellen: ['Jobcenter', 'Jugendamt'], personSelbst: true })
    expect(presentRecord(['Jobcenter'], true)).toEqual({ anwesendeStellen: ['Jobcenter'], personSelbst: true })
    expect(presentRecord(['Jobcenter'], false)).toEqual({ anwesendeStellen: ['Jobcenter'], personSelbst: false })
    // A record kept before it could say so still reads.
    expect(readConsent({ cases: { k: complete } }).cases.k).toEqual(complete)
    expect(readConsent({ cases: { k: withOwn({ personSelbst: true }) } }).cases.k.personSelbst).toBe(true)
  })

  it('holds every case on a board whose consent is not passed along (a reader that forgot it)', () => {
    const { records } = boardWith({ said: 'ja', record: complete, expect: 'hold' })
    expect(renderExport(exportBoard(board, records), 'md', 'de')).not.toMatch(/Mietschulden/)
  })

  it('a complete record releases only its own Fallkonferenz', () => {
    expect(consentState(complete)).toEqual({ released: true })
    expect(consentState(undefined)).toEqual({ released: false, missing: [{ kind: 'record' }] })
  })
})
