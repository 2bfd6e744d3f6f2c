/** deploy/fontSubsets.ts: tldraw's font files in full, by tldraw's font key (`tldraw_draw_bold`, …). */
declare module 'virtual:tldraw-full-fonts' {
  const fullFonts: Record<string, string>
  export default fullFonts
}
