/**
 * Finding words in what is written on a board as a German speaker expects: case does not count,
 * "muller", "mueller" and "Müller" are one word, "strasse" finds "Straße", "cafe" finds "Café".
 *
 * Both sides are folded to one spelling: lower case, accents and umlaut dots left off, ß as ss,
 * and an e after a, o or u dropped (so "ue" and "ü" both become "u"). That finds a little more
 * than asked ("baur" finds "Bauer"), never less. Every folded letter remembers which part of the
 * original text it came from, so that the part found can be marked.
 */

/** A text in its folded spelling, with each folded letter's place in the original. */
export interface FoldedText {
  text: string
  /** Where each folded letter's original begins (UTF-16 index). */
  starts: number[]
  /** Where each folded letter's original ends (exclusive): an umlaut written "ue" ends after the e. */
  ends: number[]
}

/** Letters no decomposition takes apart. */
const spelledOut: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' }
const mark = /^\p{M}$/u
const marks = /\p{M}/gu
/** After these, an e is the spelled-out umlaut's (ae, oe, ue) and dropped. */
const umlautBase = new Set(['a', 'o', 'u'])

export function foldText(original: string): FoldedText {
  let text = ''
  const starts: number[] = []
  const ends: number[] = []
  let at = 0
  for (const char of original) {
    const end = at + char.length
    const code = char.charCodeAt(0)
    // Plain ASCII, most of any German text: no decomposition to look up.
    if (code < 0x80) {
      const letter = code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : char
      const last = text.length - 1
      if (letter === 'e' && last >= 0 && umlautBase.has(text[last])) ends[last] = end
      else {
        text += letter
        starts.push(at)
        ends.push(end)
      }
    } else if (mark.test(char)) {
      // A combining accent belongs to the letter before it.
      if (ends.length > 0) ends[ends.length - 1] = end
    } else {
      const lower = char.toLowerCase()
      const folded = spelledOut[lower] ?? lower.normalize('NFD').replace(marks, '')
      for (const letter of folded) {
        const last = text.length - 1
        if (letter === 'e' && last >= 0 && umlautBase.has(text[last])) {
          ends[last] = end
          continue
        }
        text += letter
        starts.push(at)
        ends.push(end)
      }
    }
    at = end
  }
  return { text, starts, ends }
}

/**
 * Words beyond these are left out: each word is looked for in every text on every keystroke, so
 * a pasted page must not cost thousands of searches (it then finds a little more, never less).
 */
export const maxSearchWords = 20

/** The distinct words of a query, folded, at most `maxSearchWords`; empty for a query of nothing but spaces. */
export function searchWords(query: string): string[] {
  const words = new Set<string>()
  for (const word of query.split(/\s+/)) {
    const folded = foldText(word).text
    if (folded.length > 0) words.add(folded)
    if (words.size === maxSearchWords) break
  }
  return [...words]
}

/** A part of the original text: [from, to), UTF-16 indices. */
export type TextRange = [number, number]

/**
 * Where the text holds every word (each word's first place, in the text's order, overlapping
 * places merged), or null when a word is missing or there are none.
 */
export function matchText(words: readonly string[], text: string | FoldedText): TextRange[] | null {
  if (words.length === 0) return null
  const folded = typeof text === 'string' ? foldText(text) : text
  const found: TextRange[] = []
  for (const word of words) {
    const i = folded.text.indexOf(word)
    if (i < 0) return null
    found.push([folded.starts[i], folded.ends[i + word.length - 1]])
  }
  found.sort((a, b) => a[0] - b[0])
  const merged: TextRange[] = [found[0]]
  for (const [from, to] of found.slice(1)) {
    const last = merged[merged.length - 1]
    if (from <= last[1]) last[1] = Math.max(last[1], to)
    else merged.push([from, to])
  }
  return merged
}
