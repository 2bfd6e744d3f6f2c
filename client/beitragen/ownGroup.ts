/**
 * This browser's small group in an open round, without the editor: the facilitator put its user
 * id in a group (the id tldraw keeps in localStorage, present when this browser has opened a
 * board's canvas), or a group's join code brought it here (`facilitation/joinedGroup.ts`).
 */
import { groupOf, type Group, type GroupRound } from '../../shared/board/entries/groups.ts'
import { joinedGroup } from '../facilitation/joinedGroup.ts'
import { knownUser } from '../storedUser.ts'

/** The user id presence carries for this browser (`user:…`), if a view of it ever made one. */
export const ownUserId = (storage: Pick<Storage, 'getItem'> = localStorage): string | null => knownUser(storage)?.presenceId ?? null

export function ownGroup(round: GroupRound | undefined, boardId: string): Group | undefined {
  if (!round) return undefined
  const index = groupOf(round, ownUserId(), joinedGroup(boardId))
  return index === null ? undefined : round.groups[index]
}
