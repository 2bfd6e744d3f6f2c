/**
 * What the update rules cost: `checkUpdate` against `Y.applyUpdate` of the same update on the same
 * doc state, measured side by side in one run, so that the ratio holds on a noisy machine where
 * absolute microseconds do not.
 */
import type { TLParentId, TLShape, TLShapeId } from '@tldraw/tlschema'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { judgeUpdate } from '../server/judge/judgeUpdate.ts'
import { Rehearsal } from '../server/judge/rehearsal.ts'
import { checkUpdate } from '../server/judge/updateRules.ts'
import { buildTemplate } from '../shared/templates/instance.ts'
import { templateNames } from '../shared/templates/registry.ts'
import { planTemplate } from '../shared/templates/catalogue.ts'
import { getRecordsMap, recordEntry } from '../shared/board/records.ts'
import { boardState, docFrom, noteRecord, noteText, putRecord, recordUpdates } from './board.ts'
import { median, round } from './stats.ts'

export interface ValidationCase {
  name: string
  /** Updates per round, and their mean size. */
  updates: number
  meanUpdateBytes: number
  rounds: number
  /** Median over rounds of the mean time per update. */
  checkUs: number
  applyUs: number
  /** checkUpdate / applyUpdate: 0.5 means checking costs half of what applying does. */
  ratio: number
  /** The board declaration (judgeUpdate, as a facilitator) on the same updates, and / applyUpdate. */
  judgeUs: number
  judgeRatio: number
}

export interface ValidationResult {
  boardBytes: number
  cases: ValidationCase[]
}

const smallEditCount = 3000
const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc())
/** Template inserts are the facilitator's (or anyone's while unlocked); notes anyone's. */
const facilitator = { role: 'facilitator', author: null } as const
const templateInsertBytes = 1024 * 1024

export function runValidation(): ValidationResult {
  const board = boardState(300)
  return {
    boardBytes: board.byteLength,
    cases: [
      measure('small edits (one note each)', board, smallEdits(board, smallEditCount), { warmup: 2, rounds: 7 }),
      measure('~1 MB template insert', board, [templateInsert(board)], { warmup: 3, rounds: 11 }),
    ],
  }
}

/** A participant's edits, one update each: every other one adds a note, the others move the note just added. */
function smallEdits(board: Uint8Array, count: number): Uint8Array[] {
  const writer = docFrom(board)
  const updates = recordUpdates(writer)
  for (let i = 0; i < count; i++) {
    const n = i - (i % 2)
    const id = `shape:edit-${n}`
    // A move replaces the note's x: the update then holds a deletion too, as dragging a note does.
    putRecord(writer, noteRecord(id, noteText(n), (n % 40) * 220 + (i % 2) * 40, 5000 + Math.floor(n / 40) * 220))
  }
  writer.destroy()
  return updates
}

/** Templates side by side in one transaction (as the Vorlagen panel inserts one) until ~1 MB. */
function templateInsert(board: Uint8Array): Uint8Array {
  const writer = docFrom(board)
  const updates = recordUpdates(writer)
  const shapes: TLShape[] = []
  // Sized by the records' encoded content, which is what dominates the update.
  const content = encoding.createEncoder()
  for (let k = 0; encoding.length(content) < templateInsertBytes; k++) {
    const plan = planTemplate(templateNames[k % templateNames.length], {}, 'de')
    let n = 0
    const built = buildTemplate(plan, {
      locale: 'de',
      origin: { x: (k % 6) * 6000, y: 20_000 + Math.floor(k / 6) * 6000 },
      parentId: 'page:page' as TLParentId,
      instance: `bench-${k}`,
      newShapeId: () => `shape:insert-${k}-${n++}` as TLShapeId,
    })
    shapes.push(...built)
    for (const shape of built) encoding.writeAny(content, shape as unknown as encoding.AnyEncodable)
  }
  writer.transact(() => {
    const map = getRecordsMap(writer)
    for (const shape of shapes) map.set(shape.id, recordEntry(shape))
  })
  writer.destroy()
  return updates[0]
}

/**
 * Each round starts from two fresh copies of the board: one is checked (then the update applied,
 * untimed, so the next check sees the state Room would have), the other only applied. Both timed
 * calls thus see the same doc state. Warm-up rounds let V8 optimise both paths first.
 */
function measure(
  name: string,
  board: Uint8Array,
  updates: Uint8Array[],
  { warmup, rounds }: { warmup: number; rounds: number },
): ValidationCase {
  const checkUs: number[] = []
  const applyUs: number[] = []
  const judgeUs: number[] = []
  for (let r = 0; r < warmup + rounds; r++) {
    const checked = docFrom(board)
    const applied = docFrom(board)
    // The board takes only what was rehearsed; the copy is made once per board, outside the timing.
    const rehearsal = new Rehearsal(checked, () => true)
    rehearsal.rehearse(emptyUpdate)
    let check = 0
    let apply = 0
    let judge = 0
    for (const update of updates) {
      const t0 = performance.now()
      const verdict = checkUpdate(checked, update)
      const t1 = performance.now()
      Y.applyUpdate(applied, update)
      const t2 = performance.now()
      // A rejected update would measure the early exit, not the check.
      if (!verdict.ok || !verdict.changes) throw new Error(`${name}: update not accepted (${JSON.stringify(verdict)})`)
      const refusal = judgeUpdate(checked, rehearsal, update, facilitator)
      const t3 = performance.now()
      if (refusal) throw new Error(`${name}: update refused (${refusal.reason})`)
      Y.applyUpdate(checked, update)
      check += t1 - t0
      apply += t2 - t1
      judge += t3 - t2
    }
    rehearsal.destroy()
    checked.destroy()
    applied.destroy()
    if (r < warmup) continue
    checkUs.push((check * 1000) / updates.length)
    applyUs.push((apply * 1000) / updates.length)
    judgeUs.push((judge * 1000) / updates.length)
  }
  const check = median(checkUs)
  const apply = median(applyUs)
  const judge = median(judgeUs)
  return {
    name,
    updates: updates.length,
    meanUpdateBytes: Math.round(updates.reduce((sum, u) => sum + u.byteLength, 0) / updates.length),
    rounds,
    checkUs: round(check),
    applyUs: round(apply),
    ratio: round(check / apply),
    judgeUs: round(judge),
    judgeRatio: round(judge / apply),
  }
}
