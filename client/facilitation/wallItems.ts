/**
 * What a cell holds on the wall, as the list view files it (contributionModel.ts): its Zettel,
 * texts, and how many drawings and pictures, which a table can only name. Read from the records
 * alone, so that the wall without the canvas (licence) shows the same cards.
 */
import type { WallItem } from '../../shared/templates/wallSlides.ts'
import { plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import type { TemplatePart } from '../beitragen/contributionModel.ts'

export function itemsByCell(part: TemplatePart): Map<string, WallItem[]> {
  return new Map(
    part.cells.map((cell) => {
      const items: WallItem[] = cell.zettel.map((z) => ({ kind: 'zettel', text: z.text, color: z.color }))
      const texts = cell.extras.flatMap((e) => (e.kind === 'text' && e.text ? [e.text] : []))
      items.push(...texts.map((text): WallItem => ({ kind: 'text', text })))
      const drawings = cell.extras.filter((e) => e.kind === 'drawing').length
      const pictures = cell.extras.filter((e) => e.kind === 'picture').length
      if (drawings > 0) items.push({ kind: 'mark', text: plural(locale, drawings, { one: t.wallDrawingsOne, other: t.wallDrawingsOther }) })
      if (pictures > 0) items.push({ kind: 'mark', text: plural(locale, pictures, { one: t.wallPicturesOne, other: t.wallPicturesOther }) })
      return [cell.key, items]
    }),
  )
}
