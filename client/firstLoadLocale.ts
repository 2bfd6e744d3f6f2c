/**
 * The page's language, decided once at startup, and the words of a first visit: the app's frame
 * and the list „Beitragen“ (`messages/firstLoad.ts`, `messages/contribute.ts`). The entry and the
 * list read `t` from here, so that a phone's first load carries neither the editor's, the
 * facilitation's nor the network's words (issue 64); every other view reads the whole catalogue
 * from `locale.ts`, which holds these too.
 */
import { browserLocale } from './i18n.ts'
import { contributeMessages } from './messages/contribute.ts'
import { firstLoadMessages } from './messages/firstLoad.ts'

export const locale = browserLocale()

const de = { ...firstLoadMessages.de, ...contributeMessages.de }
export type FirstLoadMessages = { readonly [K in keyof typeof de]: string }
const catalogs: Record<typeof locale, FirstLoadMessages> = { de, en: { ...firstLoadMessages.en, ...contributeMessages.en } }

export const t = catalogs[locale]
