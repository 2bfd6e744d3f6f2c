/**
 * The wall's slide when the canvas is missing (licence, `boardPage/WallWithoutCanvas.tsx`): no
 * presenter's slide to follow, so the wall shows the part the room is in, as the phones' list
 * finds it (`beitragen/partsInPlay.ts`): the slide of that template holding the part's first
 * cell, cut as presenting cuts it (`shared/templates/wallSlides.ts`), named by its step; a whole
 * template as the canvas's wall shows it (`wholeTemplateSlide`).
 */
import type { Instance } from '../../shared/templates/instance.ts'
import { agendaSteps, instanceLayout, stepAreaKeys } from '../../shared/templates/steps.ts'
import { packWallSlides, wallGroups, wallTables, type WallItem, type WallTable } from '../../shared/templates/wallSlides.ts'
import type { TemplatePart } from '../beitragen/contributionModel.ts'
import { wholeTemplateSlide } from './slideChoice.ts'

export interface SlideWithoutCanvas {
  key: string
  instance: string
  title: string
  part: string
  cells: string[]
  /** The step the slide's title names, when it shows one whole step. */
  step?: { instance: string; key: string }
  font: number
  tables: WallTable[]
}

/**
 * `inPlay`: the parts the room is in (their cells filtered to the step or view); `whole`: the
 * same templates with every cell; `contents`: what a template's cells hold.
 */
export function slideWithoutCanvas(
  inPlay: readonly TemplatePart[],
  instances: readonly Instance[],
  contents: (instance: string, cell: string) => readonly WallItem[],
  whole: readonly TemplatePart[] = inPlay,
): SlideWithoutCanvas | undefined {
  for (const part of inPlay) {
    const instance = instances.find((i) => i.instance === part.instance)
    if (!instance) continue
    try {
      const layout = instanceLayout(instance)
      const steps = agendaSteps(instance)
      const { groups, merge } = wallGroups(layout, steps.map((step) => stepAreaKeys(instance.template, layout, step.key)))
      const { parts, font } = packWallSlides(layout, groups, (cell) => contents(part.instance, cell), merge)
      const template = whole.find((w) => w.instance === part.instance)
      const wanted = new Set(part.cells.map((cell) => cell.key))
      const shown =
        template && part.cells.length >= template.cells.length
          ? wholeTemplateSlide(parts.map((p) => ({ ...p, empty: p.cells.every((cell) => contents(part.instance, cell).length === 0) })))
          : (parts.find((p) => p.cells.some((cell) => wanted.has(cell))) ?? parts[0])
      if (!shown) continue
      const step = shown.groups.length === 1 ? steps[shown.groups[0]!] : undefined
      const title = template?.title ?? part.title
      return { key: `${part.instance}:${shown.cells[0]}`, instance: part.instance, title, part: step?.label ?? title, cells: shown.cells, ...(step ? { step: { instance: part.instance, key: step.key } } : {}), font, tables: wallTables(layout, shown.cells) }
    } catch {
      // Options a newer program wrote: the next part, if any.
    }
  }
  return undefined
}
