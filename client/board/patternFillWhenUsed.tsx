/**
 * tldraw draws its „pattern“ fill from tiles it paints once the canvas mounts: one per zoom level
 * and theme, up to 8 × 256 × the device pixel ratio pixels a side (6,144 px on a phone at 3×,
 * 100 million pixels in all). On the bench's phone profile (CPU 4× slower) that took 3.7 s of the
 * 8–10 s until the board showed, for a fill no template uses. Geo shapes, arrows and drawings —
 * the three that offer the fill — get their tiles painted only once a shape on the page has it.
 */
import { ArrowShapeUtil, DrawShapeUtil, GeoShapeUtil, useEditor, useValue, type TLShape } from 'tldraw'

const patternDef = GeoShapeUtil.prototype.getCanvasSvgDefs.call(null as never)[0]
const PatternTiles = patternDef.component

const hasPatternFill = (shape: TLShape) => (shape.props as { fill?: string }).fill === 'pattern'

function PatternTilesWhenUsed() {
  const editor = useEditor()
  const used = useValue('pattern fill in use', () => editor.getCurrentPageShapes().some(hasPatternFill), [editor])
  return used ? <PatternTiles /> : null
}

// The same key as tldraw's own, which the canvas keeps one of.
const defs = [{ key: patternDef.key, component: PatternTilesWhenUsed }]

export class GeoPatternWhenUsed extends GeoShapeUtil {
  override getCanvasSvgDefs() {
    return defs
  }
}
export class ArrowPatternWhenUsed extends ArrowShapeUtil {
  override getCanvasSvgDefs() {
    return defs
  }
}
export class DrawPatternWhenUsed extends DrawShapeUtil {
  override getCanvasSvgDefs() {
    return defs
  }
}
