/**
 * On the Fahrplan, under the deleted boards: each one retention still keeps as its board archive
 * (`docs/board-archive.md`, RETENTION_ARCHIVE_DAYS), downloaded with the network's link until its
 * day; after that the archive is gone too.
 */
import { useState } from 'react'
import { networkArchivePath, type KeptArchive } from '../../shared/retentionApi.ts'
import { send } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { FormError } from '../FormError.tsx'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { fileNameFromDisposition, saveBlob } from '../saveFile.ts'
import { retentionDate } from './RetentionNotice.tsx'

export function KeptArchiveDownloads({ network, archives }: { network: { id: string; token: string }; archives: readonly KeptArchive[] }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (archives.length === 0) return null
  const download = async (archive: KeptArchive) => {
    if (busy) return
    setBusy(archive.boardId)
    setError(null)
    try {
      const response = await send(networkArchivePath(encodeURIComponent(network.id), encodeURIComponent(archive.boardId)), {
        headers: { Authorization: `Bearer ${network.token}` },
        cache: 'no-store',
      })
      saveBlob(await response.blob(), fileNameFromDisposition(response.headers.get('Content-Disposition'), `${archive.boardId}.nwboard`))
    } catch (e) {
      setError(`${t.exportFailed}: ${problemText(e)}`)
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="nws-retention-archives" data-kept-archives>
      <p>{t.retentionArchivesHint}</p>
      <ul>
        {archives.map((archive) => (
          <li key={archive.boardId}>
            <button type="button" className="nws-button nws-button--secondary nws-button--small" data-kept-archive={archive.boardId} aria-busy={busy === archive.boardId || undefined} onClick={() => void download(archive)}>
              {format(archive.title ? t.retentionArchiveDownload : t.retentionArchiveDownloadUntitled, { title: archive.title, date: retentionDate(archive.keepUntil) })}
            </button>
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </div>
  )
}
