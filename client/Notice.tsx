/** A full-page message (loading, not found, licence missing) in the start page's style. */
import type { ReactNode } from 'react'
import { t } from './firstLoadLocale.ts'

export function Notice(props: {
  title: string
  text?: string
  detail?: string
  busy?: boolean
  home?: boolean
  reload?: boolean
  /** What the reader can do about it, below the text. */
  children?: ReactNode
}) {
  return (
    <main className="nws-page nws-notice" aria-busy={props.busy || undefined}>
      <div className="nws-card">
        {props.busy && <div className="nws-spinner" aria-hidden="true" />}
        <h1>{props.title}</h1>
        {props.text && <p>{props.text}</p>}
        {props.detail && <p className="nws-detail">{props.detail}</p>}
        {props.children}
        <div className="nws-actions">
          {props.reload && (
            <button type="button" className="nws-button" onClick={() => window.location.reload()}>
              {t.reload}
            </button>
          )}
          {props.home && (
            <a className="nws-link" href="/">
              {t.backToStart}
            </a>
          )}
        </div>
      </div>
    </main>
  )
}
