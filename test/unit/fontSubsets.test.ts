/**
 * The fonts the canvas draws with, cut down at build time (`deploy/fontSubsets.ts`): each subset
 * holds what a German workshop writes and is much smaller than the font; what it leaves out is
 * exactly what the full font's twin face is offered for (`restUnicodeRange`).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { restUnicodeRange, subsetRanges } from '../../client/board/fontSubset.ts'
import { subsetWoff2, tldrawFontFiles } from '../../deploy/fontSubsets.ts'

const needed = [...'AZaz09äöüÄÖÜß„“‚‘–—…€ ,.;:!?()&@%#*+=/"\'éèçñ']
const fontsDir = join(import.meta.dirname, '..', '..', 'node_modules', '@tldraw', 'assets', 'fonts')

/** Whether a CSS unicode-range list holds a code point. */
function inRange(range: string, codePoint: number): boolean {
  return range.split(', ').some((part) => {
    const [from, to = from] = part.slice(2).split('-').map((hex) => parseInt(hex, 16))
    return codePoint >= from && codePoint <= to
  })
}

describe('font subsets', () => {
  it('names all sixteen faces tldraw loads, each by its font file', () => {
    const files = tldrawFontFiles()
    expect(Object.keys(files)).toHaveLength(16)
    expect(files.tldraw_draw).toBe('Shantell_Sans-Informal_Regular.woff2')
    expect(files.tldraw_sans_italic_bold).toBe('IBMPlexSans-BoldItalic.woff2')
  })

  it.each(['Shantell_Sans-Informal_Regular.woff2', 'IBMPlexSans-Medium.woff2', 'IBMPlexMono-Bold.woff2'])(
    '%s: holds umlauts, ß, German quotes and €, leaves Cyrillic to the full font, at under half the size',
    async (file) => {
      const full = readFileSync(join(fontsDir, file))
      const subset = await subsetWoff2(full)
      expect(subset.length).toBeLessThan(full.length / 2)
      const font = fontkit.create(subset) as fontkit.Font
      const original = fontkit.create(full) as fontkit.Font
      for (const char of needed) expect(font.hasGlyphForCodePoint(char.codePointAt(0)!), `${file} lacks ${char}`).toBe(true)
      // The original draws Ж; the subset does not, and the full face is offered for it.
      expect(original.hasGlyphForCodePoint(0x416)).toBe(true)
      expect(font.hasGlyphForCodePoint(0x416)).toBe(false)
    },
    60_000,
  )

  it('offers the full fonts for every character outside the subset and none inside it', () => {
    const rest = restUnicodeRange()
    for (const [from, to] of subsetRanges) for (let c = from; c <= to; c++) expect(inRange(rest, c), `U+${c.toString(16)}`).toBe(false)
    for (const c of [0x0, 0x1f, 0x7f, 0x100, 0x141, 0x416, 0x3b1, 0x4e2d, 0x1f600, 0x10ffff]) expect(inRange(rest, c), `U+${c.toString(16)}`).toBe(true)
  })
})
