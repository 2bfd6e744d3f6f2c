/**
 * Type that stays readable when a whole template is in view. A template at zoom-to-fit is shown
 * at a third of its size or less, so its titles and headers are set large (a scale on tldraw's
 * small label), while prompts stay in body type beneath them for whoever zooms in.
 *
 * Heights are estimated from the text, on the generous side, so that a label never overflows its
 * box: tldraw would grow an overflowing shape over the row below.
 */
import type { Block, Tone } from './model.ts'

/** tldraw's size "s" for labels and texts, in page pixels. */
export const bodyFont = 18
/** tldraw's size "xl" for texts, in page pixels. */
const titleFont = 44
const lineHeight = 1.35
/** tldraw's padding inside a geo shape's label, before its scale. */
const labelPadding = 16
/** Average advance of tldraw's sans face (IBM Plex Sans Medium) per pixel of font size: 0.50 measured over the templates' words, with room. */
const advance = 0.56

/**
 * Advance per pixel of font size of tldraw's sans face, letter by letter, measured in Chromium. A
 * word on its own has no average to hide a wide letter in ("Gruppe" is wider than six average
 * letters), so a word that must fit on one line is measured with these.
 */
const advances: Record<string, number> = {
  ...Object.fromEntries([...'0123456789'].map((digit) => [digit, 0.6])),
  a: 0.55, b: 0.59, c: 0.51, d: 0.59, e: 0.56, f: 0.34, g: 0.54, h: 0.58, i: 0.26, j: 0.26, k: 0.55, l: 0.28, m: 0.88,
  n: 0.58, o: 0.56, p: 0.59, q: 0.59, r: 0.38, s: 0.49, t: 0.36, u: 0.58, v: 0.51, w: 0.8, x: 0.53, y: 0.51, z: 0.49,
  ä: 0.55, ö: 0.56, ü: 0.58, ß: 0.66, A: 0.66, B: 0.66, C: 0.63, D: 0.68, E: 0.59, F: 0.57, G: 0.7, H: 0.71, I: 0.42,
  J: 0.53, K: 0.66, L: 0.51, M: 0.81, N: 0.71, O: 0.71, P: 0.63, Q: 0.71, R: 0.65, S: 0.6, T: 0.58, U: 0.69, V: 0.63,
  W: 0.93, X: 0.64, Y: 0.62, Z: 0.59, Ä: 0.66, Ö: 0.71, Ü: 0.69, '-': 0.4, '·': 0.36, ':': 0.31, '?': 0.49, ',': 0.29,
  '.': 0.29, '–': 0.59, '/': 0.42, '(': 0.34, ')': 0.34,
}

/** Width of one word at `font` pixels, with a little room: it never breaks where this says it fits. */
export const wordWidth = (word: string, font: number) => [...word].reduce((w, letter) => w + (advances[letter] ?? 0.72), 0) * font * 1.03

/** `scale`, or less where a word of `text` in body type would not fit on a line `width` wide at it. */
export const wordsFitScale = (text: string, width: number, scale: number) =>
  Math.min(scale, width / Math.max(...text.split(/\s+/).map((word) => wordWidth(word, bodyFont))))

/** Lines `text` takes in `width` at `font` pixels, wrapping at spaces. */
export function lineCount(text: string, width: number, font: number): number {
  const space = advance * font
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines++
    let used = 0
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = word.length * space
      if (used > 0 && used + space + w > width) {
        lines++
        used = 0
      }
      // A word wider than the line breaks inside itself.
      const extra = Math.max(0, Math.ceil(w / width) - 1)
      lines += extra
      used = used > 0 ? used + space + w : w - extra * width
    }
  }
  return lines
}

const textHeight = (text: string, width: number, font: number) => Math.ceil(lineCount(text, width, font) * font * lineHeight)

/** A template's title, `w` wide, larger than its headers at `headerScale`. */
export function titleBlock(text: string, w: number, headerScale: number): Block & { kind: 'title' } {
  const scale = Math.max(1, (headerScale * bodyFont * 1.4) / titleFont)
  return { kind: 'title', key: 'title', x: 0, y: 0, w, h: textHeight(text, w, titleFont * scale) + 8, text, scale }
}

export interface HeaderSpec {
  key: string
  x: number
  w: number
  tone: Tone
  title: string
  /** What to write here, in body type on the header beneath its title. */
  prompt?: string
  /** The prompt's block key, where boards already have one under another name. */
  promptKey?: string
}

/**
 * A row of headers of one height, their titles `scale` times body size and their prompts beneath
 * in body type. Returns the blocks and the row's height.
 */
export function headerRow(specs: HeaderSpec[], y: number, scale: number, minH = 0): { blocks: Block[]; h: number } {
  const pad = Math.round(labelPadding * scale)
  // A word too long for its header sets that header smaller instead of breaking in two.
  const fitted = specs.map((spec) => ({ spec, scale: wordsFitScale(spec.title, spec.w - 2 * pad, scale) }))
  const titleH = ({ spec, scale }: (typeof fitted)[number]) => textHeight(spec.title, spec.w - 2 * pad, bodyFont * scale)
  // The prompt lines up with the title above it.
  const promptH = (spec: HeaderSpec) => (spec.prompt ? textHeight(spec.prompt, spec.w - 2 * pad, bodyFont) + labelPadding : 0)
  const titlesH = Math.max(...fitted.map(titleH))
  const h = Math.ceil(Math.max(minH, 2 * pad + titlesH + Math.max(...specs.map(promptH))))
  const blocks: Block[] = []
  for (const { spec, scale } of fitted) {
    const withPrompt = spec.prompt !== undefined
    blocks.push({
      kind: 'header',
      key: spec.key,
      x: spec.x,
      y,
      w: spec.w,
      h,
      tone: spec.tone,
      text: spec.title,
      scale: Math.round(scale * 100) / 100,
      ...(withPrompt ? { align: 'start' as const } : {}),
    })
    if (withPrompt) {
      const top = pad + titlesH
      blocks.push({
        kind: 'prompt',
        key: spec.promptKey ?? `${spec.key}:prompt`,
        on: spec.key,
        x: spec.x + pad,
        y: y + top,
        w: spec.w - 2 * pad,
        h: h - top,
        text: spec.prompt!,
      })
    }
  }
  return { blocks, h }
}

/** Height of a plain prompt block (an introduction, a hint above a section) `w` wide. */
export const promptHeight = (text: string, w: number) => textHeight(text, w, bodyFont) + 8

/** How far down a cell its label reaches (tldraw writes it in the top-left corner, body type). */
export const labelHeight = (text: string, w: number) =>
  text.trim() ? labelPadding + textHeight(text, w - 2 * labelPadding, bodyFont) : 0
