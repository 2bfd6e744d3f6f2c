/** Whether the facilitator opened *Versionen …* from the main menu: set by `versionsMenu.tsx`, read by the panel (a chunk of its own). */
import { atom } from 'tldraw'

export const versionsPanelOpen = atom('versions panel open', false)
