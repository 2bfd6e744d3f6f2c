/**
 * The „Vorlagen“ button in the share zone. The panel it opens, with the templates' layouts, the
 * board's templates and the Dokumentation, is in a chunk of its own (`laterParts.tsx`).
 */
import { useId, useRef, useState } from 'react'
import { t } from '../locale.ts'
import { laterPart } from '../board/laterParts.tsx'

const TemplatesPanel = laterPart(() => import('./TemplatesPanel.tsx').then((chunk) => chunk.TemplatesPanel))

export function TemplatesMenu() {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }
  return (
    <>
      <button
        ref={button}
        type="button"
        className="nws-templates-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        title={t.templatesButtonHint}
        onClick={() => setOpen((o) => !o)}
      >
        {t.templatesButton}
      </button>
      {open && <TemplatesPanel id={panelId} onClose={close} />}
    </>
  )
}
