/**
 * The characters the fonts tldraw draws with are cut down to at build time (deploy/fontSubsets.ts):
 * Latin-1 (German with its umlauts and ß, French, Spanish, Italian, Scandinavian), typographic
 * quotes „“ ‚‘ «», dashes, the ellipsis, the bullet, € and ™. A Zettel in any other script still
 * shows: each face gets a second one with the full font for every other character (unicode-range),
 * which the browser loads only when such a character is on screen.
 */
export const subsetRanges: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x131, 0x131], // ı (dotless i)
  [0x152, 0x153], // Œ œ
  [0x178, 0x178], // Ÿ
  [0x2013, 0x2014], // – —
  [0x2018, 0x201a], // ‘ ’ ‚
  [0x201c, 0x201e], // “ ” „
  [0x2022, 0x2022], // •
  [0x2026, 0x2026], // …
  [0x2039, 0x203a], // ‹ ›
  [0x20ac, 0x20ac], // €
  [0x2122, 0x2122], // ™
  [0x2212, 0x2212], // − (minus)
]

/** Every character of the subset, as subset-font takes them. */
export function subsetText(): string {
  let text = ''
  for (const [from, to] of subsetRanges) for (let c = from; c <= to; c++) text += String.fromCodePoint(c)
  return text
}

const hex = (c: number) => c.toString(16).toUpperCase()

/** The CSS unicode-range of everything the subset leaves out (0 to 10FFFF). */
export function restUnicodeRange(): string {
  const parts: string[] = []
  let next = 0
  for (const [from, to] of subsetRanges) {
    if (from > next) parts.push(from - 1 === next ? `U+${hex(next)}` : `U+${hex(next)}-${hex(from - 1)}`)
    next = to + 1
  }
  parts.push(`U+${hex(next)}-10FFFF`)
  return parts.join(', ')
}
