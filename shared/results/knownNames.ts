/**
 * The names a board knows, which a Fallkonferenz's gate looks for in its pseudonym and case
 * (`templates/caseNames.ts`): the board's partner list and those present, as its Protokolle and
 * Steuerungsgruppen list them (`presentCells.ts`). Read from the board alone; the network's lists join them in the options form.
 */
import type { ExportCell, Instance } from '../templates/definition.ts'
import type { KnownNames } from '../templates/caseNames.ts'
import { boardPartners } from '../templates/partners.ts'
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import { listsPresent } from './presentCells.ts'

export function knownNames(instances: readonly Instance[], cells: readonly ExportCell[]): KnownNames {
  const people = cells
    .filter((cell) => listsPresent(scaffoldMeta(cell.shape)?.template, cell.ref))
    .flatMap((cell) => cell.notes.flatMap((note) => note.split(/[\n,;]+/)))
    .map((name) => name.trim())
    .filter(Boolean)
  return { partners: boardPartners(instances), people }
}
