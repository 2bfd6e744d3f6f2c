/**
 * „Übernehmen nach …“ without a browser, for server facts about carried Zettel (what the
 * Dokumentation, the pack and the network's since-last-visit make of them): the carry the board
 * page makes (`client/templates/carryNotes.ts`), planned by the same pure function (`planCarry`)
 * from what the relay offers to carry (`GET /api/boards/:id/carry-source`, the source board's
 * facilitator link), its Zettel written into the target's cells with a real y-websocket client.
 * The clicks and what the panel says are the browser's (`test/browser/carry*.test.ts`).
 */
import type { TLShape } from '@tldraw/tlschema'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { carriedDay, carriedFrom, carriedFromKey, carryRoutes, planCarry, type TargetNote } from '../../shared/results/carryOver.ts'
import { CarrySourceBoard, carrySourcePath } from '../../shared/results/carrySource.ts'
import { shapeText, templateViews } from '../../shared/results/export.ts'
import { localDay } from '../../shared/dates.ts'
import { apiFetch, untilHeld, type HttpRelay, type TestClient } from './clients.ts'
import { noteAt, putRecords, recordsIn } from './records.ts'

export interface CarrySourceLink {
  id: string
  /** The source board's facilitator link (the network hands it to its coordinator). */
  token: string
}

/**
 * Carries along `routeId` from the source board's template into the target instance on the board
 * `writer` is connected to; `sameBoard`: the source is that board itself (a carry between pages).
 * Waits until `reader`, a second client on the target board, holds the carried Zettel: the relay
 * has them. Returns how many Zettel were written (0: nothing new to carry).
 */
export async function carryWithClient(relay: HttpRelay, writer: TestClient, reader: TestClient, routeId: string, source: CarrySourceLink, sameBoard = false): Promise<number> {
  const route = carryRoutes.find((r) => r.id === routeId)
  if (!route) throw new Error(`no carry route ${routeId}`)
  const response = await apiFetch(relay, carrySourcePath(source.id), { headers: { authorization: `Bearer ${source.token}` } })
  if (response.status !== 200) throw new Error(`carry source: ${response.status}`)
  const offered = CarrySourceBoard.parse(await response.json())
  const from = offered.templates.find((t) => t.template === route.from)
  if (!from) throw new Error(`no ${route.from} on ${offered.board.title}`)

  const records = recordsIn<TLShape>(writer.doc)
  const target = templateViews(records).find(({ instance }) => instance.template === route.to)
  if (!target) throw new Error(`no ${route.to} on the target board`)
  const { instance, view } = target
  // What lies in the target's cells now, each with where it came from (as the board page reads it).
  const targetNotes: TargetNote[] = [...view.shapes.values()].flatMap((shape) => {
    if (shape.type !== 'note' || scaffoldMeta(shape)) return []
    const cell = view.cellOf(shape)
    const key = cell && scaffoldMeta(cell.shape)?.key
    return key ? [{ cellKey: key, text: shapeText(shape) ?? '', from: carriedFrom(shape.meta) }] : []
  })
  const { planned } = planCarry(route, {
    sourceInstance: from.instance,
    ...(sameBoard ? {} : { sourceBoard: offered.board.id, sourceBoardTitle: offered.board.title }),
    sourceTitle: from.title || from.template,
    sourceDay: carriedDay(from.day, localDay(new Date())),
    sourceOptions: from.options,
    sourceNotes: from.notes,
    sourceHeld: from.held,
    targetOptions: instance.options,
    targetLocale: instance.locale,
    targetKeys: new Set(instance.shapes.keys()),
    targetNotes,
  })
  // Into the middle of each target cell, one below the other, as `writeIntoCell` stacks them.
  const inCell = new Map<string, number>()
  const notes = planned.map(({ cellKey, text, from: origin }) => {
    const cell = instance.shapes.get(cellKey)!
    const { w, h } = cell.props as { w: number; h: number }
    const n = inCell.get(cellKey) ?? 0
    inCell.set(cellKey, n + 1)
    const note = noteAt(cell.x + w / 2 + n * 12, cell.y + Math.min(h / 2, 110) + n * 12, text)
    return { ...note, meta: { [carriedFromKey]: { ...origin } } }
  })
  putRecords(writer.doc, notes)
  await untilHeld(reader.doc, notes)
  return notes.length
}
