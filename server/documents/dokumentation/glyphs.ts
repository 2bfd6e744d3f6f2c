/**
 * Which font prints each character of a PDF. IBM Plex Sans (our typeface) comes as fontsource's
 * latin and latin-ext subsets, which lack the signs our documents print: → in „Fahrplan →
 * Zielsystem“, ≈, ✓ ○ ● of the Fahrplan's status, ★ ☐ and whatever people type on a Zettel,
 * emoji included. Those come from DejaVu Sans (signs, arrows, Greek, Cyrillic) and Noto Emoji
 * (black-and-white emoji), from npm packages in our own node_modules (licences in
 * docs/operations.md): nothing is fetched, and pdfkit embeds only the glyphs a document uses.
 *
 * pdfkit sets a run of text in one font, so text is cut into runs by the first face that has
 * each character. Invisible joiners and emoji variation selectors are dropped (an emoji family
 * prints as its members); a character no face has prints as U+FFFD, which shows, instead of
 * being dropped without a trace.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { create, type Font } from 'fontkit'

export type Weight = 'regular' | 'bold'
/** In the order they are asked: Plex first, so that the page looks like the app. */
export const faceNames = ['latin', 'ext', 'symbols', 'emoji'] as const
export type FaceName = (typeof faceNames)[number]

export interface Face {
  file: string
  buffer: Buffer
  glyphs: Font
}

const require = createRequire(import.meta.url)
const files: Record<Weight, Record<FaceName, string>> = {
  regular: {
    latin: '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-400-normal.woff',
    ext: '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-ext-400-normal.woff',
    symbols: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
    emoji: '@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff',
  },
  bold: {
    latin: '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-600-normal.woff',
    ext: '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-ext-600-normal.woff',
    symbols: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
    // Noto Emoji's bolder cuts are heavier strokes of the same pictures; one is enough.
    emoji: '@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff',
  },
}

let loaded: Record<Weight, Record<FaceName, Face>> | undefined
/** The font files, read once on first use. */
export function faces(): Record<Weight, Record<FaceName, Face>> {
  if (!loaded) {
    const cache = new Map<string, Face>()
    const face = (name: string): Face => {
      const file = require.resolve(name)
      let found = cache.get(file)
      if (!found) {
        const buffer = readFileSync(file)
        found = { file, buffer, glyphs: create(buffer) }
        cache.set(file, found)
      }
      return found
    }
    const weight = (w: Weight) => Object.fromEntries(faceNames.map((name) => [name, face(files[w][name])])) as Record<FaceName, Face>
    loaded = { regular: weight('regular'), bold: weight('bold') }
  }
  return loaded
}

export const replacementCharacter = '\uFFFD'

/**
 * Marks that only steer how their neighbours look (emoji variation selectors, the joiner inside
 * an emoji family, zero-width spaces, direction marks): no face prints them, and fontkit breaks
 * on a glyph a face does not have.
 */
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFE00-\uFE0F\uFEFF]/gu

export const withoutInvisibles = (text: string) => text.replace(invisible, '')

export type Coverage = Record<FaceName, (codePoint: number) => boolean>

/** The face that prints `codePoint`, or null when none has it. */
export function faceFor(codePoint: number, has: Coverage): FaceName | null {
  // Spaces, line breaks and the soft hyphen always in latin: latin-ext's table lists a space but
  // has no glyph for it, and pdfkit breaks lines at spaces and soft hyphens it measures in latin.
  if (codePoint < 0x21 || codePoint === 0xad) return 'latin'
  return faceNames.find((name) => has[name](codePoint)) ?? null
}

/**
 * `text` in runs of one face each: the first face that has a character's glyph, else the
 * replacement character (in latin).
 */
export function fontRuns(text: string, has: Coverage): Array<{ face: FaceName; text: string }> {
  const runs: Array<{ face: FaceName; text: string }> = []
  for (const char of withoutInvisibles(text)) {
    const found = faceFor(char.codePointAt(0)!, has)
    const face = found ?? 'latin'
    const shown = found ? char : replacementCharacter
    const last = runs.at(-1)
    if (last && last.face === face) last.text += shown
    else runs.push({ face, text: shown })
  }
  return runs
}
