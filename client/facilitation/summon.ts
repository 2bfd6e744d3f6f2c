/**
 * "Alle zu mir" on the editor side: what the facilitator publishes, and how a participant's
 * camera follows it (see `shared/facilitation/summon.ts` for the awareness field).
 */
import { uniqueId, type Editor, type TLPageId } from 'tldraw'
import { isFreshSummon, type Summon } from '../../shared/facilitation/summon.ts'
import type { RoomPeer } from '../board/facilitation/roomPeers.ts'
import { showOnWall } from './beamerView.ts'
import { showBounds } from '../templates/showInView.ts'
import { wallSlide } from './wallSlide.ts'

/** The facilitator's current view as a summon. */
export function summonHere(editor: Editor, serverNow: number): Summon {
  const b = editor.getViewportPageBounds()
  return { id: uniqueId(), bounds: { x: b.x, y: b.y, w: b.w, h: b.h }, pageId: editor.getCurrentPageId(), at: serverNow }
}

/**
 * Summons a client should act on now: new ids from people who publish the facilitator role,
 * not older than a summon lives. Every id it returns is marked as seen.
 */
export function newSummons(peers: readonly RoomPeer[], seen: Set<string>, serverNow: number): { peer: RoomPeer; summon: Summon }[] {
  const found: { peer: RoomPeer; summon: Summon }[] = []
  for (const peer of peers) {
    const { summon } = peer
    if (peer.role !== 'facilitator' || !summon || seen.has(summon.id)) continue
    seen.add(summon.id)
    if (isFreshSummon(summon, serverNow)) found.push({ peer, summon })
  }
  return found
}

/** Shows the summoned view: same page, the whole of their viewport, without padding, or the part clear of the chrome; on the wall, in its safe area. */
export function followSummon(editor: Editor, summon: Summon, fromUserId: string | null, onWall = false) {
  const following = editor.getInstanceState().followingUserId
  // Already following the summoner: the camera is on its way there anyway.
  if (following && following === fromUserId) return
  if (following) editor.stopFollowingUser()
  const pageId = summon.pageId as TLPageId
  if (pageId !== editor.getCurrentPageId() && editor.getPage(pageId)) editor.setCurrentPage(pageId)
  if (onWall) {
    // A view, not a slide (a slide's own summon is not followed here: wallFollow.ts shows the slide by its id).
    wallSlide.set(undefined)
    showOnWall(editor, summon.bounds)
  } else if (summon.part || summon.slide) {
    // A part: beside and below this screen's own chrome (its top bar may take two rows, its share
    // zone and buttons under the menu differ from the facilitator's), as a newcomer lands.
    showBounds(editor, summon.bounds, undefined, true, Infinity)
  } else editor.zoomToBounds(summon.bounds, { inset: 0, animation: { duration: 400 } })
}
