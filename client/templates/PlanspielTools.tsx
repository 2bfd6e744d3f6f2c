/** The Planspiel's own button: everyone present, shuffled into the small groups for the evaluation. */
import type { Editor, TLShape } from 'tldraw'
import { ToolButton } from './ToolButton.tsx'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { presentNames } from '../board/people.ts'
import { scaffoldMeta } from '../../shared/templates/scaffold.ts'
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

/** Writes each person's name into one small group's area, groups as even as can be; returns the number of groups. */
export function drawSmallGroups(editor: Editor, instanceId: string): number {
  const instance = findPageInstance(editor, instanceId)
  if (!instance) return 0
  const groups: TLShape[] = [...instance.shapes.values()]
    .filter((s) => scaffoldMeta(s)?.cell?.section === 'smallgroups')
    .sort((a, b) => a.y - b.y || a.x - b.x)
  if (groups.length === 0) return 0
  const names = shuffled(presentNames(editor))
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
  const draw = (editor: Editor) => {
    const groups = drawSmallGroups(editor, props.instanceId)
    return groups > 0 ? format(t.smallGroupsDrawn, { count: groups }) : t.smallGroupsMissing
  }
  return <ToolButton action="drawGroups" label={t.smallGroupsDraw} run={draw} report={props.report} />
}
