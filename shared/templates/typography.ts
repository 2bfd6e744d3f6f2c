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
  const fitted = specs.map((spec) => {
    const longest = Math.max(...spec.title.split(/\s+/).map((word) => word.length))
    return { spec, scale: Math.min(scale, (spec.w - 2 * pad) / (longest * advance * bodyFont)) }
  })
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
