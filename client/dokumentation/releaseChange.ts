/**
 * Whether the board differs from its release (`shared/board/entries/release.ts`): the board's
 * content fingerprint, computed a moment after the last change (not on every keystroke: a big
 * board takes some milliseconds), compared with the one the relay stored at the release.
 */
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { contentFingerprint } from '../../shared/board/contentFingerprint.ts'

/** How long after the last change the board is fingerprinted again. */
const settleMs = 600

/** The board's content fingerprint, kept up to date while the component is shown. */
export function useContentFingerprint(doc: Y.Doc, active: boolean): string | null {
  const [fingerprint, setFingerprint] = useState<string | null>(() => (active ? contentFingerprint(doc) : null))
  useEffect(() => {
    if (!active) return
    setFingerprint(contentFingerprint(doc))
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = () => {
      clearTimeout(timer)
      timer = setTimeout(() => setFingerprint(contentFingerprint(doc)), settleMs)
    }
    doc.on('update', changed)
    return () => {
      clearTimeout(timer)
      doc.off('update', changed)
    }
  }, [doc, active])
  return fingerprint
}
