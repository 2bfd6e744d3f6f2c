/**
 * Collaborators' cursors with their Planspiel role: "Name · Rolle". tldraw's own cursor, only
 * the name tag is ours; the role comes from the doc, so it is the same on every screen.
 *
 * The tag fades once the cursor has stood still for a moment (the arrow stays): a laptop's
 * cursor left resting over the board otherwise covers a Zettel for as long as its owner types
 * elsewhere, and on a tablet, where nobody has a cursor to push it away, that Zettel cannot be
 * read. Who points is named while they point; who is there, the people list says.
 */
import { useEffect, useState } from 'react'
import { DefaultCursor, useValue, type TLCursorProps } from 'tldraw'
import { planspielRoleLabel } from '../../shared/board/entries/roles.ts'
import { locale } from '../locale.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'

/** How long a cursor's tag stays after it last moved. */
export const cursorTagIdleMs = 3000

export function RoleCursor(props: TLCursorProps) {
  const f = useFacilitation()
  const role = useValue('cursor role', () => f.roles.get()[props.userId], [f, props.userId])
  const roleLabel = role && planspielRoleLabel(role, locale)
  const name = roleLabel ? (props.name ? `${props.name} · ${roleLabel}` : roleLabel) : props.name
  const [idle, setIdle] = useState(false)
  useEffect(() => {
    setIdle(false)
    const timeout = setTimeout(() => setIdle(true), cursorTagIdleMs)
    return () => clearTimeout(timeout)
  }, [props.point?.x, props.point?.y, name, props.chatMessage])
  return <DefaultCursor {...props} name={name} className={`nws-cursor${idle ? ' nws-cursor--idle' : ''}`} />
}
