/**
 * Collaborators' cursors with their Planspiel role: "Name · Rolle". tldraw's own cursor, only
 * the name tag is ours; the role comes from the doc, so it is the same on every screen.
 */
import { DefaultCursor, useValue, type TLCursorProps } from 'tldraw'
import { planspielRoleLabel } from '../../shared/board/entries/roles.ts'
import { locale } from '../locale.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'

export function RoleCursor(props: TLCursorProps) {
  const f = useFacilitation()
  const role = useValue('cursor role', () => f.roles.get()[props.userId], [f, props.userId])
  const roleLabel = role && planspielRoleLabel(role, locale)
  const name = roleLabel ? (props.name ? `${props.name} · ${roleLabel}` : roleLabel) : props.name
  return <DefaultCursor {...props} name={name} />
}
