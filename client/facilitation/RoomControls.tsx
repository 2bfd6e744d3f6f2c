/** "Alle zu mir" for the facilitator, "Moderation folgen" for everyone else. */
import { useEditor, useValue, type TLUserId } from 'tldraw'
import { t } from '../locale.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { summonHere } from './summon.ts'
import { summonedFocus } from './focus.ts'

export function SummonButton() {
  const editor = useEditor()
  const f = useFacilitation()
  if (!f.isFacilitator) return null
  return (
    <button
      type="button"
      className="nws-chip nws-chip--action"
      data-action="summon"
      title={t.summonHint}
      onClick={() => {
        const now = f.clock.now()
        f.summon(summonHere(editor, now))
        // The lists: the one part in view, as the part it is (also for whoever comes later).
        const focus = summonedFocus(editor, now)
        if (focus) f.bring(focus)
      }}
    >
      {t.summonButton}
    </button>
  )
}

export function FollowFacilitatorButton() {
  const editor = useEditor()
  const f = useFacilitation()
  // The facilitator to follow: the first who publishes the role and whose presence has arrived.
  const leader = useValue(
    'facilitator to follow',
    () => {
      const present = new Set(editor.getCollaborators().map((c) => c.userId as string))
      return f.peers.get().find((p) => p.role === 'facilitator' && p.userId !== null && present.has(p.userId))?.userId ?? null
    },
    [editor, f],
  )
  const following = useValue('following user', () => editor.getInstanceState().followingUserId, [editor])
  if (f.isFacilitator || !leader) return null
  const isFollowing = following === leader
  return (
    <button
      type="button"
      className="nws-chip nws-chip--action"
      data-action="follow"
      aria-pressed={isFollowing}
      onClick={() => (isFollowing ? editor.stopFollowingUser() : editor.startFollowingUser(leader as TLUserId))}
    >
      {isFollowing ? t.followFacilitatorStop : t.followFacilitator}
    </button>
  )
}
