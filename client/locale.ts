/** The page's language, decided once at startup (`firstLoadLocale.ts`), and its whole catalogue. */
import { locale } from './firstLoadLocale.ts'
import { catalogs } from './messages/catalogs.ts'

export { locale }
export const t = catalogs[locale]
