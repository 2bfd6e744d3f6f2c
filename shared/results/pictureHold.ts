/**
 * What a picture of the board may show (tldraw's PNG and SVG export, „als Bild kopieren“, the
 * printed PDF): a picture cannot leave one Zettel out as the text export does, so it is refused
 * where it would show a text the export holds back. On a case board that is every text while the
 * case is held (a call-back Zettel beside the template, a note on another page), and each text
 * that reads as a name once it is released: a Zettel, a frame's label, an arrow's label
 * (`caseBoardHold.ts`). The templates' own gates are asked apart (`heldBackTemplates`).
 */
import type { TLShape } from '@tldraw/tlschema'
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import { plainText } from '../templates/richText.ts'
import { pick, type Locale } from '../locale.ts'
import { namesCount } from '../templates/fallkonferenzHold.ts'
import { caseBoardWords } from './caseBoardHold.ts'
import { heldBackReading, shapeText } from './export.ts'

/** Every text a shape shows: a Zettel's, a frame's label, an arrow's label. */
function shownTexts(shape: TLShape): string[] {
  const props = shape.props as { name?: unknown; richText?: unknown }
  const label = shape.type === 'arrow' ? plainText(props.richText) : undefined
  const name = shape.type === 'frame' && typeof props.name === 'string' ? props.name : undefined
  return [shapeText(shape), label, name].filter((text): text is string => !!text?.trim())
}

/**
 * Why a picture of these shapes (with all they hold), or of the whole board, may not be made now;
 * undefined where it may. The template's scaffold is its gate's to judge.
 */
export function pictureHeld(records: readonly unknown[], consent: unknown, ids: readonly string[] | undefined, locale: Locale): string | undefined {
  const { isHeld, textHeld, caseBoard } = heldBackReading(records, consent)
  if (caseBoard === 'none') return undefined
  const shapes = new Map<string, TLShape>()
  const children = new Map<string, string[]>()
  for (const record of records) {
    const shape = record as TLShape
    if (shape.typeName !== 'shape') continue
    shapes.set(shape.id, shape)
    children.set(shape.parentId, [...(children.get(shape.parentId) ?? []), shape.id])
  }
  // A frame's picture shows what lies in it; visited once each, whatever the parents say.
  const inPicture = new Set<string>()
  const visit = (id: string) => {
    if (inPicture.has(id)) return
    inPicture.add(id)
    for (const child of children.get(id) ?? []) visit(child)
  }
  for (const id of ids ?? shapes.keys()) visit(id)
  let held = 0
  for (const id of inPicture) {
    const shape = shapes.get(id)
    if (!shape || scaffoldMeta(shape)) continue
    if (isHeld(id) || shownTexts(shape).some(textHeld)) held++
  }
  // The whole board (the printed PDF) heads each sheet with its page's name.
  if (ids === undefined) {
    for (const record of records) {
      const page = record as { typeName?: string; name?: unknown }
      if (page.typeName === 'page' && typeof page.name === 'string' && textHeld(page.name)) held++
    }
  }
  if (held === 0) return undefined
  return caseBoard === 'held' ? `${pick(caseBoardWords.companion, locale)}.` : `${namesCount(held, locale)}.`
}

/** The board's title as a picture's file name or a printed sheet's heading may carry it (`caseBoardHold.ts`). */
export const pictureTitle = (records: readonly unknown[], consent: unknown, title: string): string => heldBackReading(records, consent).boardTitle(title)
