/**
 * A board this client cannot read (a newer format or schema in its meta, perhaps written by a
 * hostile client before the relay judged meta) opens no editor, so the versions panel is out of
 * reach. Here the facilitator picks a saved version whose format and schema the relay puts back
 * (`server/judge/metaRepair.ts`); the page then loads the board again. The records stay as they are.
 */
import { useEffect, useState } from 'react'
import type { BoardVersion } from '../../shared/api.ts'
import { ApiError, fetchVersions, restoreReadableMeta } from '../api.ts'
import { t } from '../locale.ts'
import { SavedVersions } from './VersionsPanel.tsx'
import './versions.css'

export function ReadableVersions({ boardId, token }: { boardId: string; token: string }) {
  const [versions, setVersions] = useState<BoardVersion[] | null>(null)
  const [message, setMessage] = useState('')
  const [restoring, setRestoring] = useState(false)

  useEffect(() => {
    let current = true
    fetchVersions(boardId, token).then(
      (list) => current && setVersions(list),
      () => {
        if (!current) return
        setVersions([])
        setMessage(t.versionsUnavailable)
      },
    )
    return () => {
      current = false
    }
  }, [boardId, token])

  const restore = async (version: BoardVersion) => {
    setRestoring(true)
    try {
      await restoreReadableMeta(boardId, token, version.id)
      window.location.reload()
    } catch (error) {
      setRestoring(false)
      setMessage(error instanceof ApiError && error.status === 422 ? t.readableRestoreUnreadable : t.versionsUnavailable)
    }
  }

  return (
    <section className="nws-readable-versions" aria-label={t.versionsHeading}>
      <p>{t.readableRestoreIntro}</p>
      <p className="nws-field__hint" role="status">
        {message}
      </p>
      <SavedVersions
        versions={versions}
        action={(version) => (
          <button type="button" className="nws-button nws-button--small" disabled={restoring} onClick={() => void restore(version)}>
            {t.readableRestore}
          </button>
        )}
      />
    </section>
  )
}
