/**
 * Board document format 1 (each record one JSON value) against format 2 (a map per record, so
 * properties merge), in one run: what a 5,000-shape board weighs and costs to open, what moving
 * one note sends, and what the relay spends on such an update.
 */
import * as Y from 'yjs'
import { readRecords } from '../shared/board/records.ts'
import { judgeUpdate } from '../server/judge/judgeUpdate.ts'
import { Rehearsal } from '../server/judge/rehearsal.ts'
import { checkUpdate } from '../server/judge/updateRules.ts'
import { boardState, docFrom, noteRecord, noteText, putRecord, recordUpdates, type DocumentFormat } from './board.ts'
import { median, round } from './stats.ts'

export interface FormatFigures {
  format: DocumentFormat
  shapes: number
  boardBytes: number
  /** Y.applyUpdate of the whole board into an empty doc, then every record read as JSON. */
  coldLoadMs: number
  /** One participant moving one note: the update a client sends. */
  moveBytes: number
  /** The relay's work for that update: checkUpdate, then Y.applyUpdate. */
  relayUsPerMove: number
  /** The same with the board declaration judged in between, as the relay does (format 2 only). */
  relayWithDeclarationUsPerMove: number | null
}

export interface FormatComparison {
  formats: [FormatFigures, FormatFigures]
  /** Format 2 / format 1; the last one is format 2 with the declaration / format 1 without. */
  ratios: { boardBytes: number; coldLoad: number; moveBytes: number; relayPerMove: number; relayWithDeclaration: number }
}

const shapes = 5000
const moves = 500
const participant = { role: 'participant', author: null } as const

export function runDocumentFormat(): FormatComparison {
  const figures = ([1, 2] as const).map(measureFormat) as [FormatFigures, FormatFigures]
  const [one, two] = figures
  return {
    formats: figures,
    ratios: {
      boardBytes: round(two.boardBytes / one.boardBytes),
      coldLoad: round(two.coldLoadMs / one.coldLoadMs),
      moveBytes: round(two.moveBytes / one.moveBytes),
      relayPerMove: round(two.relayUsPerMove / one.relayUsPerMove),
      relayWithDeclaration: round(two.relayWithDeclarationUsPerMove! / one.relayUsPerMove),
    },
  }
}

function measureFormat(format: DocumentFormat): FormatFigures {
  const board = boardState(shapes, format)
  const loads: number[] = []
  for (let round = 0; round < 7; round++) {
    const t0 = performance.now()
    const doc = docFrom(board)
    const { records } = readRecords(doc)
    const elapsed = performance.now() - t0
    if (records.length < shapes) throw new Error(`format ${format}: only ${records.length} records read`)
    doc.destroy()
    if (round >= 2) loads.push(elapsed)
  }

  // A participant drags notes about, one update per drop.
  const writer = docFrom(board)
  const updates = recordUpdates(writer)
  for (let i = 0; i < moves; i++) {
    const id = `shape:note-${i}`
    putRecord(writer, noteRecord(id, noteText(i), (i % 20) * 220 + 77, Math.floor(i / 20) * 220 + 55), format)
  }
  writer.destroy()
  if (updates.length !== moves) throw new Error(`format ${format}: ${updates.length} updates for ${moves} moves`)

  const relayUs = (judge: boolean) => {
    const rounds: number[] = []
    for (let round = 0; round < 5; round++) {
      const relayDoc = docFrom(board)
      const rehearsal = new Rehearsal(relayDoc, () => true)
      rehearsal.rehearse(Y.encodeStateAsUpdate(new Y.Doc()))
      const t0 = performance.now()
      for (const update of updates) {
        const verdict = checkUpdate(relayDoc, update)
        if (!verdict.ok) throw new Error(`format ${format}: a move was rejected`)
        if (judge && judgeUpdate(relayDoc, rehearsal, update, participant)) throw new Error(`format ${format}: a move was refused`)
        Y.applyUpdate(relayDoc, update)
      }
      rounds.push(((performance.now() - t0) * 1000) / updates.length)
      rehearsal.destroy()
      relayDoc.destroy()
    }
    return round(median(rounds.slice(1)))
  }
  return {
    format,
    shapes,
    boardBytes: board.byteLength,
    coldLoadMs: round(median(loads)),
    moveBytes: Math.round(updates.reduce((sum, u) => sum + u.byteLength, 0) / updates.length),
    relayUsPerMove: relayUs(false),
    // Format 1 records are refused by the declaration: only format 2 is judged.
    relayWithDeclarationUsPerMove: format === 2 ? relayUs(true) : null,
  }
}
