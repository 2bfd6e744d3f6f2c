/**
 * Why the canvas is missing, over the list every role works on instead (`WithoutCanvas.tsx`):
 * that the workshop goes on here (and, for the facilitator, where she steers it), then, folded,
 * what is wrong, whom to tell, what the operator does and where that is written down, and the
 * board's content as its Markdown export (what the list does not show: Zettel outside a
 * template), fetched when unfolded and saved with one click.
 */
import { useEffect, useState } from 'react'
import { ApiError, fetchExport } from '../api.ts'
import type { EditorGate, RejectionReason } from '../licenceGate.ts'
import { checkCommand, licenceTexts } from '../licenceTexts.ts'
import { locale } from '../locale.ts'
import { fileNameFromDisposition, saveBlob } from '../saveFile.ts'
import './licencePage.css'

type Content = { state: 'loading' } | { state: 'read'; text: string; blob: Blob; name: string } | { state: 'refused' } | { state: 'failed' }

export interface CanvasMissingProps {
  boardId: string
  token: string
  reason: RejectionReason
  verdict?: (EditorGate & { mount: false })['verdict']
  facilitator: boolean
}

export function CanvasMissing({ boardId, token, reason, verdict, facilitator }: CanvasMissingProps) {
  const texts = licenceTexts[locale]
  const host = window.location.hostname
  const expiry = verdict?.expiry ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(verdict.expiry)) : ''
  const hosts = (verdict?.hosts ?? []).join(', ')
  const [unfolded, setUnfolded] = useState(false)
  return (
    <aside className="nws-licence" data-licence-reason={reason} aria-labelledby="nws-licence-heading">
      <h2 id="nws-licence-heading">{texts.heading}</h2>
      <p className="nws-licence__safe">{texts.listInstead}</p>
      {facilitator && <p>{texts.listInsteadFacilitator}</p>}
      <details onToggle={(event) => setUnfolded(event.currentTarget.open)}>
        <summary>{texts.details}</summary>
        <p>{texts.why[reason]({ expiry, hosts, host })}</p>
        <p>{texts.whoToTell}</p>
        <p className="nws-detail">
          {withCommand(texts.operator[reason]({ host }))} {texts.docs}
        </p>
        {unfolded && <BoardContent boardId={boardId} token={token} />}
      </details>
    </aside>
  )
}

function BoardContent({ boardId, token }: { boardId: string; token: string }) {
  const texts = licenceTexts[locale]
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
    <section className="nws-licence__content" aria-labelledby="nws-licence-content" aria-busy={content.state === 'loading' || undefined}>
      <h3 id="nws-licence-content">{texts.contentHeading}</h3>
      {content.state === 'loading' && <p>{texts.contentLoading}</p>}
      {content.state === 'refused' && <p>{texts.contentRefused}</p>}
      {content.state === 'failed' && <p>{texts.contentFailed}</p>}
      {content.state === 'read' && (
        <>
          <button type="button" className="nws-contribute__button" onClick={() => saveBlob(content.blob, content.name)}>
            {texts.download}
          </button>
          <pre className="nws-licence__export" tabIndex={0}>
            {content.text}
          </pre>
        </>
      )}
    </section>
  )
}

/** The text with the admin command as code that does not break at its dashes (a phone broke `--`). */
function withCommand(text: string) {
  return text.split(checkCommand).flatMap((part, at) => (at === 0 ? [part] : [<code key={at} className="nws-licence__command">{checkCommand}</code>, part]))
}
