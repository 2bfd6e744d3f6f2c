/**
 * The current step, stored under `facilitation.step`: `{ instance, key, setAt }` names a step
 * header (block key `step:…`) of one template instance on the board, or an item of the
 * facilitator's own agenda (`agenda.ts`). A template's steps themselves are read from its layout
 * (`shared/templates/steps.ts`).
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

export const stepKeyPrefix = 'step:'

export const CurrentStep = z.object({
  /** The template instance id (`meta.netzwerkstatt.instance`). */
  instance: z.string().min(1).max(200),
  /** The step header's block key, e.g. `step:play` or `step:3`. */
  key: z.string().startsWith(stepKeyPrefix).max(200),
  /** Relay time of the choice. */
  setAt: z.number(),
})
export type CurrentStep = z.infer<typeof CurrentStep>

export const stepEntry = defineEntry({ key: 'step', schema: CurrentStep, default: undefined, mayWrite: isFacilitator })

export const readCurrentStep = stepEntry.read

export function chooseStep(instance: string, key: string, serverNow: number): CurrentStep {
  return CurrentStep.parse({ instance, key, setAt: serverNow })
}
