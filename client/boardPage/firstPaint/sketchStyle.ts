/**
 * tldraw's light theme as the first paint needs it (colours, strokes, fonts), copied from
 * tldraw 5's defaults: its own module with them is the editor's, which this drawing must not load.
 */
interface Tone {
  solid: string
  semi: string
  noteFill: string
  frameStroke: string
  frameFill: string
}

const tones: Record<string, Tone> = {
  black: { solid: '#1d1d1d', semi: '#e8e8e8', noteFill: '#FCE19C', frameStroke: '#717171', frameFill: '#ffffff' },
  blue: { solid: '#4465e9', semi: '#dce1f8', noteFill: '#8AA3FF', frameStroke: '#6681ec', frameFill: '#f9fafe' },
  green: { solid: '#099268', semi: '#d3e9e3', noteFill: '#6FC896', frameStroke: '#37a684', frameFill: '#f8fcfa' },
  grey: { solid: '#9fa8b2', semi: '#eceef0', noteFill: '#C0CAD3', frameStroke: '#aaaaab', frameFill: '#fcfcfd' },
  'light-blue': { solid: '#4ba1f1', semi: '#ddedfa', noteFill: '#9BC4FD', frameStroke: '#6cb2f3', frameFill: '#fafcff' },
  'light-green': { solid: '#4cb05e', semi: '#dbf0e0', noteFill: '#98D08A', frameStroke: '#6dbe7c', frameFill: '#fafdfa' },
  'light-red': { solid: '#f87777', semi: '#f4dadb', noteFill: '#F7A5A1', frameStroke: '#f89090', frameFill: '#fffbfb' },
  'light-violet': { solid: '#e085f4', semi: '#f5eafa', noteFill: '#DFB0F9', frameStroke: '#e59bf5', frameFill: '#fefbff' },
  orange: { solid: '#e16919', semi: '#f8e2d4', noteFill: '#FAA475', frameStroke: '#e68544', frameFill: '#fef9f6' },
  red: { solid: '#e03131', semi: '#f4dadb', noteFill: '#FC8282', frameStroke: '#e55757', frameFill: '#fef9f9' },
  violet: { solid: '#ae3ec9', semi: '#ecdcf2', noteFill: '#DB91FD', frameStroke: '#bc62d3', frameFill: '#fdf9fd' },
  yellow: { solid: '#f1ac4b', semi: '#f9f0e6', noteFill: '#FED49A', frameStroke: '#f3bb6c', frameFill: '#fffdfa' },
  white: { solid: '#FFFFFF', semi: '#f5f5f5', noteFill: '#FFFFFF', frameStroke: '#7d7d7d', frameFill: '#ffffff' },
}

export const colorOf = (color: unknown): Tone => tones[typeof color === 'string' ? color : 'black'] ?? tones.black

/** The theme's near-white for 'semi', the colour's tint for 'solid', the colour itself for 'fill'. */
export function geoFill(fill: unknown, color: unknown): string {
  if (fill === 'semi') return '#fcfffe'
  if (fill === 'solid' || fill === 'pattern' || fill === 'lined-fill') return colorOf(color).semi
  if (fill === 'fill') return colorOf(color).solid
  return 'transparent'
}

const strokes: Record<string, number> = { s: 1, m: 1.75, l: 2.5, xl: 5 }
/** tldraw's stroke widths are twice these (its theme's stroke width is 2). */
export const strokePx = (size: unknown) => 2 * (strokes[typeof size === 'string' ? size : 'm'] ?? 1.75)

const families: Record<string, string> = {
  draw: "'tldraw_draw', sans-serif",
  sans: "'tldraw_sans', sans-serif",
  serif: "'tldraw_serif', serif",
  mono: "'tldraw_mono', monospace",
}
export const fontFamilyOf = (font: unknown) => families[typeof font === 'string' ? font : 'draw'] ?? families.draw
