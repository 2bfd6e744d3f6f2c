/** The Protokoll's own button: everyone connected to the board, by name, into "Anwesende". */
import type { Editor } from 'tldraw'
import { ToolButton } from './ToolButton.tsx'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { findPageInstance } from './growTemplate.ts'
import { presentNames } from '../board/people.ts'
import { notesInCell } from './cellNotes.ts'
import { flowIntoCell, growCellFor } from './cellRoom.ts'

const attendeesCell = 'sitzung:cell:sitzung:anwesende'

/** Adds a note per person present whose name is not in the cell yet; returns how many. */
export function takeInAttendees(editor: Editor, instanceId: string): number {
  const cell = findPageInstance(editor, instanceId)?.shapes.get(attendeesCell)
  if (!cell) return 0
  // A name already written, alone or with its organisation ("Anna K. (Jobcenter)"), stays single;
  // "Jo" is not "Jobcenter", nor "Anna" "Annalena".
  const written = notesInCell(editor, cell).flatMap(({ note }) => plainText(note.props.richText).toLowerCase().split('\n'))
  const isWritten = (name: string) => {
    const n = name.toLowerCase()
    return written.some((line) => line === n || (line.startsWith(n) && /^[\s,(–-]/.test(line.slice(n.length))))
  }
  const missing = presentNames(editor).filter((name) => !isWritten(name))
  if (missing.length === 0) return 0
  const count = notesInCell(editor, cell).length + missing.length
  editor.markHistoryStoppingPoint('take in attendees')
  let added = 0
  // Seven names into a cell of four slots: the meeting's row grows until every name has its own.
  editor.run(
    () => {
      const room = growCellFor(editor, instanceId, attendeesCell, 'growAttendance', count)
      if (room) added = flowIntoCell(editor, room, missing.map((text) => ({ text }))).length
    },
    { ignoreShapeLock: true },
  )
  return added
}

export function ProtokollTools(props: { instanceId: string; report(message: string): void }) {
  const take = (editor: Editor) => {
    const added = takeInAttendees(editor, props.instanceId)
    return added > 0 ? format(t.attendeesTaken, { count: added }) : t.attendeesNone
  }
  return <ToolButton action="attendees" label={t.attendeesTake} run={take} report={props.report} />
}
