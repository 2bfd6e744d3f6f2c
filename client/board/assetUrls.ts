/** tldraw's fonts, icons and translations, bundled and served by our own server. */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'

const bundledAssetUrls = getAssetUrlsByImport()
// Vite inlines tldraw's tiny en.json ("{}") as a data: URL, and the server's CSP (connect-src
// 'self') rightly refuses to fetch data: URLs; tldraw fetches it before any other language and
// falls back to English when that fails. So it is served as a real file from public/.
export const assetUrls = {
  ...bundledAssetUrls,
  translations: { ...bundledAssetUrls.translations, en: '/tldraw-translations-en.json' },
}
