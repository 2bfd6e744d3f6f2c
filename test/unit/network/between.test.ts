/**
 * The network between meetings, its pure parts: which "Bis wann" a due item is read from
 * (`dueDay`), the window a search result is cut to (`snippet`), and that a digest mail holds
 * titles and counts only (`digestMail`), and that a carried action is due once (`dueOnce`).
 */
import { describe, expect, it } from 'vitest'
import { dueOnce, snippet } from '../../../shared/results/boardBetween.ts'
import { dueDay } from '../../../shared/results/dueDay.ts'
import { digestHasNews, digestMail } from '../../../server/digest/digestMail.ts'
import type { BoardSince } from '../../../shared/networkBetween.ts'

describe('a due day as people write it', () => {
  it('reads 24.11.2026, 24.11.26, 2026-11-24 and 24.11. (this year, or next once more than half a year past)', () => {
    expect(dueDay('bis 24.11.2026', '2026-11-20')).toBe('2026-11-24')
    expect(dueDay('24.11.26', '2026-11-20')).toBe('2026-11-24')
    expect(dueDay('2026-11-24', '2026-11-20')).toBe('2026-11-24')
    expect(dueDay('Ende 3.12.', '2026-11-20')).toBe('2026-12-03')
    // Just passed: overdue this year, not due next year.
    expect(dueDay('1.11.', '2026-11-20')).toBe('2026-11-01')
    expect(dueDay('15.1.', '2026-11-20')).toBe('2027-01-15')
  })

  it('reads nothing where there is no day', () => {
    for (const text of ['bald', 'KW 48', '31.13.2026', '', 'Frau Yilmaz']) expect(dueDay(text, '2026-11-20'), text).toBeNull()
  })
})

describe('a search result cut to its context', () => {
  it('keeps a short text whole, and cuts a long one around the first part found with the marks moved along', () => {
    expect(snippet('Kita Nord', [[0, 4]])).toEqual({ text: 'Kita Nord', ranges: [[0, 4]], cutBefore: false, cutAfter: false })
    const long = `${'a'.repeat(300)}Familienhebamme${'b'.repeat(300)}`
    const cut = snippet(long, [[300, 315]])
    expect(cut.cutBefore && cut.cutAfter).toBe(true)
    expect(cut.text).toHaveLength(160)
    expect(cut.ranges.map(([from, to]) => cut.text.slice(from, to))).toEqual(['Familienhebamme'])
  })
})

describe('the digest mail', () => {
  const board = (over: Partial<BoardSince>): BoardSince => ({ boardId: 'b', title: 'Netzwerktreffen', seen: 'AA==', firstSeen: false, notes: 0, comments: 0, released: null, due: [], ...over })

  it('names boards with counts, releases and due items counted, never their text', () => {
    const boards = [
      board({ title: 'Netzwerktreffen Juni', notes: 1, comments: 2 }),
      board({ title: 'Gründungsveranstaltung', released: '2026-11-24', due: [{ what: 'Einladung verschicken', who: 'Frau Yilmaz', when: '30.11.', day: '2026-11-30', overdue: false }] }),
      board({ title: 'Ruhiges Board' }),
    ]
    const { subject, text } = digestMail({ network: 'Netzwerk Süd', fahrplanUrl: 'https://n.example/n/abc', sinceDay: '2026-11-19', boards, signInLeftOut: 0, locale: 'de' })
    expect(subject).toBe('„Netzwerk Süd“: was sich seit dem 19.11.2026 getan hat')
    expect(text).toContain('- Netzwerktreffen Juni: 1 neuer Zettel, 2 neue Kommentare\n')
    expect(text).toContain('- Gründungsveranstaltung: zur Weitergabe freigegeben am 24.11.2026\n')
    expect(text).toContain('- Gründungsveranstaltung: 1 offener Punkt bald fällig\n')
    expect(text).not.toContain('Ruhiges Board')
    for (const never of ['Einladung', 'Yilmaz', '30.11.']) expect(text).not.toContain(never)
    expect(text).toContain('Zum Fahrplan: https://n.example/n/abc\n')
    expect(digestHasNews(boards)).toBe(true)
    expect(digestHasNews([board({})])).toBe(false)
  })

  it('counts boards that require sign-in without naming them, in German and English', () => {
    const boards = [board({ title: 'Netzwerktreffen Juni', notes: 1 })]
    const mail = (signInLeftOut: number, locale: 'de' | 'en') => digestMail({ network: 'Netzwerk Süd', fahrplanUrl: 'https://n.example/n/abc', sinceDay: '2026-11-19', boards, signInLeftOut, locale }).text
    expect(mail(0, 'de')).not.toContain('Anmeldung')
    expect(mail(1, 'de')).toContain('\n1 Board, das eine Anmeldung verlangt, ist hier nicht aufgeführt; nichts daraus erscheint hier.\n')
    expect(mail(3, 'de')).toContain('\n3 Boards, die eine Anmeldung verlangen, sind hier nicht aufgeführt; nichts daraus erscheint hier.\n')
    expect(mail(1, 'en')).toContain('\n1 board that requires sign-in is not listed here; nothing of it appears here.\n')
    expect(mail(2, 'en')).toContain('\n2 boards that require sign-in are not listed here; nothing of them appears here.\n')
  })
})

describe('a carried action due once across the boards', () => {
  const board = (boardId: string, due: BoardSince['due']): BoardSince => ({ boardId, title: boardId, seen: '', firstSeen: false, notes: 0, comments: 0, released: null, due })
  const item = { what: 'Übersicht aller Angebote erstellen', who: 'Frau Demir', when: '31.03.2025', day: '2025-03-31', overdue: true }

  it('lists it where it was carried to, with no Zettel references left in the answer', () => {
    const source = board('zk', [{ ...item, ref: { instance: 'i1', notes: ['shape:a2'] } }, { ...item, what: 'Elterncafé', ref: { instance: 'i1', notes: ['shape:a3'] } }])
    const copy = board('ziele', [{ ...item, ref: { instance: 'i2', notes: ['shape:c1'] }, carried: { instance: 'i1', note: 'shape:a2', board: 'zk', changed: { who: false, when: false } } }])
    const [zk, ziele] = dueOnce([source, copy])
    expect(zk!.due).toEqual([{ ...item, what: 'Elterncafé' }])
    expect(ziele!.due).toEqual([item])
  })

  it('keeps two boards\' items that merely say the same', () => {
    const [a, b] = dueOnce([board('a', [{ ...item, ref: { instance: 'i1', notes: ['n1'] } }]), board('b', [{ ...item, ref: { instance: 'i2', notes: ['n1'] } }])])
    expect([a!.due, b!.due]).toEqual([[item], [item]])
  })
})
