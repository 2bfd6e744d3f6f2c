/**
 * The board page when tldraw's licence check would switch the canvas off: what is wrong, that
 * nothing is lost, who to tell, what the operator does, and the board's content as its Markdown
 * export, read without the editor (and saved with one click).
 */
import { useEffect, useState } from 'react'
import { ApiError, fetchExport } from '../api.ts'
import type { EditorGate, RejectionReason } from '../licenceGate.ts'
import { checkCommand, licenceTexts } from '../licenceTexts.ts'
import { locale } from '../locale.ts'
import { fileNameFromDisposition, saveBlob } from '../saveFile.ts'
import './licencePage.css'

type Content = { state: 'loading' } | { state: 'read'; text: string; blob: Blob; name: string } | { state: 'refused' } | { state: 'failed' }

export function LicencePage(props: { boardId: string; token: string; reason: RejectionReason; verdict?: (EditorGate & { mount: false })['verdict'] }) {
  const { boardId, token, reason, verdict } = props
  const texts = licenceTexts[locale]
  const host = window.location.hostname
  const expiry = verdict?.expiry ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(verdict.expiry)) : ''
  const hosts = (verdict?.hosts ?? []).join(', ')
  const [content, setContent] = useState<Content>({ state: 'loading' })

  useEffect(() => {
    let cancelled = false
    fetchExport(boardId, token, 'md').then(
      async ({ blob, disposition }) => {
        const text = await blob.text()
        if (!cancelled) setContent({ state: 'read', text, blob, name: fileNameFromDisposition(disposition, 'board.md') })
      },
      (error: unknown) => !cancelled && setContent({ state: error instanceof ApiError && error.status === 403 ? 'refused' : 'failed' }),
    )
    return () => {
      cancelled = true
    }
  }, [boardId, token])

  return (
    <main className="nws-page nws-licence" data-licence-reason={reason}>
      <div className="nws-card">
        <h1>{texts.heading}</h1>
        <p>{texts.why[reason]({ expiry, hosts, host })}</p>
        <p className="nws-licence__safe">{texts.safe}</p>
        <p>{texts.whoToTell}</p>
        <p className="nws-detail">{withCommand(texts.operator[reason]({ host }))}</p>
      </div>
      <section className="nws-card nws-licence__content" aria-labelledby="nws-licence-content" aria-busy={content.state === 'loading' || undefined}>
        <h2 id="nws-licence-content">{texts.contentHeading}</h2>
        {content.state === 'loading' && <p>{texts.contentLoading}</p>}
        {content.state === 'refused' && <p>{texts.contentRefused}</p>}
        {content.state === 'failed' && <p>{texts.contentFailed}</p>}
        {content.state === 'read' && (
          <>
            <button type="button" className="nws-button" onClick={() => saveBlob(content.blob, content.name)}>
              {texts.download}
            </button>
            <pre className="nws-licence__export" tabIndex={0}>
              {content.text}
            </pre>
          </>
        )}
      </section>
    </main>
  )
}

/** The text with the admin command as code that does not break at its dashes (a phone broke `--`). */
function withCommand(text: string) {
  return text.split(checkCommand).flatMap((part, at) => (at === 0 ? [part] : [<code key={at} className="nws-licence__command">{checkCommand}</code>, part]))
}
