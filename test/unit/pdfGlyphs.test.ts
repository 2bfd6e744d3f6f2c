/**
 * Every character our documents are made of has a face in the PDF (`server/documents/dokumentation/glyphs.ts`):
 * the words of every template, method and document under shared/, and the signs the Fahrplan and
 * people use. A new word with a sign no font has fails here, before a pack prints it as �.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { faceFor, faceNames, faces, withoutInvisibles, type Coverage } from '../../server/documents/dokumentation/glyphs.ts'

const root = join(import.meta.dirname, '..', '..')
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )

describe('the PDF’s fonts', () => {
  const coverage = (weight: 'regular' | 'bold') =>
    Object.fromEntries(faceNames.map((name) => [name, (cp: number) => faces()[weight][name].glyphs.hasGlyphForCodePoint(cp)])) as Coverage

  it('print every character of the texts under shared/, in both weights', () => {
    const characters = new Set<string>()
    for (const file of sources('shared')) for (const char of withoutInvisibles(readFileSync(join(root, file), 'utf8'))) if (char.codePointAt(0)! > 0x7e) characters.add(char)
    expect(characters.size).toBeGreaterThan(20)
    for (const weight of ['regular', 'bold'] as const) {
      const missing = [...characters].filter((char) => !faceFor(char.codePointAt(0)!, coverage(weight)))
      expect(missing, weight).toEqual([])
    }
  })

  it('print the signs of the Fahrplan and what people put on a Zettel', () => {
    const signs = '✓✔✗○◐●→←↑↓⇒≈−•★☆☐☑☒„“”‚‘’–—…·×€§½²°±≤≥≠ŁłŐőźĘ' + 'αβΩЖж' + '👍👎🙂😀😂🎉🚀💡📌✅❌⚠❤🤝👨👩👧🏳🌈'
    for (const weight of ['regular', 'bold'] as const) {
      const missing = [...signs].filter((char) => !faceFor(char.codePointAt(0)!, coverage(weight)))
      expect(missing, weight).toEqual([])
    }
  })
})
