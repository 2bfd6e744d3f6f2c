/**
 * Who this browser is, as tldraw keeps it (localStorage `TLDRAW_USER_DATA_v3`: a random id, a
 * colour, the name), read and written without tldraw, for the list („Beitragen“): so that the
 * list and the canvas of one browser are one person to the others, with one id (on their Zettel
 * and in Planspiel roles), one name and one colour, whichever view gave the name.
 */
import { uniqueId } from '@tldraw/utils'
import { friendlyName } from './friendlyName.ts'
import type { Locale } from './i18n.ts'

const userDataKey = 'TLDRAW_USER_DATA_v3'
/** tldraw's version of that record's shape as of 5.4; an older number is migrated by tldraw on load. */
const userDataVersion = 13
/** tldraw's own `USER_COLORS`, copied: importing them would bring in the editor. */
const userColors = ['#FF802B', '#EC5E41', '#F2555A', '#F04F88', '#E34BA9', '#BD54C6', '#9D5BD2', '#7B66DC', '#02B1CC', '#11B3A3', '#39B178', '#55B467']

export interface StoredUser {
  /** tldraw's user id without its `user:` prefix, as notes' `textLastEditedBy` holds it. */
  id: string
  name: string
  color: string
}

interface UserData {
  version: number
  user: Record<string, unknown>
}

function readUserData(storage: Pick<Storage, 'getItem'>): UserData | null {
  try {
    const data = JSON.parse(storage.getItem(userDataKey) ?? 'null') as unknown
    if (typeof data !== 'object' || data === null) return null
    const { version, user } = data as Partial<UserData>
    if (typeof version !== 'number' || typeof user !== 'object' || user === null || typeof user.id !== 'string' || !user.id) return null
    return { version, user }
  } catch {
    return null
  }
}

function writeUserData(storage: Storage, data: UserData): void {
  try {
    storage.setItem(userDataKey, JSON.stringify(data))
  } catch {
    // Storage refused (private mode): the person is someone new on the next visit, as on the canvas.
  }
  // A canvas open in another tab of this browser takes the change at once, as from its own menu.
  try {
    const channel = new BroadcastChannel('tldraw-user-sync')
    channel.postMessage({ type: 'tldraw-user-preferences-change', origin: `netzwerkstatt-${uniqueId()}`, data })
    channel.close()
  } catch {
    // No BroadcastChannel: the other tab reads the name when it next loads.
  }
}

/**
 * This browser's user as stored, without making one: its tldraw id (`user:…`, as presence carries
 * it) and name, or null when no view of this browser has made a user yet.
 */
export function knownUser(storage: Pick<Storage, 'getItem'> = localStorage): { presenceId: string; name: string } | null {
  const found = readUserData(storage)
  if (!found) return null
  const name = typeof found.user.name === 'string' ? found.user.name.trim() : ''
  return { presenceId: `user:${found.user.id as string}`, name }
}

/**
 * This browser's user, made as tldraw would make it on a first visit (a fresh id and colour) and
 * given a friendly generated name while it has none (as `ensureUserName` does on the canvas).
 */
export function storedUser(locale: Locale, storage: Storage = localStorage, random: () => number = Math.random): StoredUser {
  const found = readUserData(storage)
  const data: UserData = found ?? { version: userDataVersion, user: { id: uniqueId(), color: userColors[Math.floor(random() * userColors.length)] } }
  const { user } = data
  let changed = !found
  if (typeof user.color !== 'string' || !user.color) {
    user.color = userColors[Math.floor(random() * userColors.length)]
    changed = true
  }
  if (typeof user.name !== 'string' || !user.name.trim()) {
    user.name = friendlyName(locale, random)
    changed = true
  }
  if (changed) writeUserData(storage, data)
  return { id: user.id as string, name: user.name as string, color: user.color as string }
}

/** Gives this browser's user (as `storedUser` read it) a name, kept with tldraw's other preferences. */
export function storeUserName(user: StoredUser, name: string, storage: Storage = localStorage): StoredUser {
  const data = readUserData(storage) ?? { version: userDataVersion, user: { id: user.id, color: user.color } }
  data.user.name = name
  writeUserData(storage, data)
  return { ...user, name }
}
