/**
 * The meeting's record of votes (`shared/board/entries/voteRecord.ts`) and what the Dokumentation
 * makes of it: every revealed vote kept when the next starts, a board's vote of the old shape
 * read as kept, the bound, and each vote in the Markdown and the PDF's layout with its question,
 * scope, ranking and how many dots from how many people (counts only); how large a ranking
 * stands on the wall, and what a phone's list shows of a vote (nothing before the reveal).
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { facilitationMap } from '../../../shared/board/facilitation.ts'
import { closeVote, hideVote, readVote, startVote, writeResults, type VoteScope } from '../../../shared/board/entries/vote.ts'
import {
  forgetVote,
  keepVote,
  keptVote,
  maxKeptVotes,
  oldestForgettable,
  readVotes,
  recordHasRoom,
  removeVoteAndResult,
  revealAndKeep,
  voteRecordEntry,
} from '../../../shared/board/entries/voteRecord.ts'
import { countBallots, givenText, voteHeading } from '../../../shared/results/voting.ts'
import { dokumentation, dokumentationLayout, dokumentationMarkdown } from '../../../shared/results/dokumentation.ts'
import { exportBoard, renderExport } from '../../../shared/results/export.ts'
import { noteAt } from '../templates/helpers.ts'
import { wallRanking, wallRankingSizes } from '../../../client/facilitation/wallRanking.ts'
import { listedResult } from '../../../client/beitragen/voteResult.ts'

const board: VoteScope = { kind: 'board' }
const at = (minute: number) => Date.UTC(2026, 10, 26, 10, minute)

/** A vote started, voted and revealed as the relay reveals it. */
function voteOn(doc: Y.Doc, id: string, minute: number, ballots: Array<Record<string, number>>, question?: string) {
  startVote(doc, { id, dotsPerPerson: 3, scope: board, startedAt: at(minute), question })
  const { results, participation } = countBallots(ballots)
  expect(revealAndKeep(doc, id, results, participation)).toBe(true)
}

describe('the record of votes', () => {
  it('keeps every revealed vote: a new vote replaces the current one, not the earlier results', () => {
    const doc = new Y.Doc()
    voteOn(doc, 'v1', 0, [{ 'shape:a': 2, 'shape:b': 1 }, { 'shape:a': 1 }], '  Was packen wir zuerst an?  ')
    closeVote(doc, 'v1')
    voteOn(doc, 'v2', 30, [{ 'shape:c': 3 }])
    expect(readVote(doc)?.id).toBe('v2')
    expect(readVotes(doc)).toEqual([
      { id: 'v1', question: 'Was packen wir zuerst an?', dotsPerPerson: 3, scope: board, startedAt: at(0), participation: { voters: 2, dots: 4 }, results: { 'shape:a': 3, 'shape:b': 1 } },
      { id: 'v2', dotsPerPerson: 3, scope: board, startedAt: at(30), participation: { voters: 1, dots: 3 }, results: { 'shape:c': 3 } },
    ])
  })

  it('takes nothing before the reveal, and a vote that is no longer open not again', () => {
    const doc = new Y.Doc()
    startVote(doc, { id: 'v1', dotsPerPerson: 3, scope: board, startedAt: at(0) })
    expect(readVotes(doc)).toEqual([])
    expect(revealAndKeep(doc, 'v1', { 'shape:a': 1 }, { voters: 1, dots: 1 })).toBe(true)
    expect(revealAndKeep(doc, 'v1', { 'shape:a': 9 }, { voters: 9, dots: 9 })).toBe(false)
    expect(readVotes(doc).map((v) => v.results)).toEqual([{ 'shape:a': 1 }])
  })

  it('reads a board that holds one vote in the old shape, and lists it once when the relay has kept it', () => {
    const doc = new Y.Doc()
    startVote(doc, { id: 'old', dotsPerPerson: 2, scope: board, startedAt: at(0) })
    // The relay before the record wrote the result into the vote alone.
    writeResults(doc, 'old', { 'shape:a': 2 }, { voters: 1, dots: 2 })
    expect(voteRecordEntry.get(doc)).toBeUndefined()
    expect(readVotes(doc).map((v) => [v.id, v.results])).toEqual([['old', { 'shape:a': 2 }]])
    keepVote(doc, keptVote(readVote(doc)!)!)
    expect(readVotes(doc).map((v) => v.id)).toEqual(['old'])
    // An open vote of either shape is no result yet.
    startVote(doc, { id: 'next', dotsPerPerson: 2, scope: board, startedAt: at(5) })
    expect(readVotes(doc).map((v) => v.id)).toEqual(['old'])
  })

  it('„Ergebnis löschen“ takes a vote out of the record; an unreadable kept vote drops only itself', () => {
    const doc = new Y.Doc()
    voteOn(doc, 'v1', 0, [{ 'shape:a': 1 }])
    voteOn(doc, 'v2', 10, [{ 'shape:b': 1 }])
    voteRecordEntry.map(doc)!.set('broken', { id: 'broken', results: 'viele' })
    expect(readVotes(doc).map((v) => v.id)).toEqual(['v1', 'v2'])
    expect(removeVoteAndResult(doc, 'v2')).toBe(true)
    expect(readVote(doc)).toBeUndefined()
    expect(readVotes(doc).map((v) => v.id)).toEqual(['v1'])
    forgetVote(doc, 'v1')
    expect(readVotes(doc)).toEqual([])
  })

  it(`is bounded: at ${maxKeptVotes} kept votes it has no room for another`, () => {
    const doc = new Y.Doc()
    for (let i = 0; i < maxKeptVotes - 1; i++) voteOn(doc, `v${i}`, i, [{ 'shape:a': 1 }])
    expect(recordHasRoom(doc)).toBe(true)
    voteOn(doc, 'last', 59, [{ 'shape:a': 1 }])
    expect(recordHasRoom(doc)).toBe(false)
    forgetVote(doc, 'v0')
    expect(recordHasRoom(doc)).toBe(true)
  })

  it('„Ältestes löschen“ takes the first started out, never the vote still on the board (it would be listed and kept again)', () => {
    const doc = new Y.Doc()
    voteOn(doc, 'early', 10, [{ 'shape:a': 1 }])
    // The vote on the board was started on a clock running behind: the first by `startedAt`.
    voteOn(doc, 'current', 1, [{ 'shape:a': 1 }])
    const oldest = oldestForgettable(voteRecordEntry.get(doc) ?? [], readVote(doc)?.id)
    expect(oldest?.id).toBe('early')
    forgetVote(doc, oldest!.id)
    expect(readVotes(doc).map((v) => v.id)).toEqual(['current'])
  })

  it('holds counts only: no ballot, no voter, no note a vote did not count', () => {
    const doc = new Y.Doc()
    voteOn(doc, 'v1', 0, [{ 'shape:a': 2 }, { 'shape:a': 1, 'shape:b': 1 }])
    const stored = JSON.stringify((facilitationMap(doc).get('voteRecord') as Y.Map<unknown>).toJSON())
    expect(JSON.parse(stored)).toEqual({ v1: { id: 'v1', dotsPerPerson: 3, scope: board, startedAt: at(0), participation: { voters: 2, dots: 4 }, results: { 'shape:a': 3, 'shape:b': 1 } } })
  })
})

describe('every vote in the Dokumentation', () => {
  const a = noteAt(0, 0, 'Gemeinsame Fallkonferenz')
  const b = noteAt(300, 0, 'Lotsin im Stadtteil')
  const c = noteAt(600, 0, 'Fonds für Notfälle')
  const records = [a, b, c]
  const day = '2026-11-26'
  const twoVotes = () => {
    const doc = new Y.Doc()
    voteOn(doc, 'v1', 0, [{ [a.id]: 2, [b.id]: 1 }, { [a.id]: 1, [c.id]: 2 }], 'Was packen wir zuerst an?')
    voteOn(doc, 'v2', 45, [{ [b.id]: 1 }, { [c.id]: 1 }])
    return readVotes(doc)
  }

  it('lists each vote: its question, scope, ranked result and how many dots from how many people', () => {
    const made = dokumentation({ id: 'b', title: 'Netzwerktreffen' }, records, { votes: twoVotes() }, day)
    const markdown = dokumentationMarkdown(made, 'de')
    expect(markdown).toContain(
      [
        '## Punktabfrage 1: Was packen wir zuerst an?',
        '',
        'Bereich: Ganzes Board · Punkte pro Person: 3 · 6 Punkte von 2 Personen',
        '',
        '| Rang | Zettel | Punkte |',
        '| --- | --- | --- |',
      ].join('\n'),
    )
    // Most dots first; equal counts share a rank. The first vote's ranking, then the second's.
    const rows = markdown.split('\n').filter((line) => /^\| \d/.test(line))
    expect(rows.slice(0, 3)).toEqual(['| 1 | Gemeinsame Fallkonferenz | 3 |', '| 2 | Fonds für Notfälle | 2 |', '| 3 | Lotsin im Stadtteil | 1 |'])
    expect(rows.slice(3).sort()).toEqual(['| 1 | Fonds für Notfälle | 1 |', '| 1 | Lotsin im Stadtteil | 1 |'])
    expect(markdown).toContain('## Punktabfrage 2\n\nBereich: Ganzes Board · Punkte pro Person: 3 · 2 Punkte von 2 Personen')
    // The PDF is laid out from the same blocks: both votes there, in English too.
    const headings = dokumentationLayout(made, 'en').blocks.filter((block) => block.kind === 'heading').map((block) => (block as { text: string }).text)
    expect(headings.filter((text) => text.startsWith('Dot vote'))).toEqual(['Dot vote 1: Was packen wir zuerst an?', 'Dot vote 2'])
  })

  it('the board export lists both too, as Markdown, CSV and JSON', () => {
    const data = exportBoard({ id: 'b', title: 'Netzwerktreffen' }, records, twoVotes())
    expect(data.votes?.map((v) => [v.question, v.voters, v.dots])).toEqual([
      ['Was packen wir zuerst an?', 2, 6],
      ['', 2, 2],
    ])
    expect(renderExport(data, 'md', 'de').match(/^## Punktabfrage.*$/gm)).toEqual(['## Punktabfrage 1: Was packen wir zuerst an?', '## Punktabfrage 2'])
    expect(renderExport(data, 'csv', 'de')).toContain('Punktabfrage 2\r\nBereich;Ganzes Board\r\nPunkte pro Person;3\r\nTeilgenommen haben;2\r\nPunkte;2\r\nRang;Zettel;Punkte\r\n1;')
  })

  it('words a vote by the language: one is not numbered; counted words follow the plural rules', () => {
    expect(voteHeading('', 0, 1, 'de')).toBe('Punktabfrage')
    expect(voteHeading('Wohin?', 0, 1, 'de')).toBe('Punktabfrage: Wohin?')
    expect(givenText(1, 1, 'de')).toBe('1 Punkt von 1 Person')
    expect(givenText(6, 2, 'de')).toBe('6 Punkte von 2 Personen')
    expect(givenText(0, 0, 'de')).toBe('0 Punkte von 0 Personen')
    expect(givenText(1, 1, 'en')).toBe('1 dot from 1 person')
    expect(givenText(1200, 3, 'en')).toBe('1,200 dots from 3 people')
  })
})

describe('a result on the wall and in the list', () => {
  // The safe area's height on a 1920×1080 projector (beamerView.ts): 90 % of 1080.
  const wall = 1080 * 0.9

  it('stands as large as its rows allow, never under the least type; past that, the rest is counted', () => {
    const { maxPx, minPx } = wallRankingSizes
    expect(wallRanking(wall, 3)).toEqual({ font: maxPx, rows: 3 })
    const twelve = wallRanking(wall, 12)
    expect(twelve.rows).toBe(12)
    expect(twelve.font).toBeGreaterThanOrEqual(minPx)
    expect(twelve.font).toBeLessThan(maxPx)
    const many = wallRanking(wall, 60)
    expect(many.font).toBe(minPx)
    expect(many.rows).toBeLessThan(60)
    // What it shows, and the line counting the rest, fit the height at that type.
    const { headEm, rowEm } = wallRankingSizes
    expect((headEm + rowEm * (many.rows + 1)) * minPx).toBeLessThanOrEqual(wall)
    for (let n = 1; n <= 80; n++) {
      const { font, rows } = wallRanking(wall, n)
      expect((headEm + rowEm * (rows + (rows < n ? 1 : 0))) * font, `${n} rows`).toBeLessThanOrEqual(wall)
    }
  })

  it('a phone’s list: nothing while the vote is open or hidden; after the reveal the ranking with texts and each Zettel’s dots', () => {
    const doc = new Y.Doc()
    const a = noteAt(0, 0, 'Gemeinsame Fallkonferenz')
    const b = noteAt(300, 0, 'Lotsin im Stadtteil')
    const records = [a, b]
    startVote(doc, { id: 'v1', dotsPerPerson: 3, scope: board, startedAt: at(0), question: 'Was zuerst?' })
    expect(listedResult(readVote(doc), records)).toBeUndefined()
    revealAndKeep(doc, 'v1', { [a.id]: 1, [b.id]: 4, 'shape:gone': 1 }, { voters: 2, dots: 6 })
    const shown = listedResult(readVote(doc), records)!
    expect(shown.question).toBe('Was zuerst?')
    expect(shown.ranking).toEqual([
      { id: b.id, rank: 1, count: 4, text: 'Lotsin im Stadtteil' },
      { id: a.id, rank: 2, count: 1, text: 'Gemeinsame Fallkonferenz' },
      { id: 'shape:gone', rank: 2, count: 1, text: null },
    ])
    expect(shown.counts.get(b.id)).toBe(4)
    closeVote(doc, 'v1')
    expect(listedResult(readVote(doc), records)?.counts.get(a.id)).toBe(1)
    hideVote(doc, 'v1', true)
    expect(listedResult(readVote(doc), records)).toBeUndefined()
  })
})
