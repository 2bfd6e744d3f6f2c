/**
 * The steering group's pack from the Fahrplan (`results/steeringPack.ts`): one click downloads it
 * as a PDF file, as ODT or DOCX to edit (what an administration files), as Markdown, or its open
 * items as CSV. Internal boards are never in it; whether
 * it may go out depends on each board's release, which the pack itself states.
 */
import { useState, type ReactNode } from 'react'
import { networkPackPath, type PackFormat } from '../../shared/networkApi.ts'
import { formatExtension } from '../../shared/api.ts'
import { localDay } from '../../shared/dates.ts'
import { send } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { locale, t } from '../locale.ts'
import { fileNameFromDisposition, saveBlob } from '../saveFile.ts'
import type { NetworkAccess } from './networkAccess.ts'
import { FormError } from '../FormError.tsx'

/** `children`: what else belongs to the pack area (the Fahrplan's pack link). */
export function PackDownloads({ network, children }: { network: NetworkAccess; children?: ReactNode }) {
  const [busy, setBusy] = useState<PackFormat | null>(null)
  const [error, setError] = useState<string | null>(null)
  const download = async (format: PackFormat) => {
    if (busy) return
    setBusy(format)
    setError(null)
    try {
      const response = await send(networkPackPath(encodeURIComponent(network.id), format, locale, localDay(new Date())), {
        headers: { Authorization: `Bearer ${network.token}` },
        cache: 'no-store',
      })
      saveBlob(await response.blob(), fileNameFromDisposition(response.headers.get('Content-Disposition'), `steuerungsgruppe.${formatExtension(format)}`))
    } catch (e) {
      setError(`${t.exportFailed}: ${problemText(e)}`)
    } finally {
      setBusy(null)
    }
  }
  const button = (format: PackFormat, label: string, primary = false) => (
    <button
      type="button"
      className={`nws-button ${primary ? '' : 'nws-button--secondary '}nws-button--small`}
      data-pack={format}
      // Not disabled while busy: a disabled button would drop the keyboard focus.
      aria-busy={busy === format || undefined}
      onClick={() => download(format)}
    >
      {label}
    </button>
  )
  return (
    <section className="nws-fahrplan__pack" aria-labelledby="pack-heading" aria-busy={busy !== null || undefined}>
      <h2 id="pack-heading">{t.packHeading}</h2>
      <p>{t.packHint}</p>
      <div className="nws-fahrplan__pack-buttons">
        {button('pdf', t.reportPdf, true)}
        {button('pdfa', t.reportPdfA)}
        {button('odt', t.reportOdt)}
        {button('docx', t.reportDocx)}
        {button('md', t.reportMarkdown)}
        {button('csv', t.reportCsv)}
      </div>
      <FormError error={error} />
      {children}
    </section>
  )
}
