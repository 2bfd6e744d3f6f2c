/**
 * *Kleingruppen …* in the facilitator's main menu and whether a round is being set up. The
 * groups' panels (the form, the round with its join codes and QR, a participant's own group) are
 * in a chunk of its own (`laterParts.tsx`), mounted once the editor is ready.
 */
import { atom, TldrawUiMenuItem, useValue } from 'tldraw'
import { openAfterMainMenu } from '../board/mainMenuFocus.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { t } from '../locale.ts'

/** Whether the facilitator is setting up a round, opened with *Kleingruppen …* in the main menu. */
export const groupsStarting = atom('groups starting', false)

/** *Kleingruppen …* in the main menu: the dock has no row to spare (zoom-to-fit keeps templates below it). */
export function GroupsMenuItem() {
  const f = useFacilitation()
  const running = useValue('group round running', () => !!f.groups.get(), [f])
  if (!f.isFacilitator || running) return null
  return <TldrawUiMenuItem id="netzwerkstatt-groups" label={t.groupsOpen} readonlyOk onSelect={() => openAfterMainMenu(() => groupsStarting.set(true))} />
}
