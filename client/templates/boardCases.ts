/**
 * What the Fallkonferenz's options form needs of the board and its network: the other
 * Fallkonferenzen (for the next running number of the day) and the people present (for the
 * name warning, `shared/templates/caseNames.ts`).
 */
import type { Editor } from 'tldraw'
import { isCaseTemplate } from '../../shared/templates/caseBoards.ts'
import type { CarrySourceBoard } from '../../shared/results/carrySource.ts'
import { boardInstances } from './pageInstances.ts'

/** The board's Fallkonferenzen by their pseudonym (and day), beside the network's by day. */
export function boardCases(editor: Editor, network: readonly string[]): { taken: string[]; people: string[] } {
  const onBoard = boardInstances(editor)
    .filter((instance) => isCaseTemplate(instance.template))
    .map((instance) => String((instance.options as { pseudonym?: unknown }).pseudonym ?? ''))
  const people = editor.getCollaborators().map((p) => p.userName?.trim() ?? '').filter(Boolean)
  return { taken: [...onBoard, ...network], people }
}

/** The days of the Fallkonferenzen on the network's other boards (their pseudonyms stay on them). */
export const networkCaseDays = (sources: readonly CarrySourceBoard[]): string[] =>
  sources.flatMap((board) => board.templates.filter((t) => isCaseTemplate(t.template)).map((t) => t.day ?? ''))
