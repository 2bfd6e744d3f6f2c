/**
 * Where the facilitator brought everyone, under `facilitation.focus`: one part of a page by its
 * section key (a template's instance id, a frame's shape id: `client/board/boardSections.ts`),
 * narrowed, where the facilitator showed less than the whole part, to some of its cells (a
 * presented slide's, those „Alle zu mir“ had in view) or to one of its steps. State, not an
 * event like the summon in awareness: a phone that joins or reloads later lands on it too.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'
import { stampNotAhead } from '../relayTime.ts'
import { stepKeyPrefix } from './step.ts'

const finite = z.number().finite()
const id = z.string().min(1).max(200)

export const Focus = z.object({
  /** The section key: a template instance id or a frame's shape id. */
  part: id,
  pageId: id,
  /** Where the part lies on its page: the templates inside a frame are its. */
  bounds: z.object({ x: finite, y: finite, w: finite.nonnegative(), h: finite.nonnegative() }).optional(),
  /** The template's block keys of the cells shown, when not all of them. */
  cells: z.array(id).max(500).optional(),
  /** A template's step (`step:…`), when the part is one step of it. */
  step: z.string().startsWith(stepKeyPrefix).max(200).optional(),
  /** Relay time of the choice. */
  at: z.number(),
})
export type Focus = z.infer<typeof Focus>

export const focusEntry = defineEntry({ key: 'focus', schema: Focus, default: undefined, mayWrite: isFacilitator, refusesValue: stampNotAhead((v: Focus) => v.at) })

export const readFocus = focusEntry.read
