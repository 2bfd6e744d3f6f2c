/**
 * Decisions with a life cycle (issue 61, item 2): a question for decision closes when a Beschluss
 * answers it by its number; the Steuerungsgruppe's own „Beschlüsse“ table and the facilitator's
 * mark are one model (a marked Zettel in a row saying „vorbehaltlich …“ never reads „gilt“); the
 * Beschluss dialog starts from the board's Gremium and the Bindewirkung the Netzwerkregeln name
 * for it, and says so when a Fachgruppe marks „gilt“ against the rule.
 */
import { describe, expect, it } from 'vitest'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { packBoardSummary } from '../../shared/results/packSummary.ts'
import { notePlaces } from '../../shared/results/export.ts'
import { beschlussStart, bindewirkungIn, decisionRules, ruleBindewirkung, againstRule } from '../../shared/results/beschlussLife.ts'
import { steuerungsgruppeCells as cells } from '../../shared/templates/steuerungsgruppe.ts'
import { netzwerkregelnCells as regeln } from '../../shared/templates/netzwerkregeln.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { askHaeuser, Beschluesse, beschlussTerms, toggleBeschluesse } from '../../shared/board/entries/beschluesse.ts'
import { build, noteInCell } from './templates/helpers.ts'

const need = (n: number) => cellKey(cells.bedarf.section, cells.bedarf.row(n), cells.bedarf.col.frage)
const decision = (n: number, col: string) => cellKey(cells.beschluesse.section, cells.beschluesse.row(n), col)
const board = { id: 'b', title: 'Steuerungsgruppe März' }

function sitzung() {
  const shapes = build('steuerungsgruppe', { date: '2027-03-03' }).shapes
  const q1 = noteInCell(shapes, need(1), 'Gemeinsamer Laufzettel für alle Stellen?')
  const q2 = noteInCell(shapes, need(2), 'Fachtag im Herbst ausrichten?')
  const q3 = noteInCell(shapes, need(3), 'Zweite Koordinationsstelle beantragen?')
  const d1 = noteInCell(shapes, decision(1, cells.beschluesse.col.beschluss), 'Der Laufzettel wird ab Mai in allen Stellen genutzt')
  const d1frage = noteInCell(shapes, decision(1, cells.beschluesse.col.frage), 'Nr. 1')
  const d1bind = noteInCell(shapes, decision(1, cells.beschluesse.col.verbindlichkeit), 'vorbehaltlich Zustimmung der Häuser')
  const d2 = noteInCell(shapes, decision(2, cells.beschluesse.col.beschluss), 'Fachtag am 12.10. im Rathaus')
  const d2frage = noteInCell(shapes, decision(2, cells.beschluesse.col.frage), '2')
  const d2bind = noteInCell(shapes, decision(2, cells.beschluesse.col.verbindlichkeit), 'gilt')
  return { records: [...shapes, q1, q2, q3, d1, d1frage, d1bind, d2, d2frage, d2bind], shapes, q3, d1, d2 }
}

describe('a question for decision closes when a Beschluss answers it', () => {
  it('the pack lists only the question no Beschluss names by its number', () => {
    const { records } = sitzung()
    const summary = packBoardSummary({ id: 'b', title: board.title, phase: null, records, internal: false }, '2027-03-04')
    expect(summary.decisionNeeds.map((n) => n.text)).toEqual(['Zweite Koordinationsstelle beantragen?'])
  })

  it('and when the Vorschlag in its own row became a Beschluss (marked, or by an „Einverstanden?“ round)', () => {
    const { records, shapes } = sitzung()
    const proposal = noteInCell(shapes, cellKey(cells.bedarf.section, cells.bedarf.row(3), cells.bedarf.col.vorschlag), 'Antrag beim Kreis bis Juni')
    const marked = { notes: [proposal.id], terms: { [proposal.id]: { gremium: 'steuerungsgruppe', bindewirkung: 'gilt' } } }
    const open = packBoardSummary({ id: 'b', title: board.title, phase: null, records: [...records, proposal], internal: false }, '2027-03-04')
    expect(open.decisionNeeds.map((n) => n.text)).toEqual(['Zweite Koordinationsstelle beantragen?'])
    const decided = packBoardSummary({ id: 'b', title: board.title, phase: null, records: [...records, proposal], internal: false, facilitation: { beschluesse: marked } }, '2027-03-04')
    expect(decided.decisionNeeds).toEqual([])
  })
})

describe('one Beschluss model: the Steuerungsgruppe’s table and the mark', () => {
  it('the Dokumentation lists the table’s Beschlüsse unmarked, with the Steuerungsgruppe as Gremium and the row’s Verbindlichkeit', () => {
    const { records } = sitzung()
    const doc = dokumentation(board, records, {}, '2027-03-04')
    expect(doc.beschluesse.map((b) => [b.text, b.gremium, b.bindewirkung])).toEqual([
      ['Der Laufzettel wird ab Mai in allen Stellen genutzt', 'steuerungsgruppe', 'vorbehaltlich'],
      ['Fachtag am 12.10. im Rathaus', 'steuerungsgruppe', 'gilt'],
    ])
  })

  it('a marked Zettel in a row saying „vorbehaltlich …“ never reads „gilt“, and is listed once', () => {
    const { records, d1 } = sitzung()
    const entries = { beschluesse: { notes: [d1.id], terms: { [d1.id]: { gremium: 'gesamtnetzwerk', bindewirkung: 'gilt' } } } }
    const doc = dokumentation(board, records, entries, '2027-03-04')
    expect(doc.beschluesse.map((b) => [b.text, b.bindewirkung])).toEqual([
      ['Der Laufzettel wird ab Mai in allen Stellen genutzt', 'vorbehaltlich'],
      ['Fachtag am 12.10. im Rathaus', 'gilt'],
    ])
    const md = dokumentationMarkdown(doc, 'de')
    expect(md).toContain('| 1 | Der Laufzettel wird ab Mai in allen Stellen genutzt | Gesamtnetzwerk | vorbehaltlich der Zustimmung der Häuser |')
  })
})

describe('the Bindewirkung a text names', () => {
  it.each([
    ['vorbehaltlich Zustimmung der Häuser', 'vorbehaltlich'],
    ['gilt', 'gilt'],
    ['verbindlich ab sofort', 'gilt'],
    ['unverbindlich', 'empfehlung'],
    ['Empfehlung an die Träger', 'empfehlung'],
    ['?', null],
  ] as const)('%s → %s', (text, expected) => {
    expect(bindewirkungIn(text)).toBe(expected)
  })
})

describe('the dialog’s start: the board’s Gremium and the rule’s Bindewirkung', () => {
  const rules = ['Fachgruppen erarbeiten Vorschläge, über die die Steuerungsgruppe entscheidet. Das Gesamtnetzwerk beschließt vorbehaltlich der Zustimmung der Häuser.']
  const none = { notes: [] }

  it('reads the rule „Wer entscheidet über was?“ per Gremium', () => {
    expect(ruleBindewirkung(rules, 'AG Kinderbetreuung')).toBe('empfehlung')
    expect(ruleBindewirkung(rules, 'steuerungsgruppe')).toBe('gilt')
    expect(ruleBindewirkung(rules, 'gesamtnetzwerk')).toBe('vorbehaltlich')
    expect(ruleBindewirkung([], 'gesamtnetzwerk')).toBeNull()
  })

  it('a Fachgruppe’s board starts at its own name and „Empfehlung“, never at „Gesamtnetzwerk · gilt“', () => {
    expect(beschlussStart({ marked: none, ids: ['shape:x'], boardBody: 'AG Kinderbetreuung', rules, row: null })).toEqual({ gremium: 'AG Kinderbetreuung', bindewirkung: 'empfehlung' })
    // Without a rule, a group's decision is a recommendation until said otherwise.
    expect(beschlussStart({ marked: none, ids: ['shape:x'], boardBody: 'AG Kinderbetreuung', rules: [], row: null })).toEqual({ gremium: 'AG Kinderbetreuung', bindewirkung: 'empfehlung' })
    // Nothing known about the board: the whole network, whose decisions need the Häuser – not the strongest.
    expect(beschlussStart({ marked: none, ids: ['shape:x'], boardBody: '', rules: [], row: null })).toEqual({ gremium: 'gesamtnetzwerk', bindewirkung: 'vorbehaltlich' })
  })

  it('a Zettel on a Steuerungsgruppen-Sitzung starts at the Steuerungsgruppe when the board names no Gremium', () => {
    expect(beschlussStart({ marked: none, ids: ['shape:x'], boardBody: '', rules: [], row: null, steering: true }).gremium).toBe('steuerungsgruppe')
    expect(beschlussStart({ marked: none, ids: ['shape:x'], boardBody: 'AG Kinderbetreuung', rules: [], row: null, steering: true }).gremium).toBe('AG Kinderbetreuung')
  })

  it('a Zettel in a row that says its Verbindlichkeit starts there; the board’s last Beschluss of the same Gremium next', () => {
    const marked = { notes: ['shape:a'], terms: { 'shape:a': { gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich' as const } } }
    expect(beschlussStart({ marked, ids: ['shape:x'], boardBody: '', rules, row: null })).toEqual({ gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich' })
    expect(beschlussStart({ marked, ids: ['shape:x'], boardBody: 'steuerungsgruppe', rules, row: 'empfehlung' })).toEqual({ gremium: 'steuerungsgruppe', bindewirkung: 'empfehlung' })
    // Editing a mark: its own terms, the row's Verbindlichkeit over them.
    expect(beschlussStart({ marked, ids: ['shape:a'], boardBody: 'AG X', rules, row: 'gilt' })).toEqual({ gremium: 'steuerungsgruppe', bindewirkung: 'gilt' })
  })

  it('warns when a Fachgruppe marks „gilt“ against the rule, not when the rule lets it', () => {
    expect(againstRule({ gremium: 'AG Kinderbetreuung', bindewirkung: 'gilt' }, rules)).toBe(true)
    expect(againstRule({ gremium: 'AG Kinderbetreuung', bindewirkung: 'empfehlung' }, rules)).toBe(false)
    expect(againstRule({ gremium: 'steuerungsgruppe', bindewirkung: 'gilt' }, rules)).toBe(false)
    expect(againstRule({ gremium: 'AG Kinderbetreuung', bindewirkung: 'gilt' }, ['Fachgruppen entscheiden über ihre Arbeitsweise selbst.'])).toBe(false)
  })

  it('takes the rules from the board’s Netzwerkregeln („Entscheidungen“ and „Arbeitsgruppen“)', () => {
    const shapes = build('netzwerkregeln', {}).shapes
    const key = (row: string) => cellKey(regeln.regeln.section, row, regeln.regeln.col.regel)
    const records = [...shapes, noteInCell(shapes, key(regeln.regeln.rows.entscheidungen), rules[0]), noteInCell(shapes, key(regeln.regeln.rows.teilhabe), 'Eintritt per Mail')]
    expect(decisionRules(notePlaces(records))).toEqual(rules)
  })
})

describe('„vorbehaltlich“ asks each Haus and applies once all have agreed (H 4.3.9)', () => {
  function protokoll() {
    const shapes = build('protokoll', { date: '2027-03-03', topics: 1 }).shapes
    const decided = noteInCell(shapes, 'tops:cell:top1:thema', 'Gemeinsamer Aufnahmebogen ab Mai')
    return { records: [...shapes, decided], decided }
  }
  const withHaeuser = (id: string, haeuser: Array<{ haus: string; zugestimmt: boolean }>) => ({
    beschluesse: Beschluesse.parse({ notes: [id], terms: { [id]: { gremium: 'gesamtnetzwerk', bindewirkung: 'vorbehaltlich', haeuser } } }),
  })

  it('opens one item per Haus whose consent is pending, and names who agreed', () => {
    const { records, decided } = protokoll()
    const doc = dokumentation(board, records, withHaeuser(decided.id, [{ haus: 'Jobcenter', zugestimmt: false }, { haus: 'Jugendamt', zugestimmt: true }, { haus: 'Caritas', zugestimmt: false }]), '2027-03-04')
    expect(doc.beschluesse[0].bindewirkung).toBe('vorbehaltlich')
    const md = dokumentationMarkdown(doc, 'de')
    expect(md).toContain('| vorbehaltlich der Zustimmung der Häuser – Zustimmung ausstehend: Jobcenter, Caritas – zugestimmt: Jugendamt |')
    // Apart from the tasks, one row per Haus (`decisionsPack.test.ts` holds the pack and the CSV).
    const consents = md.slice(md.indexOf('## Ausstehende Zustimmungen der Häuser'))
    expect(consents).toContain('| Jobcenter | Gemeinsamer Aufnahmebogen ab Mai |')
    expect(consents).toContain('| Caritas | Gemeinsamer Aufnahmebogen ab Mai |')
    expect(consents).not.toContain('| Jugendamt |')
    expect(dokumentationMarkdown(doc, 'en')).toContain('| Jobcenter | Gemeinsamer Aufnahmebogen ab Mai |')
  })

  it('reads „gilt“ once every Haus has agreed, and asks nobody any more', () => {
    const { records, decided } = protokoll()
    const doc = dokumentation(board, records, withHaeuser(decided.id, [{ haus: 'Jobcenter', zugestimmt: true }, { haus: 'Jugendamt', zugestimmt: true }]), '2027-03-04')
    expect(doc.beschluesse[0].bindewirkung).toBe('gilt')
    const md = dokumentationMarkdown(doc, 'de')
    expect(md).toContain('| gilt – alle Häuser haben zugestimmt (Jobcenter, Jugendamt) |')
    expect(md).not.toContain('Ausstehende Zustimmungen')
  })

  it('the relay’s schema keeps the Häuser with a mark, bounded', () => {
    const id = 'shape:a'
    const many = Array.from({ length: 41 }, (_, i) => ({ haus: `Haus ${i}`, zugestimmt: false }))
    expect(Beschluesse.safeParse({ notes: [id], terms: { [id]: { gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich', haeuser: many } } }).success).toBe(false)
    const kept = toggleBeschluesse({ notes: [] }, [id], { gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich', haeuser: many.slice(0, 2) })
    expect(Beschluesse.parse(kept).terms?.[id].haeuser).toEqual(many.slice(0, 2))
    expect(beschlussTerms(kept, id).haeuser).toEqual(many.slice(0, 2))
  })

  it('keeps the day each Haus was first asked: a Haus named later waits from its own day, one named before keeps its day and its consent', () => {
    const before = [{ haus: 'Jobcenter', zugestimmt: false, seit: '2027-03-03' }, { haus: 'Jugendamt', zugestimmt: true, seit: '2027-03-03' }, { haus: 'Caritas', zugestimmt: false }]
    expect(askHaeuser(before, ['Jugendamt', 'Jobcenter', 'Diakonie', 'Caritas'], '2027-03-10')).toEqual([
      { haus: 'Jugendamt', zugestimmt: true, seit: '2027-03-03' },
      { haus: 'Jobcenter', zugestimmt: false, seit: '2027-03-03' },
      { haus: 'Diakonie', zugestimmt: false, seit: '2027-03-10' },
      // Named before days were kept: the documents take the meeting's day, not today's.
      { haus: 'Caritas', zugestimmt: false },
    ])
    const id = 'shape:a'
    const stored = (seit: string) => Beschluesse.safeParse({ notes: [id], terms: { [id]: { gremium: 'gesamtnetzwerk', bindewirkung: 'vorbehaltlich', haeuser: [{ haus: 'Jobcenter', zugestimmt: false, seit }] } } })
    expect(stored('2027-03-10').success).toBe(true)
    expect(stored('2027-02-30').success).toBe(false)
    expect(beschlussTerms(Beschluesse.parse(stored('2027-03-10').data), id).haeuser).toEqual([{ haus: 'Jobcenter', zugestimmt: false, seit: '2027-03-10' }])
  })
})
