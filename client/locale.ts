/** The page's language, decided once at startup. */
import { browserLocale, catalogs } from './i18n.ts'

export const locale = browserLocale()
export const t = catalogs[locale]
