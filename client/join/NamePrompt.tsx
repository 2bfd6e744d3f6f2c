/**
 * "Wie heißen Sie?" when a browser first joins a board: the name (and organisation) others see
 * and the Protokoll's attendance takes in, instead of a generated "Kluge Gämse". Asked once per
 * browser, over the board as it loads; "Später" (or Esc) keeps the generated name and does not
 * ask again, so a projector laptop is never held up; a facilitator can make the device the
 * wall instead (the Beamer, nobody on the board). Renaming stays in the people list.
 */
import { useState } from 'react'
import { getUserPreferences, setUserPreferences } from 'tldraw'
import { nameChoice } from '../nameChoice.ts'
import { t } from '../locale.ts'
import { NameDialog } from './NameDialog.tsx'

/** `onBeamer`: offered to a facilitator, whose device may be the wall instead of a person (beamerMemory.ts). */
export function NamePrompt({ onBeamer }: { onBeamer?: () => void }) {
  const [open, setOpen] = useState(() => nameChoice() === null)
  if (!open) return null
  return (
    <NameDialog text={t.namePromptText} onName={(name) => setUserPreferences({ ...getUserPreferences(), name })} onClose={() => setOpen(false)}>
      {onBeamer && (
        <p className="nws-name-prompt__beamer">
          {/* Nothing remembered as a name choice: the device is nobody, and asked again if it stops being the wall. */}
          <button
            type="button"
            className="nws-button nws-button--secondary"
            title={t.beamerChooseHint}
            onClick={() => {
              setOpen(false)
              onBeamer()
            }}
          >
            {t.beamerChoose}
          </button>
        </p>
      )}
    </NameDialog>
  )
}
