/** The Planspiel's own button: the participants present, shuffled into the small groups for the evaluation. */
import type { Editor, TLShape } from 'tldraw'
import { ToolButton } from './ToolButton.tsx'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { participantNames } from '../board/people.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import type { Role } from '../../shared/access.ts'
import type { RoomPeer } from '../board/facilitation/roomPeers.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { findPageInstance } from './growTemplate.ts'
import { notesInCell, writeIntoCell } from './cellNotes.ts'

/** Marks the names a draw wrote, so that the next draw can replace them. */
const drawnKey = 'drawnForGroups'

/** Fisher–Yates: every order equally likely, so nobody can predict their group. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * Writes each participant's name into one small group's area, groups as even as can be; returns
 * the number of groups, 0 when there are none, -1 when there is nobody to draw.
 */
export function drawSmallGroups(editor: Editor, instanceId: string, peers: readonly RoomPeer[], ownRole: Role): number {
  const instance = findPageInstance(editor, instanceId)
  if (!instance) return 0
  const groups: TLShape[] = [...instance.shapes.values()]
    .filter((s) => scaffoldMeta(s)?.cell?.section === 'smallgroups')
    .sort((a, b) => a.y - b.y || a.x - b.x)
  if (groups.length === 0) return 0
  const names = shuffled(participantNames(editor, peers, ownRole))
  // Nobody to draw: an earlier draw stays as it is.
  if (names.length === 0) return -1
  // Drawing again replaces the last draw rather than putting everyone in two groups.
  const earlier = groups.flatMap((group) => notesInCell(editor, group).filter(({ note }) => note.meta[drawnKey] === instanceId).map(({ note }) => note.id))
  editor.markHistoryStoppingPoint('draw small groups')
  editor.run(() => {
    editor.deleteShapes(earlier)
    groups.forEach((group, g) => {
      const members = names.filter((_, i) => i % groups.length === g)
      writeIntoCell(editor, group, members.map((text) => ({ text, meta: { [drawnKey]: instanceId } })))
    })
  })
  return groups.length
}

export function PlanspielTools(props: { instanceId: string; report(message: string): void }) {
  const f = useFacilitation()
  const draw = (editor: Editor) => {
    const groups = drawSmallGroups(editor, props.instanceId, f.peers.get(), f.role)
    if (groups < 0) return t.smallGroupsNobody
    return groups > 0 ? format(t.smallGroupsDrawn, { count: groups }) : t.smallGroupsMissing
  }
  return <ToolButton action="drawGroups" label={t.smallGroupsDraw} run={draw} report={props.report} />
}
