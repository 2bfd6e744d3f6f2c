/**
 * Search on a large board (`shared/results/boardTexts.ts`): a Planspiel with 2,000 notes and 200
 * comments. Two figures, each against a baseline in the same run:
 *  - reading the board for search (every text with its page, template and cell, folded), once
 *    cold and once again with the texts folded before remembered (what the open panel does after
 *    each burst of changes), against reading every record of the board's Y.Doc (what a client
 *    does to show the board at all);
 *  - one query (what each keystroke costs), German-aware (umlauts, ß, accents, several words),
 *    against a plain `toLowerCase().includes` over the same texts.
 * Alone: `node --import tsx bench/search.ts`.
 */
import { boardTexts, searchBoard } from '../shared/results/boardTexts.ts'
import type { Comment } from '../shared/board/comments.ts'
import { foldText, type FoldedText } from '../shared/board/textMatch.ts'
import { readRecords } from '../shared/board/records.ts'
import { boardState, docFrom } from './board.ts'
import { median, round } from './stats.ts'

export interface SearchFigures {
  notes: number
  comments: number
  items: number
  /** Reading every record of the doc, median ms. */
  readRecordsMs: number
  /** boardTexts over those records and the comments, median ms. */
  indexMs: number
  /** The same again with the texts folded before remembered, as the open panel reads after a change. */
  reindexMs: number
  /** Per query, median µs: plain includes, and searchBoard. */
  plainQueryUs: number
  queryUs: number
  queries: string[]
  ratios: { indexVsReadRecords: number; reindexVsReadRecords: number; queryVsPlain: number }
}

const notes = 2000
const commentCount = 200
/** Typed as people type: a name with an umlaut spelled out, a word found everywhere, two words, nothing. */
const queries = ['mueller', 'klaren', 'partner 1999', 'strasse', 'jugendberufsagentur ansprechperson', 'xyz']

export function runSearch(): SearchFigures {
  const state = boardState(notes)
  const comments = new Map<string, Comment>()
  for (let i = 0; i < commentCount; i++) {
    comments.set(`c${i}`, {
      author: 'a1',
      name: 'Anna',
      text: i % 2 ? `Wer fragt bei Frau Müller nach? (${i})` : `Straßensozialarbeit einladen (${i})`,
      at: i,
      target: { kind: 'shape', shapeId: `shape:note-${i * 7}`, pageId: 'page:page' },
    })
  }

  const reads: number[] = []
  const indexes: number[] = []
  const reindexes: number[] = []
  const remembered = new Map<string, FoldedText>()
  const fold = (text: string) => remembered.get(text) ?? remembered.set(text, foldText(text)).get(text)!
  let records: unknown[] = []
  let items = boardTexts([], comments)
  for (let round = 0; round < 9; round++) {
    const doc = docFrom(state)
    const t0 = performance.now()
    records = readRecords(doc).records
    const t1 = performance.now()
    items = boardTexts(records, comments)
    const t2 = performance.now()
    boardTexts(records, comments, fold)
    const t3 = performance.now()
    boardTexts(records, comments, fold)
    const t4 = performance.now()
    doc.destroy()
    if (round >= 2) {
      reads.push(t1 - t0)
      indexes.push(t2 - t1)
      reindexes.push(t4 - t3)
    }
  }
  if (items.length < notes + commentCount) throw new Error(`only ${items.length} texts read`)

  const plainTexts = items.map((item) => item.text.toLowerCase())
  const plain = (query: string) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    let found = 0
    for (const text of plainTexts) if (words.every((word) => text.includes(word))) found++
    return found
  }
  const timeQueries = (run: (query: string) => number) => {
    const rounds: number[] = []
    for (let round = 0; round < 25; round++) {
      const t0 = performance.now()
      for (const query of queries) run(query)
      if (round >= 5) rounds.push(((performance.now() - t0) * 1000) / queries.length)
    }
    return median(rounds)
  }
  const plainQueryUs = timeQueries(plain)
  const queryUs = timeQueries((query) => searchBoard(items, query).length)
  // The German-aware search finds what the plain one finds, and more.
  for (const query of queries) {
    if (searchBoard(items, query).length < plain(query)) throw new Error(`"${query}": fewer results than a plain search`)
  }
  const readRecordsMs = median(reads)
  const indexMs = median(indexes)
  const reindexMs = median(reindexes)
  return {
    notes,
    comments: commentCount,
    items: items.length,
    readRecordsMs: round(readRecordsMs),
    indexMs: round(indexMs),
    reindexMs: round(reindexMs),
    plainQueryUs: round(plainQueryUs),
    queryUs: round(queryUs),
    queries,
    ratios: { indexVsReadRecords: round(indexMs / readRecordsMs), reindexVsReadRecords: round(reindexMs / readRecordsMs), queryVsPlain: round(queryUs / plainQueryUs) },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = runSearch()
  console.log(JSON.stringify(figures, null, 2))
  console.log(
    `search on a ${figures.notes}-note board (${figures.items} texts): reading it for search ${figures.indexMs} ms vs reading its records ${figures.readRecordsMs} ms (ratio ${figures.ratios.indexVsReadRecords}; again after a change ${figures.reindexMs} ms, ratio ${figures.ratios.reindexVsReadRecords}); ` +
      `a query ${figures.queryUs} µs vs a plain includes ${figures.plainQueryUs} µs (ratio ${figures.ratios.queryVsPlain})`,
  )
}
