/**
 * Layout blocks → complete tldraw records (every prop set), so that they pass tldraw's schema
 * validation wherever they are created: in the browser's store or straight into a board's
 * Y.Doc on the server.
 */
import {
  type TLGeoShape,
  type TLParentId,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import { getIndicesAbove, type IndexKey } from '@tldraw/utils'
import { toRichText } from '../board/textRichText.ts'
import type { Block, CardGeo, Layout, Tone } from './model.ts'
import { metaKey, type ScaffoldMeta } from '../board/scaffoldMeta.ts'
import type { Locale } from '../locale.ts'

export interface BuildContext {
  template: string
  instance: string
  options: unknown
  locale: Locale
  /** Page point of the layout's top-left corner. */
  origin: { x: number; y: number }
  parentId: TLParentId
  newShapeId: () => TLShapeId
  /** The new shapes stack above this index (the page's topmost shape), or from the bottom. */
  indexAbove?: IndexKey | null
}

type JsonMeta = TLShape['meta']

export function layoutToRecords(layout: Layout, ctx: BuildContext): TLShape[] {
  const indices = getIndicesAbove(ctx.indexAbove ?? null, layout.blocks.length)
  return layout.blocks.map((block, i) => blockToShape(block, ctx, indices[i]))
}

export function blockToShape(block: Block, ctx: BuildContext, index: IndexKey): TLShape {
  const meta: ScaffoldMeta = { template: ctx.template, instance: ctx.instance, key: block.key, kind: block.kind }
  if (block.kind === 'title') Object.assign(meta, { options: ctx.options, locale: ctx.locale })
  if (block.kind === 'cell') meta.cell = block.cell
  if (block.kind === 'card') meta.role = block.role
  const base = {
    id: ctx.newShapeId(),
    typeName: 'shape' as const,
    parentId: ctx.parentId,
    index,
    x: ctx.origin.x + block.x,
    y: ctx.origin.y + block.y,
    rotation: 0,
    opacity: 1,
    // Cards stay editable and bindable; everything else is scaffold.
    isLocked: block.kind !== 'card',
    meta: { [metaKey]: meta } as unknown as JsonMeta,
  }
  switch (block.kind) {
    case 'title':
      return text(base, block.text, block.w, 'xl', block.scale ?? 1)
    case 'prompt':
      // Black, not tldraw's light grey: small print needs the contrast most (WCAG AA).
      return text(base, block.text, block.w, 's', 1)
    case 'header':
      return geo(base, block, block.text, { tone: block.tone, fill: 'solid', dash: 'solid', align: block.align ?? 'middle', scale: block.scale ?? 1 })
    case 'cell':
      return geo(base, block, block.label ?? '', { tone: block.tone, fill: 'semi', dash: 'dashed', align: 'start', scale: 1 })
    case 'card':
      return geo(base, block, block.text, { tone: block.tone, fill: 'solid', dash: 'solid', align: block.geo ? 'middle' : 'start', scale: block.scale ?? 1, geo: block.geo })
  }
}

type Base = Omit<TLShape, 'type' | 'props'>

/** A text shape `w` wide on the page: tldraw multiplies a text's width by its scale. */
function text(base: Base, value: string, w: number, size: 's' | 'xl', scale: number): TLTextShape {
  return {
    ...base,
    type: 'text',
    props: { color: 'black', size, w: w / scale, font: 'sans', textAlign: 'start', autoSize: false, scale, richText: toRichText(value) },
  } as TLTextShape
}

interface GeoStyle {
  tone: Tone
  fill: 'solid' | 'semi'
  dash: 'solid' | 'dashed'
  align: 'start' | 'middle'
  /** A geo shape's w and h are its size on the page; the scale enlarges its label and stroke. */
  scale: number
  geo?: CardGeo
}

function geo(base: Base, box: { w: number; h: number }, label: string, style: GeoStyle): TLGeoShape {
  return {
    ...base,
    type: 'geo',
    props: {
      geo: style.geo ?? 'rectangle',
      w: box.w,
      h: box.h,
      growY: 0,
      url: '',
      scale: style.scale,
      flipX: false,
      flipY: false,
      color: style.tone,
      labelColor: 'black',
      fill: style.fill,
      dash: style.dash,
      size: 's',
      font: 'sans',
      align: style.align,
      verticalAlign: style.align,
      richText: toRichText(label),
    },
  } as TLGeoShape
}
