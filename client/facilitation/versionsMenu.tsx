/**
 * *Versionen …* in the facilitator's main menu and whether its panel is open. The panel, with
 * its preview and comparison, is in a chunk of its own (`laterParts.tsx`): participants never open it.
 */
import { TldrawUiMenuItem, useValue } from 'tldraw'
import { versionsPanelOpen } from './versionsPanelState.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { openAfterMainMenu } from '../board/mainMenuFocus.ts'
import { t } from '../locale.ts'
import { laterPart } from '../board/laterParts.tsx'

/** *Versionen …* in the main menu: the dock has no row to spare (zoom-to-fit keeps templates below it). */
export function VersionsMenuItem() {
  const session = useOpenBoard()
  if (session.role !== 'facilitator') return null
  return <TldrawUiMenuItem id="netzwerkstatt-versions" label={t.versionsMenu} readonlyOk onSelect={() => openAfterMainMenu(() => versionsPanelOpen.set(true))} />
}

const VersionsPanel = laterPart(() => import('./VersionsPanel.tsx').then((chunk) => chunk.VersionsPanel))

/** The panel, once the facilitator opened it. */
export function OpenVersionsPanel({ licenceKey }: { licenceKey: string | null }) {
  const session = useOpenBoard()
  const open = useValue(versionsPanelOpen)
  return session.role === 'facilitator' && open ? <VersionsPanel licenceKey={licenceKey} /> : null
}
