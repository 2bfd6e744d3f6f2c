/** The little of fontkit (pdfkit's own font reader) the PDF asks: whether a font has a glyph. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean
  }
  export function create(buffer: Buffer): Font
}
