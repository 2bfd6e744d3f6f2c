/**
 * Where a carried Zettel came from, as its meta keeps it (`carryOver.ts` carries): apart from the
 * carrying, which knows every template's routes and export gate, so that the canvas' marks read it
 * without loading a template (issue 64).
 */
import { writerName } from '../board/entries/writers.ts'
import { carriedFromKey } from '../board/carriedWriter.ts'
import { carriedParts, type CarriedPart } from './carryRoute.ts'

export interface CarriedFrom {
  instance: string
  note: string
  /** The route it came along (notes carried before routes had ids have none). */
  route?: string
  /** The board it came from, when another board of the network (none: this board). */
  board?: string
  /** What the source note said when carried (clipped to `maxCarriedText`; older carries have none). */
  text?: string
  /** The source board's title when carried (another board only). */
  boardTitle?: string
  /** The source template's title when carried (with its date, as the facilitator named it). */
  title?: string
  /** The source's day, `YYYY-MM-DD`: its template's own date, else its meeting's, else the day it was carried. */
  day?: string
  /** A companion (who, by when, indicator) of the carried note `item` of the same source. */
  part?: CarriedPart
  item?: string
  /** Who wrote the source Zettel, as its board recorded her name (`board/entries/writers.ts`); never from a case board. */
  writer?: string
}

/** A Zettel's text as its provenance keeps it: a shape's meta is a bounded JSON value. */
export const maxCarriedText = 1000
/** Titles and ids in a provenance: a board's title is at most 200, a shape id far less. */
export const maxCarriedName = 200
export const clipped = (text: string, max = maxCarriedText) => (text.length > max ? text.slice(0, max) : text)
export const isDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
export const carriedName = (value: unknown) => (typeof value === 'string' && value.trim() ? clipped(value, maxCarriedName) : undefined)

export const carriedFrom = (meta: unknown): CarriedFrom | undefined => {
  const value = (meta as Record<string, unknown> | undefined)?.[carriedFromKey] as Partial<CarriedFrom> | undefined
  if (!value || typeof value.instance !== 'string' || typeof value.note !== 'string') return undefined
  return {
    instance: value.instance,
    note: value.note,
    ...(typeof value.route === 'string' ? { route: value.route } : {}),
    ...(typeof value.board === 'string' ? { board: value.board } : {}),
    ...(typeof value.text === 'string' ? { text: clipped(value.text) } : {}),
    ...(carriedName(value.boardTitle) ? { boardTitle: carriedName(value.boardTitle) } : {}),
    ...(carriedName(value.title) ? { title: carriedName(value.title) } : {}),
    ...(isDay(value.day) ? { day: value.day } : {}),
    ...(carriedParts.includes(value.part as CarriedPart) && typeof value.item === 'string' ? { part: value.part, item: clipped(value.item, maxCarriedName) } : {}),
    ...(writerName(value.writer) ? { writer: writerName(value.writer) } : {}),
  }
}
