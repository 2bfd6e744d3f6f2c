/**
 * Who "I" am on a board: tldraw's own user preferences (kept in localStorage, edited in the
 * people menu), with a friendly generated name until the person picks one, and our page
 * language as tldraw's language unless they chose another in tldraw's menu.
 */
import {
  computed,
  createCachedUserResolve,
  createTLCurrentUser,
  createUserId,
  defaultUserStore,
  getUserPreferences,
  setUserPreferences,
  UserRecordType,
  type Signal,
  type TLCurrentUser,
  type TLInstancePresence,
  type TLStore,
  type TLUserStore,
} from 'tldraw'
import { friendlyName } from '../friendlyName.ts'
import type { Locale } from '../i18n.ts'
import { rememberNameChoice } from '../nameChoice.ts'

export function ensureUserName(locale: Locale): void {
  const prefs = getUserPreferences()
  if (!prefs.name?.trim()) setUserPreferences({ ...prefs, name: friendlyName(locale) })
}

export { nameChoice, nameWithOrganisation, rememberNameChoice, type NameChoice } from '../nameChoice.ts'

export function currentUserFor(locale: Locale): TLCurrentUser {
  const base = createTLCurrentUser()
  return {
    userPreferences: computed('netzwerkstatt user preferences', () => {
      const prefs = base.userPreferences.get()
      return prefs.locale ? prefs : { ...prefs, locale }
    }),
    // Keep "no choice" stored as no choice, so a browser language change still takes effect.
    setUserPreferences: (next) => {
      const previous = base.userPreferences.get()
      const unchosen = !previous.locale && next.locale === locale
      base.setUserPreferences(unchosen ? { ...next, locale: null } : next)
      // A name typed into the people list is a name chosen: no question about it later.
      if (next.name?.trim() && next.name !== previous.name) rememberNameChoice('chosen')
    },
  }
}

/**
 * Attribution names (e.g. "last edited by" on notes) for people currently on the board, from
 * their presence; we do not store names in the doc.
 */
export function boardUserStore(getStore: () => TLStore | undefined): TLUserStore {
  const { currentUser } = defaultUserStore
  let presences: Signal<TLInstancePresence[]> | undefined
  return {
    currentUser,
    resolve: createCachedUserResolve((userId) => {
      const id = createUserId(userId)
      const me = currentUser.get()
      if (me?.id === id) return me
      const store = getStore()
      if (!store) return null
      presences ??= store.query.records('instance_presence')
      const presence = presences.get().find((p) => p.userId === id)
      return presence ? UserRecordType.create({ id, name: presence.userName, color: presence.color }) : null
    }),
  }
}
