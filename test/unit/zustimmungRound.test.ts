/**
 * The „Einverstanden?“ round's pure parts (`shared/board/zustimmungTally.ts`, the round's entry and
 * its words): answers counted by Haus, what they make of the proposal (a Beschluss with its Gremium
 * and Bindewirkung, or none), an open item for each Haus that consults at home, the line the
 * Dokumentation prints with the Beschluss, and the rules the relay judges a round's writes by.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeUpdate } from '../../server/judge/judgeUpdate.ts'
import { Rehearsal } from '../../server/judge/rehearsal.ts'
import type { Role } from '../../shared/access.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { beschlussTerms, readBeschluesse } from '../../shared/board/entries/beschluesse.ts'
import { readRound, startRound, writeAnswer, writeClosed, type Answer } from '../../shared/board/entries/zustimmung.ts'
import { keepRound, readRounds } from '../../shared/board/entries/zustimmungen.ts'
import { keptRound, markedByRound, roundBeschluss, roundOutcome, tallyByHaus } from '../../shared/board/zustimmungTally.ts'
import { pendingConsents } from '../../shared/results/beschlussLife.ts'
import { roundLine } from '../../shared/results/decisions.ts'
import { dokumentation, dokumentationConsents, dokumentationLayout } from '../../shared/results/dokumentation.ts'
import { layoutMarkdown } from '../../shared/results/layout.ts'
import { steuerungsgruppeCells as cells } from '../../shared/templates/steuerungsgruppe.ts'
import { packBoardSummary } from '../../shared/results/packSummary.ts'
import { composeSteeringPack, steeringPackLayout } from '../../shared/results/steeringPack.ts'
import { nameWithOrganisation, nameWithoutOrganisation, organisationIn } from '../../client/nameChoice.ts'
import { build, noteInCell } from './templates/helpers.ts'

const a = (name: string, haus: string, antwort: Answer['antwort']): Answer => ({ name, haus, antwort })

describe('an „Einverstanden?“ round, counted by Haus', () => {
  it('gives each Haus one answer, whoever of it speaks: „JC“ is the Jobcenter, and a Haus not of one mind consults at home', () => {
    const haeuser = tallyByHaus([
      a('Frau Özdemir', 'Jugendamt', 'ja'),
      a('Herr Łukasz', 'Jobcenter', 'ja'),
      a('Frau Berg', 'JC', 'ja'),
      a('Herr Sommer', 'Caritas', 'ja'),
      a('Frau Kern', 'Caritas', 'nein'),
      a('Herr Wolf', 'Landkreis', 'enthaltung'),
    ])
    expect(haeuser).toEqual([
      { haus: 'Caritas', antwort: 'ruecksprache', names: ['Herr Sommer', 'Frau Kern'], uneinig: true },
      { haus: 'Jobcenter', antwort: 'ja', names: ['Herr Łukasz', 'Frau Berg'] },
      { haus: 'Jugendamt', antwort: 'ja', names: ['Frau Özdemir'] },
      { haus: 'Landkreis', antwort: 'enthaltung', names: ['Herr Wolf'] },
    ])
  })

  it('makes a Beschluss when no Haus objects and one agrees; one Nein, or nobody agreeing, makes none', () => {
    expect(roundOutcome([{ antwort: 'ja' }, { antwort: 'enthaltung' }])).toBe('beschlossen')
    expect(roundOutcome([{ antwort: 'ja' }, { antwort: 'ruecksprache' }])).toBe('vorbehaltlich')
    expect(roundOutcome([{ antwort: 'ja' }, { antwort: 'ja' }, { antwort: 'nein' }])).toBe('nicht-beschlossen')
    expect(roundOutcome([{ antwort: 'enthaltung' }])).toBe('nicht-beschlossen')
    expect(roundOutcome([])).toBe('nicht-beschlossen')
  })

  it('a Haus consulting at home makes the Beschluss „vorbehaltlich“, asked from the round’s day: one open item per Haus', () => {
    const haeuser = [
      { haus: 'Caritas', antwort: 'ruecksprache' as const },
      { haus: 'Jobcenter', antwort: 'ja' as const },
      { haus: 'Jugendamt', antwort: 'ruecksprache' as const },
      { haus: 'Landkreis', antwort: 'enthaltung' as const },
    ]
    const terms = roundBeschluss({ gremium: 'steuerungsgruppe', bindewirkung: 'gilt' }, haeuser, '2026-11-28')!
    expect(terms).toEqual({
      gremium: 'steuerungsgruppe',
      bindewirkung: 'vorbehaltlich',
      haeuser: [
        { haus: 'Caritas', zugestimmt: false, seit: '2026-11-28' },
        { haus: 'Jobcenter', zugestimmt: true, seit: '2026-11-28' },
        { haus: 'Jugendamt', zugestimmt: false, seit: '2026-11-28' },
      ],
    })
    const items = pendingConsents([{ ...terms, text: 'Gemeinsame Sprechstunde ab März', where: null }], '2026-11-28')
    expect(items.map((i) => [i.haus, i.since])).toEqual([
      ['Caritas', '2026-11-28'],
      ['Jugendamt', '2026-11-28'],
    ])
    // All agreeing: the Bindewirkung asked, and nothing waits.
    expect(roundBeschluss({ gremium: 'steuerungsgruppe', bindewirkung: 'gilt' }, [{ haus: 'Jobcenter', antwort: 'ja' }], '2026-11-28')).toEqual({ gremium: 'steuerungsgruppe', bindewirkung: 'gilt' })
    expect(roundBeschluss({ gremium: 'steuerungsgruppe', bindewirkung: 'gilt' }, [{ haus: 'Jobcenter', antwort: 'nein' }], '2026-11-28')).toBeNull()
  })

  it('prints what each Haus answered, grouped in the order the answers are offered, in German and English', () => {
    const round = { day: '2026-11-28', haeuser: [{ haus: 'Caritas', antwort: 'ruecksprache' as const }, { haus: 'Jobcenter', antwort: 'ja' as const }, { haus: 'Jugendamt', antwort: 'ja' as const }, { haus: 'Landkreis', antwort: 'enthaltung' as const }] }
    expect(roundLine(round, 'de')).toBe('Einverstanden? am 28.11.2026: Ja – Jobcenter, Jugendamt; Enthaltung – Landkreis; Rücksprache im Haus – Caritas')
    expect(roundLine(round, 'en')).toBe('Agreed? on 2026-11-28: Yes – Jobcenter, Jugendamt; Abstention – Landkreis; Consulting at home – Caritas')
  })
})

describe('the organisation a person answers for', () => {
  it('is the one their name carries in its last brackets, as the name dialog writes it; none, and they are asked', () => {
    expect(organisationIn(nameWithOrganisation('Anna Krüger', 'Jobcenter'))).toBe('Jobcenter')
    expect(organisationIn('Herr Łukasz (Kreis) (Jugendamt)')).toBe('Jugendamt')
    expect(organisationIn('Anna Krüger')).toBe('')
    expect(nameWithoutOrganisation('Anna Krüger (Jobcenter)')).toBe('Anna Krüger')
  })
})

describe('a round on the Steuerungsgruppe’s Beschluss row, into the Dokumentation', () => {
  const shapes = build('steuerungsgruppe', { date: '2026-11-28' }).shapes
  const draft = noteInCell(shapes, cellKey(cells.beschluesse.section, cells.beschluesse.row(1), cells.beschluesse.col.beschluss), 'Gemeinsame Sprechstunde ab März')
  const refused = noteInCell(shapes, cellKey(cells.beschluesse.section, cells.beschluesse.row(2), cells.beschluesse.col.beschluss), 'Zweite Koordinationsstelle beantragen')

  /** A round asked, answered and closed as the relay does it. */
  function closed(doc: Y.Doc, id: string, note: string, answers: Answer[]) {
    startRound(doc, { id, note, question: 'x', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: 1 })
    answers.forEach((answer, i) => writeAnswer(doc, id, `author-${i}`, answer))
    const kept = keptRound(readRound(doc)!, '2026-11-28')
    const terms = roundBeschluss(readRound(doc)!, kept.haeuser, kept.day)
    writeClosed(doc, id, kept.outcome)
    keepRound(doc, kept)
    const marks = markedByRound(readBeschluesse(facilitationMap(doc).get(facilitationKeys.beschluesse)), note, terms)
    if (marks) facilitationMap(doc).set(facilitationKeys.beschluesse, marks)
  }

  it('reads rounds of one day in the order the relay kept them, for every reader, also after restarts changed the relay’s Yjs client', () => {
    const kept = (id: string) => ({ id, note: draft.id, question: 'x', gremium: 'steuerungsgruppe', bindewirkung: 'gilt' as const, day: '2026-11-28', outcome: 'beschlossen' as const, haeuser: [] })
    // The first relay process keeps „zuerst“; a later one, with a higher Yjs client id, keeps „danach“.
    const first = new Y.Doc()
    first.clientID = 100
    keepRound(first, kept('zuerst'))
    const later = new Y.Doc()
    later.clientID = 900
    Y.applyUpdate(later, Y.encodeStateAsUpdate(first))
    keepRound(later, kept('danach'))
    // A reader loading the board afresh integrates the higher client id first: the map's own order is the other way round.
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(later))
    expect(readRounds(reader).map((r) => r.id)).toEqual(['zuerst', 'danach'])
    expect(readRounds(later).map((r) => r.id)).toEqual(['zuerst', 'danach'])
  })

  it('has the last word on its proposal: one agreed and then refused in a second round is marked no more', () => {
    const doc = new Y.Doc()
    closed(doc, 'r1', draft.id, [a('Frau Özdemir', 'Jugendamt', 'ja')])
    expect(readBeschluesse(facilitationMap(doc).get(facilitationKeys.beschluesse)).notes).toEqual([draft.id])
    closed(doc, 'r2', draft.id, [a('Frau Özdemir', 'Jugendamt', 'ja'), a('Herr Łukasz', 'Jobcenter', 'nein')])
    expect(readBeschluesse(facilitationMap(doc).get(facilitationKeys.beschluesse))).toEqual({ notes: [] })
  })

  it('marks the draft with the round’s terms, prints each Haus’ answer with it, lists a consulting Haus as pending, and leaves out a proposal the room refused', () => {
    const doc = new Y.Doc()
    closed(doc, 'r1', draft.id, [a('Frau Özdemir', 'Jugendamt', 'ja'), a('Herr Łukasz', 'Jobcenter', 'ja'), a('Herr Sommer', 'Caritas', 'ruecksprache')])
    closed(doc, 'r2', refused.id, [a('Frau Özdemir', 'Jugendamt', 'ja'), a('Herr Łukasz', 'Jobcenter', 'nein')])
    expect(readRound(doc)).toMatchObject({ id: 'r2', state: 'closed', outcome: 'nicht-beschlossen' })
    const marked = readBeschluesse(facilitationMap(doc).get(facilitationKeys.beschluesse))
    expect(marked.notes).toEqual([draft.id])
    expect(beschlussTerms(marked, draft.id)).toMatchObject({ gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich' })

    const entries = { beschluesse: facilitationMap(doc).get(facilitationKeys.beschluesse), rounds: readRounds(doc) }
    const doku = dokumentation({ id: 'b', title: 'Steuerungsgruppe November' }, [...shapes, draft, refused], entries, '2026-11-28')
    expect(doku.beschluesse.map((b) => b.text)).toEqual(['Gemeinsame Sprechstunde ab März'])
    expect(dokumentationConsents(doku).map((c) => c.haus)).toEqual(['Caritas'])
    const md = layoutMarkdown(dokumentationLayout(doku, 'de'))
    const list = md.slice(md.indexOf('## Beschlüsse'), md.indexOf('\n## ', md.indexOf('## Beschlüsse') + 1))
    expect(list).toContain('Einverstanden? am 28.11.2026: Ja – Jobcenter, Jugendamt; Rücksprache im Haus – Caritas')
    expect(list).not.toContain('Zweite Koordinationsstelle')
    // The refused proposal is in the record too, as refused, with what each Haus answered.
    const refusedPart = md.slice(md.indexOf('## Nicht beschlossen'), md.indexOf('\n## ', md.indexOf('## Nicht beschlossen') + 1))
    expect(refusedPart).toContain('Zweite Koordinationsstelle')
    expect(refusedPart).toContain('Einverstanden? am 28.11.2026: Ja – Jugendamt; Nein – Jobcenter')
    expect(layoutMarkdown(dokumentationLayout(doku, 'en'))).toContain('## Not decided')

    // The steering group's pack (released boards only): the same Beschluss with each Haus' answer, the consulting Haus pending.
    const release = { released: true, day: '2026-11-28', at: 1 }
    const summary = packBoardSummary({ id: 'b', title: 'Steuerungsgruppe November', phase: null, internal: false, records: [...shapes, draft, refused], facilitation: { ...entries, release } }, '2026-11-28')
    const pack = layoutMarkdown(steeringPackLayout(composeSteeringPack({ name: 'Netzwerk Süd', targetGroup: 'Alleinerziehende' }, [summary], '2026-11-28', 'de'), 'de'))
    expect(pack).toContain('Einverstanden? am 28.11.2026: Ja – Jobcenter, Jugendamt; Rücksprache im Haus – Caritas')
    expect(pack).toMatch(/\| Caritas \| Gemeinsame Sprechstunde ab März \|/)
    // And what the room refused, with its board, so the steering group does not read it as still to decide.
    const packRefused = pack.slice(pack.indexOf('## Nicht beschlossen'), pack.indexOf('\n## ', pack.indexOf('## Nicht beschlossen') + 1))
    expect(packRefused).toContain('Zweite Koordinationsstelle')
    expect(packRefused).toContain('Ja – Jugendamt; Nein – Jobcenter')
    expect(packRefused).toContain('Steuerungsgruppe November ·')
  })
})

/** The relay's verdict on `role` writing into the round stored in `board`. */
function judgedRound(board: Y.Doc, role: Role, write: (doc: Y.Doc) => void) {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(board))
  const from = Y.encodeStateVector(client)
  write(client)
  const rehearsal = new Rehearsal(board, () => true)
  try {
    return judgeUpdate(board, rehearsal, Y.encodeStateAsUpdate(client, from), { role, author: 'author-0' })
  } finally {
    rehearsal.destroy()
  }
}

describe('a round’s writes, as the relay judges them', () => {
  const round = (state: 'open' | 'closed') => {
    const board = new Y.Doc()
    startRound(board, { id: 'r1', note: 'shape:a', question: 'Sprechstunde', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: 1 })
    writeAnswer(board, 'r1', 'author-0', a('Frau Özdemir', 'Jugendamt', 'ja'))
    if (state === 'closed') writeClosed(board, 'r1', 'beschlossen')
    return board
  }
  const roundMap = (doc: Y.Doc) => facilitationMap(doc).get(facilitationKeys.zustimmung) as Y.Map<unknown>

  it('a participant neither answers into the document (not even her own) nor closes; an observer writes nothing', () => {
    const own = { 'author-0': a('Frau Özdemir', 'Jugendamt', 'nein') }
    expect(judgedRound(round('open'), 'participant', (doc) => roundMap(doc).set('answers', own))).not.toBeNull()
    expect(judgedRound(round('open'), 'participant', (doc) => roundMap(doc).set('state', 'closed'))).not.toBeNull()
    expect(judgedRound(round('open'), 'observer', (doc) => roundMap(doc).set('answers', own))).not.toBeNull()
  })

  it('the facilitator neither closes it herself, nor writes an answer or the outcome, nor changes what it asked; a closed round stays as it closed', () => {
    expect(judgedRound(round('open'), 'facilitator', (doc) => roundMap(doc).set('state', 'closed'))).not.toBeNull()
    expect(judgedRound(round('open'), 'facilitator', (doc) => roundMap(doc).set('answers', {}))).not.toBeNull()
    expect(judgedRound(round('open'), 'facilitator', (doc) => roundMap(doc).set('outcome', 'beschlossen'))).not.toBeNull()
    expect(judgedRound(round('open'), 'facilitator', (doc) => roundMap(doc).set('question', 'Etwas anderes'))).not.toBeNull()
    expect(judgedRound(round('closed'), 'facilitator', (doc) => roundMap(doc).set('state', 'open'))).not.toBeNull()
    expect(judgedRound(round('closed'), 'facilitator', (doc) => roundMap(doc).delete('answers'))).not.toBeNull()
    // Asking again is a new round; taking the round off the board is hers.
    expect(judgedRound(round('closed'), 'facilitator', (doc) => startRound(doc, { id: 'r2', note: 'shape:a', question: 'Sprechstunde', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: 2 }))).toBeNull()
    expect(judgedRound(round('closed'), 'facilitator', (doc) => facilitationMap(doc).delete(facilitationKeys.zustimmung))).toBeNull()
  })

  it('the relay takes no answer once the round is closed', () => {
    const board = round('closed')
    expect(writeAnswer(board, 'r1', 'author-1', a('Herr Łukasz', 'Jobcenter', 'nein'))).toBe(false)
    expect(Object.keys(readRound(board)!.answers)).toEqual(['author-0'])
  })
})
