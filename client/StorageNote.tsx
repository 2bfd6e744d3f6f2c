/**
 * Said where the browser refused this page storage and memory stands in (`storageStandIn.ts`): in
 * a frame on another site with third-party cookies blocked, the usual case, the board works but
 * this browser forgets the name, the links and the view when the frame closes. A tab of its own
 * keeps them. Over the page, small, until dismissed.
 */
import { useState } from 'react'
import { isEmbedded, ownTabLink } from './embedded.ts'
import { t } from './firstLoadLocale.ts'
import { storageInMemory } from './storageStandIn.ts'

export function StorageNote() {
  const [open, setOpen] = useState(storageInMemory)
  if (!open) return null
  const embedded = isEmbedded()
  return (
    <div className="nws-storage-note nws-card" role="status" data-storage="memory">
      <p>{embedded ? t.storageRefusedEmbedded : t.storageRefused}</p>
      <div className="nws-actions">
        {embedded && (
          <a className="nws-link" href={ownTabLink()} target="_blank" rel="noopener noreferrer">
            {t.openInOwnTab}
          </a>
        )}
        <button type="button" className="nws-button nws-button--secondary" onClick={() => setOpen(false)}>
          {t.storageNoteClose}
        </button>
      </div>
    </div>
  )
}
