/**
 * This browser's small group in an open round, without the editor: the facilitator put its user
 * id in a group (the id tldraw keeps in localStorage, present when this browser has opened a
 * board's canvas), or a group's join code brought it here (`facilitation/joinedGroup.ts`).
 */
import { groupOf, type Group, type GroupRound } from '../../shared/board/entries/groups.ts'
import { joinedGroup } from '../facilitation/joinedGroup.ts'

/** Where tldraw keeps its user preferences (`TLUserPreferences.ts`); read only, never written here. */
const tldrawUserKey = 'TLDRAW_USER_DATA_v3'

/** The user id presence carries for this browser (`user:…`), if the canvas ever gave it one. */
export function ownUserId(storage: Pick<Storage, 'getItem'> = localStorage): string | null {
  try {
    const id = (JSON.parse(storage.getItem(tldrawUserKey) ?? 'null') as { user?: { id?: unknown } } | null)?.user?.id
    return typeof id === 'string' && id !== '' ? `user:${id}` : null
  } catch {
    return null
  }
}

export function ownGroup(round: GroupRound | undefined, boardId: string): Group | undefined {
  if (!round) return undefined
  const index = groupOf(round, ownUserId(), joinedGroup(boardId))
  return index === null ? undefined : round.groups[index]
}
