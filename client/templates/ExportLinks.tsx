/**
 * Download buttons for what people wrote into the board's templates; the server names the file.
 * Buttons, not links: the request has to carry the board's token in a header.
 */
import { useId, useState } from 'react'
import type { ExportFormat } from '../../shared/results/export.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { useMayExport } from '../board/exportPermission.ts'
import { t } from '../locale.ts'
import { DokumentationSection } from '../dokumentation/DokumentationSection.tsx'
import { downloadExport } from './exportDownload.ts'
import { exportFormats } from './exportFormats.ts'
import { FormError } from '../FormError.tsx'

export function ExportLinks() {
  const { boardId, token } = useOpenBoard()
  const headingId = useId()
  const [busy, setBusy] = useState<ExportFormat | null>(null)
  const [error, setError] = useState<string | null>(null)
  const mayExport = useMayExport()

  const download = async (format: ExportFormat) => {
    if (busy) return
    setBusy(format)
    setError(null)
    try {
      await downloadExport(boardId, token, format)
    } catch (e) {
      setError(`${t.exportFailed}: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setBusy(null)
    }
  }

  if (!mayExport) {
    return (
      <section className="nws-templates__section" aria-labelledby={headingId} data-export-closed>
        <h3 id={headingId}>{t.exportHeading}</h3>
        <p className="nws-field__hint">{t.exportNotAllowed}</p>
      </section>
    )
  }
  return (
    <section className="nws-templates__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t.exportHeading}</h3>
      <p className="nws-field__hint">{t.exportHint}</p>
      <ul className="nws-export-links">
        {exportFormats.map(({ format, label }) => (
          <li key={format}>
            <button
              type="button"
              className="nws-button nws-button--secondary nws-button--small"
              data-format={format}
              // Not disabled while busy: a disabled button would drop the keyboard focus.
              aria-busy={busy === format || undefined}
              onClick={() => download(format)}
            >
              {label}
            </button>
          </li>
        ))}
      </ul>
      <FormError error={error} />
      <DokumentationSection />
    </section>
  )
}
