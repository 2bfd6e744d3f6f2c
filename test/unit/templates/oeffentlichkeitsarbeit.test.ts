/**
 * Öffentlichkeitsarbeit und Spruchreife (H 5.3.3, 4.3.2): what the network's public relations is
 * for (the strategy H 5.3.3 asks the coordination to agree with the partners), who speaks for the
 * network, what goes out when (only once released: spruchreif), the Verteiler, and a press release
 * drafted together; each occasion with Wer / Bis wann / Erledigt?. One Freigabe: the board's
 * release passes on only what the template marks spruchreif (or freigegeben); the rest stays internal.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { dokumentation, dokumentationMarkdown } from '../../../shared/results/dokumentation.ts'
import { released, withdrawn } from '../../../shared/board/entries/release.ts'
import type { Locale } from '../../../shared/locale.ts'
import * as Y from 'yjs'
import { facilitationMap } from '../../../shared/board/entry.ts'
import { runDocumentJob } from '../../../server/documents/documentJobs.ts'
import { boardDocument } from '../../../server/documents/templateBoard.ts'
import { putRecords } from '../../helpers/records.ts'
import { packBoardSummary } from '../../../shared/results/packSummary.ts'
import { searchHits } from '../../../shared/results/boardBetween.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Öffentlichkeit' }
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!) ?? ''

describe('Öffentlichkeitsarbeit und Spruchreife', () => {
  it.each([
    [{}, 'de'],
    [{}, 'en'],
    [{ occasions: 16, date: '2027-04-01' }, 'de'],
    [{ occasions: 1 }, 'en'],
  ] as [unknown, Locale][])('builds a valid layout without overlaps for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('oeffentlichkeitsarbeit', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('asks who speaks, what goes out when and whether it is released, to whom, and holds a draft press release', () => {
    const { shapes } = build('oeffentlichkeitsarbeit', {})
    const tables = exportBoard(board, shapes).templates[0].tables
    expect(tables.map((t) => t.title)).toEqual(['Wozu Öffentlichkeitsarbeit?', 'Wer spricht für das Netzwerk?', 'Was geht wann nach außen?', 'Verteiler', 'Pressemitteilung (Entwurf)'])
    expect(tables[2].columns).toEqual(['Nr.', 'Was?', 'Spruchreif?', 'Wie?', 'Wer', 'Bis wann', 'Erledigt?'])
    expect(text(shapes, 'anlaesse:head:spruchreif:prompt')).toMatch(/freigegeben/)
    expect(text(shapes, 'intro')).toMatch(/vertraulich[^]*spruchreif/)
    expect(tables[3].rows.map((row) => row[0][0])).toEqual(['Zielgruppe', 'Fachöffentlichkeit', 'Politik und Wirtschaft', 'Presse'])
    expect(text(shapes, 'pressemitteilung:head:entwurf:prompt')).toMatch(/Ansprechperson/)
  })

  it('asks what the public relations is for (H 5.3.3) before who speaks and before the occasions, in both languages', () => {
    const { shapes } = build('oeffentlichkeitsarbeit', {})
    const at = (key: string) => shapes.find((s) => keyOf(s) === key)!
    expect(text(shapes, 'strategie:head:wozu')).toBe('Wozu Öffentlichkeitsarbeit?')
    expect(text(shapes, 'strategie:head:wozu:prompt')).toMatch(/bekannt machen[^]*Thema[^]*verankern[^]*Unterstützung/)
    // First in reading order: left of who speaks, on the same line; above the occasions.
    expect(at('strategie:cell:strategie:wozu').y).toBe(at('sprecher:cell:sprecher:sprecher').y)
    expect(at('strategie:cell:strategie:wozu').x).toBeLessThan(at('sprecher:cell:sprecher:sprecher').x)
    expect(at('strategie:cell:strategie:wozu').y).toBeLessThan(at('anlaesse:cell:n1:was').y)
    const en = build('oeffentlichkeitsarbeit', {}, 'en').shapes
    expect(text(en, 'strategie:head:wozu')).toBe('What is our public relations for?')
    expect(text(en, 'strategie:head:wozu:prompt')).toMatch(/known[^]*topic[^]*support/)
  })

  describe('one Freigabe: the board’s release passes on only what is spruchreif', () => {
    /** A plan a facilitator might release: one Anlass agreed, one nobody has asked about yet, one refused, a draft. */
    const written = () => {
      const { shapes } = build('oeffentlichkeitsarbeit', {})
      const records = [
        ...shapes,
        noteInCell(shapes, 'strategie:cell:strategie:wozu', 'Das Netzwerk bei Arbeitgebern bekannt machen'),
        noteInCell(shapes, 'anlaesse:cell:n1:was', 'Pressemitteilung zur Gründung'),
        noteInCell(shapes, 'anlaesse:cell:n1:spruchreif', 'Steuerungsgruppe 3.5.'),
        noteInCell(shapes, 'anlaesse:cell:n1:wer', 'Koordination'),
        noteInCell(shapes, 'anlaesse:cell:n2:was', 'Streit um die Kita-Plätze öffentlich machen'),
        noteInCell(shapes, 'anlaesse:cell:n2:wer', 'AG Kinderbetreuung'),
        noteInCell(shapes, 'anlaesse:cell:n3:was', 'Fachtag zur Teilzeitausbildung'),
        noteInCell(shapes, 'anlaesse:cell:n3:spruchreif', 'noch nicht'),
        noteInCell(shapes, 'pressemitteilung:cell:pressemitteilung:entwurf', 'Entwurf: Jobcenter zieht sich zurück'),
      ]
      return { shapes, records }
    }
    const occasions = (doc: ReturnType<typeof dokumentation>) =>
      doc.templates[0].tables.find((t) => t.title === 'Was geht wann nach außen?')!.rows.map((row) => row[1]).filter((what) => what.length > 0)

    it('a released board’s Dokumentation holds back each Anlass not marked spruchreif, its open item and a draft not freigegeben, and says how many', () => {
      const { records } = written()
      const doc = dokumentation(board, records, { release: released('2027-05-04', 1) }, '2027-05-04')
      expect(occasions(doc)).toEqual([['Pressemitteilung zur Gründung']])
      expect(doc.openItems.map((item) => item.what)).toEqual([['Pressemitteilung zur Gründung']])
      const markdown = dokumentationMarkdown(doc, 'de')
      for (const held of ['Kita-Plätze', 'AG Kinderbetreuung', 'Teilzeitausbildung', 'zieht sich zurück']) expect(markdown).not.toContain(held)
      expect(markdown).toContain('Das Netzwerk bei Arbeitgebern bekannt machen')
      expect(doc.templates[0].facts).toContainEqual({ label: 'Nicht weitergegeben', value: '2 Anlässe noch nicht spruchreif; Pressemitteilung noch nicht freigegeben.' })
    })

    it('one Anlass is counted as one, in English too', () => {
      const { shapes: en } = build('oeffentlichkeitsarbeit', {}, 'en')
      const one = [...en, noteInCell(en, 'anlaesse:cell:n1:was', 'Open day')]
      const doc = dokumentation(board, one, { release: released('2027-05-04', 1) }, '2027-05-04')
      expect(doc.templates[0].facts).toContainEqual({ label: 'Not passed on', value: '1 occasion not yet ready to publish.' })
    })

    it('a draft marked freigegeben goes out with the release', () => {
      const { shapes, records } = written()
      const withDraft = [...records, noteInCell(shapes, 'pressemitteilung:cell:pressemitteilung:freigabe', 'Netzwerktreffen 4.5.')]
      const doc = dokumentation(board, withDraft, { release: released('2027-05-04', 1) }, '2027-05-04')
      expect(dokumentationMarkdown(doc, 'de')).toContain('Entwurf: Jobcenter zieht sich zurück')
    })

    it('only a positive mark releases an Anlass or the draft („freigegeben am … durch …“, ja, ✓, x, a date): a Zettel that is on its way does not', () => {
      const { shapes } = build('oeffentlichkeitsarbeit', { occasions: 10 })
      const marks = [
        ['in Abstimmung mit Jobcenter', false],
        ['StG entscheidet am 12.12.', false],
        ['vorbehaltlich', false],
        ['wird in der Steuerungsgruppe besprochen', false],
        ['freigegeben am 3.5. durch StG', true],
        ['ja', true],
        ['✓', true],
        ['x', true],
        ['12.12.2027', true],
        ['spruchreif', true],
      ] as const
      const records = [
        ...shapes,
        ...marks.flatMap(([mark], i) => [noteInCell(shapes, `anlaesse:cell:n${i + 1}:was`, `Anlass ${i + 1}`), noteInCell(shapes, `anlaesse:cell:n${i + 1}:spruchreif`, mark)]),
      ]
      const doc = dokumentation(board, records, { release: released('2027-05-04', 1) }, '2027-05-04')
      expect(occasions(doc)).toEqual(marks.flatMap(([, out], i) => (out ? [[`Anlass ${i + 1}`]] : [])))
      const draft = (mark: string) => [...shapes, noteInCell(shapes, 'pressemitteilung:cell:pressemitteilung:entwurf', 'Entwurf zum Fachtag'), noteInCell(shapes, 'pressemitteilung:cell:pressemitteilung:freigabe', mark)]
      const passes = (mark: string) => dokumentationMarkdown(dokumentation(board, draft(mark), { release: released('2027-05-04', 1) }, '2027-05-04'), 'de').includes('Entwurf zum Fachtag')
      expect(passes('vorbehaltlich Zustimmung Jobcenter')).toBe(false)
      expect(passes('in Abstimmung')).toBe(false)
      expect(passes('freigegeben 4.5. Netzwerktreffen')).toBe(true)
    })

    it('one rule on every path leaving a released board: the steering group’s pack and the network’s search hold back what is not spruchreif', async () => {
      const { records } = written()
      const release = released('2027-05-04', 1)
      const pack = packBoardSummary({ id: 'b', title: 'Öffentlichkeit', phase: null, internal: false, records, facilitation: { release } }, '2027-05-04')
      expect(pack.openItems.map((item) => item.what)).toEqual([['Pressemitteilung zur Gründung']])
      const unreleased = packBoardSummary({ id: 'b', title: 'Öffentlichkeit', phase: null, internal: false, records }, '2027-05-04')
      expect(unreleased.openItems.map((item) => item.what)).toContainEqual(['Streit um die Kita-Plätze öffentlich machen'])

      // As the relay answers a network's search.
      const found = async (query: string, release?: unknown) => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, boardDocument('de'))
        putRecords(doc, records)
        if (release) facilitationMap(doc).set('release', release)
        const stored = { snapshot: null, updates: [Y.encodeStateAsUpdate(doc)], lastSeq: 1 }
        doc.destroy()
        const answer = await runDocumentJob({ kind: 'network-search', board, stored, query })
        return (answer as { value: ReturnType<typeof searchHits> }).value.total
      }
      expect(await found('Kita-Plätze')).toBe(1)
      for (const held of ['Kita-Plätze', 'Teilzeitausbildung', 'zieht sich zurück']) expect(await found(held, release)).toBe(0)
      expect(await found('Gründung', release)).toBeGreaterThan(0)
    })

    it('the internal Dokumentation, for the network itself, keeps every Anlass and its task', () => {
      const { records } = written()
      for (const release of [undefined, withdrawn(2)]) {
        const doc = dokumentation(board, records, { release }, '2027-05-04')
        expect(occasions(doc)).toEqual([['Pressemitteilung zur Gründung'], ['Streit um die Kita-Plätze öffentlich machen'], ['Fachtag zur Teilzeitausbildung']])
        expect(doc.openItems.map((item) => item.what)).toContainEqual(['Streit um die Kita-Plätze öffentlich machen'])
        expect(doc.templates[0].facts).toEqual([])
      }
    })

    it('the facilitator’s own copy of a board changed since its release („Intern – geändert seit der Freigabe“) keeps every Anlass', async () => {
      const { records } = written()
      const doc = new Y.Doc()
      Y.applyUpdate(doc, boardDocument('de'))
      putRecords(doc, records)
      // Released at a fingerprint the board no longer has: it changed since.
      facilitationMap(doc).set('release', released('2027-05-04', 1, { version: 'v1-aaaaaaaa', fingerprint: 'before' }))
      const stored = { snapshot: null, updates: [Y.encodeStateAsUpdate(doc)], lastSeq: 1 }
      doc.destroy()
      const read = await runDocumentJob({ kind: 'report', board, stored, role: 'facilitator', format: 'json', locale: 'de', day: '2027-05-10', emptyTables: false })
      const made = (read as { value: ReturnType<typeof dokumentation> }).value
      expect(made.release).toMatchObject({ released: false, changedSince: '2027-05-04' })
      expect(occasions(made)).toEqual([['Pressemitteilung zur Gründung'], ['Streit um die Kita-Plätze öffentlich machen'], ['Fachtag zur Teilzeitausbildung']])
      expect(made.templates[0].facts).toEqual([])
    })

    it('the column says so: spruchreif is what the board’s release passes on', () => {
      const { shapes } = build('oeffentlichkeitsarbeit', {})
      expect(text(shapes, 'anlaesse:head:spruchreif:prompt')).toMatch(/Freigabe des Boards/)
      expect(text(build('oeffentlichkeitsarbeit', {}, 'en').shapes, 'anlaesse:head:spruchreif:prompt')).toMatch(/board’s release/)
    })
  })

  it('lists each occasion someone prepares as an open item until it is done', () => {
    const { shapes } = build('oeffentlichkeitsarbeit', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'anlaesse:cell:n1:was', 'Pressemitteilung zur Gründung'),
      noteInCell(shapes, 'anlaesse:cell:n1:wer', 'Koordination'),
      noteInCell(shapes, 'anlaesse:cell:n1:bisWann', '1.4.'),
      noteInCell(shapes, 'anlaesse:cell:n1:erledigt', '28.3.'),
      noteInCell(shapes, 'anlaesse:cell:n2:was', 'Wegweiser vorstellen'),
      noteInCell(shapes, 'anlaesse:cell:n2:spruchreif', 'Steuerungsgruppe 3.5.'),
      noteInCell(shapes, 'anlaesse:cell:n2:wer', 'AG Wegweiser'),
      noteInCell(shapes, 'pressemitteilung:cell:pressemitteilung:entwurf', 'Neues Netzwerk für Alleinerziehende …'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2027-04-01')
    expect(report.openItems.map((item) => [item.what, item.who, item.when])).toEqual([[['Wegweiser vorstellen'], ['AG Wegweiser'], []]])
  })

  it('grows by an occasion; notes stay in their cells', () => {
    const { shapes } = build('oeffentlichkeitsarbeit', {})
    const records = [...shapes, noteInCell(shapes, 'anlaesse:cell:n3:was', 'Fachtag im Herbst')]
    const { next } = grow(records, 'addOccasion')
    expect(next.some((s) => keyOf(s) === 'anlaesse:cell:n5:erledigt')).toBe(true)
    expectTidy(next.filter((s) => s.type !== 'note'))
    const occasions = exportBoard(board, next).templates[0].tables.find((t) => t.title === 'Was geht wann nach außen?')!
    expect(occasions.rows[2][1]).toEqual(['Fachtag im Herbst'])
  })
})
