/**
 * What a picture of the board may show (tldraw's PNG and SVG export, „als Bild kopieren“, the
 * printed PDF): a picture cannot leave one Zettel out as the text export does, so it is refused
 * where it would show a text the export holds back. On a case board that is every shape while the
 * case is held (a call-back Zettel beside the template, a note on another page, a drawing), and
 * each text that reads as a name once it is released: a Zettel, a frame's label, an arrow's label
 * (`caseBoardHold.ts`); a drawing or an image holds what no name check can read, so it is refused
 * on a case board whatever it shows. The templates' own gates are asked apart (`heldBackTemplates`).
 */
import type { TLShape } from '@tldraw/tlschema'
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import { plainText } from '../templates/richText.ts'
import { counted, pick, type Locale } from '../locale.ts'
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

/** Shapes whose content is no text (a hand-drawn name, a photo of a letter, a web page): nothing a name check reads. */
const unreadable: ReadonlySet<string> = new Set(['draw', 'highlight', 'image', 'video', 'embed', 'bookmark'])

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
    // Pushed, not copied: a board of 20,000 shapes is read in one pass.
    const siblings = children.get(shape.parentId)
    if (siblings) siblings.push(shape.id)
    else children.set(shape.parentId, [shape.id])
  }
  // A frame's picture shows what lies in it; visited once each, whatever the parents say.
  const inPicture = new Set<string>()
  const visit = (id: string) => {
    if (inPicture.has(id)) return
    inPicture.add(id)
    for (const child of children.get(id) ?? []) visit(child)
  }
  for (const id of ids ?? shapes.keys()) visit(id)
  // Zettel and other texts (labels, page names) counted apart: one word for one thing.
  let notes = 0
  let labels = 0
  let unchecked = 0
  for (const id of inPicture) {
    const shape = shapes.get(id)
    if (!shape || scaffoldMeta(shape)) continue
    // While the case is held, everything on the board is: whatever the shape, text or none.
    if (caseBoard === 'held') return `${pick(caseBoardWords.companion, locale)}.`
    if (unreadable.has(shape.type)) unchecked++
    else if (isHeld(id) || shownTexts(shape).some(textHeld)) {
      if (shape.type === 'note') notes++
      else labels++
    }
  }
  // The whole board (the printed PDF) heads each sheet with its page's name.
  if (ids === undefined) {
    for (const record of records) {
      const page = record as { typeName?: string; name?: unknown }
      if (page.typeName === 'page' && typeof page.name === 'string' && textHeld(page.name)) {
        if (caseBoard === 'held') return `${pick(caseBoardWords.companion, locale)}.`
        labels++
      }
    }
  }
  const parts = [
    ...(notes > 0 ? [namesCount(notes, locale)] : []),
    ...(labels > 0 ? [counted({ one: caseBoardWords.labelOne, other: caseBoardWords.labelOther }, labels, locale)] : []),
    ...(unchecked > 0 ? [counted({ one: caseBoardWords.uncheckedOne, other: caseBoardWords.uncheckedOther }, unchecked, locale)] : []),
  ]
  return parts.length === 0 ? undefined : `${parts.join('; ')}.`
}

/** The board's title as a picture's file name or a printed sheet's heading may carry it (`caseBoardHold.ts`). */
export const pictureTitle = (records: readonly unknown[], consent: unknown, title: string): string => heldBackReading(records, consent).boardTitle(title)
