/**
 * Download buttons for what people wrote into the board's templates; the server names the file.
 * Buttons, not links: the request has to carry the board's token in a header.
 */
import { useId, useState } from 'react'
import type { ExportFormat } from '../../shared/results/export.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { useMayExport } from '../board/exportPermission.ts'
import { locale, t } from '../locale.ts'
import { fetchReport } from '../api.ts'
import type { ReportFormat } from '../../shared/api.ts'
import type { WorkshopReport } from '../../shared/results/report.ts'
import { fileNameFromDisposition, saveBlob } from '../saveFile.ts'
import { printReport } from './printReport.ts'
import { downloadExport } from './exportDownload.ts'
import { exportFormats } from './exportFormats.ts'

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
      {error && (
        <p className="nws-error" role="alert">
          {error}
        </p>
      )}
      <ReportButtons />
    </section>
  )
}

/** The report to take home: as Markdown to save, or printed as PDF. */
function ReportButtons() {
  const { boardId, token } = useOpenBoard()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [emptyTables, setEmptyTables] = useState(false)
  const emptyId = useId()
  const run = async (format: ReportFormat) => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const response = await fetchReport(boardId, token, format, locale, emptyTables)
      if (format === 'json') printReport((await response.json()) as WorkshopReport, locale)
      else saveBlob(await response.blob(), fileNameFromDisposition(response.headers.get('Content-Disposition'), 'report.md'))
    } catch (e) {
      setError(`${t.exportFailed}: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="nws-report-links" aria-busy={busy || undefined}>
      <h4>{t.reportHeading}</h4>
      <p className="nws-field__hint">{t.reportHint}</p>
      <p className="nws-report-links__option">
        <input id={emptyId} type="checkbox" checked={emptyTables} onChange={(e) => setEmptyTables(e.target.checked)} />{' '}
        <label htmlFor={emptyId}>{t.reportEmptyTables}</label>
      </p>
      <ul className="nws-export-links">
        <li>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" data-report="md" onClick={() => run('md')}>
            {t.reportMarkdown}
          </button>
        </li>
        <li>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" data-report="pdf" onClick={() => run('json')}>
            {t.reportPdf}
          </button>
        </li>
      </ul>
      {error && (
        <p className="nws-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
