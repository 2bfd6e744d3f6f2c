/** tldraw's fonts, icons and translations, bundled and served by our own server. */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import fullFonts from 'virtual:tldraw-full-fonts'
import { restUnicodeRange } from './fontSubset.ts'

const bundledAssetUrls = getAssetUrlsByImport()
// Vite inlines tldraw's tiny en.json ("{}") as a data: URL, and the server's CSP (connect-src
// 'self') rightly refuses to fetch data: URLs; tldraw fetches it before any other language and
// falls back to English when that fails. So it is served as a real file from public/.
export const assetUrls = {
  ...bundledAssetUrls,
  translations: { ...bundledAssetUrls.translations, en: '/tldraw-translations-en.json' },
}

/**
 * The built fonts hold Latin only (client/board/fontSubset.ts). For every other character each
 * face has a twin of the same family, style and weight with the full font, limited by
 * unicode-range to what the subset leaves out: the browser fetches it only when such a character
 * is drawn, and where a face lacks a glyph it moves on to the next face of the family.
 */
function offerFullFonts(): void {
  if (typeof document === 'undefined' || typeof FontFace === 'undefined') return
  const rest = restUnicodeRange()
  for (const [key, url] of Object.entries(fullFonts)) {
    const [, family, italic, bold] = /^(tldraw_[a-z]+?)(_italic)?(_bold)?$/.exec(key) ?? []
    if (!family) continue
    const face = new FontFace(family, `url(${JSON.stringify(url)})`, {
      style: italic ? 'italic' : 'normal',
      weight: bold ? 'bold' : 'normal',
      unicodeRange: rest,
      display: 'swap',
    })
    document.fonts.add(face)
  }
}
offerFullFonts()
