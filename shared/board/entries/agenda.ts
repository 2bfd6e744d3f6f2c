/**
 * The facilitator's own agenda, for a meeting that follows no template (a steering group's
 * Begrüßung, Bericht, Beschlüsse…): `facilitation.agenda` holds `{ items: [{ id, text,
 * minutes? }] }`, written whole by the facilitator. Making an item the current step uses the
 * template steps' `facilitation.step` with the reserved instance `agenda` and the key
 * `step:<item id>`.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'
import { stepKeyPrefix, type CurrentStep } from './step.ts'

export const freeAgendaInstance = 'agenda'
export const maxAgendaItems = 30

export const AgendaItem = z.object({
  id: z.string().min(1).max(40),
  text: z.string().trim().min(1).max(120),
  minutes: z.number().int().min(1).max(480).optional(),
})
export type AgendaItem = z.infer<typeof AgendaItem>

export const FreeAgenda = z.object({ items: z.array(AgendaItem).max(maxAgendaItems) })
export type FreeAgenda = z.infer<typeof FreeAgenda>

export const agendaEntry = defineEntry({
  key: 'agenda',
  schema: FreeAgenda,
  default: [] as AgendaItem[],
  read: (agenda) => agenda.items,
  // An empty agenda is no agenda.
  write: (agenda) => (agenda.items.length > 0 ? agenda : null),
  mayWrite: isFacilitator,
})

export const readFreeAgenda = agendaEntry.read

/** The agenda with one more item at the end; unchanged when full or the text is blank. */
export function addAgendaItem(items: readonly AgendaItem[], id: string, text: string, minutes?: number): FreeAgenda {
  const item = AgendaItem.safeParse({ id, text: text.slice(0, 120), ...(minutes ? { minutes } : {}) })
  if (!item.success || items.length >= maxAgendaItems) return { items: [...items] }
  return { items: [...items, item.data] }
}

export const removeAgendaItem = (items: readonly AgendaItem[], id: string): FreeAgenda => ({ items: items.filter((i) => i.id !== id) })

/** The item moved one place up (-1) or down (+1). */
export function moveAgendaItem(items: readonly AgendaItem[], id: string, by: -1 | 1): FreeAgenda {
  const list = [...items]
  const from = list.findIndex((i) => i.id === id)
  const to = from + by
  if (from < 0 || to < 0 || to >= list.length) return { items: list }
  ;[list[from], list[to]] = [list[to], list[from]]
  return { items: list }
}

export const agendaStepKey = (item: AgendaItem) => `${stepKeyPrefix}${item.id}`

/** The agenda item a current step names, if it names one. */
export function currentAgendaItem(items: readonly AgendaItem[], step: CurrentStep | undefined): AgendaItem | undefined {
  if (step?.instance !== freeAgendaInstance) return undefined
  return items.find((item) => agendaStepKey(item) === step.key)
}

/** "Begrüßung (10 Min.)" */
export const agendaItemLabel = (item: AgendaItem, minutesWord: string) => (item.minutes ? `${item.text} (${item.minutes} ${minutesWord})` : item.text)
