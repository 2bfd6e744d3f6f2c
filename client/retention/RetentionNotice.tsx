/**
 * One announced deletion with its „Behalten“ button: on the start page, the board and the
 * Fahrplan. The date is the reader's own calendar's (`Intl`); after keeping, the new date.
 */
import { useState } from 'react'
import { isAnnounced } from '../../shared/retentionApi.ts'
import { problemText } from '../apiProblems.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { keep } from './retentionCalls.ts'
import './retention.css'

/** The reader's own form of the page's language where it is one (en-GB: 11 December 2026), else the language's. */
const dateLocale = typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith(locale) ? navigator.language : locale
const longDate = new Intl.DateTimeFormat(dateLocale, { dateStyle: 'long' })
export const retentionDate = (iso: string) => longDate.format(new Date(iso))

export interface RetentionTarget {
  kind: 'board' | 'network'
  id: string
  token: string
}

/** `text` has `{date}` and whatever `values` fills (a title). */
export function RetentionNotice(props: { target: RetentionTarget; text: string; values?: Record<string, string>; deleteAfter: string; as?: 'li' | 'div'; className?: string }) {
  const { target, text, values, deleteAfter, as: Tag = 'div', className } = props
  const [kept, setKept] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const onKeep = async () => {
    setBusy(true)
    setError(null)
    try {
      const { deleteAfter: next } = await keep(target)
      setKept(next ?? '')
    } catch (e) {
      setError(format(t.retentionKeepFailed, { error: problemText(e) }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Tag className={['nws-retention', className].filter(Boolean).join(' ')} data-retention={target.kind} data-id={target.id} data-kept={kept !== null || undefined}>
      {kept === null ? (
        <>
          <p className="nws-retention__text">{format(text, { ...values, date: retentionDate(deleteAfter) })}</p>
          <button type="button" className="nws-button nws-button--secondary nws-retention__keep" onClick={onKeep} disabled={busy}>
            {t.retentionKeep}
          </button>
        </>
      ) : (
        <p className="nws-retention__text" role="status">
          {kept ? format(t.retentionKept, { date: retentionDate(kept) }) : t.retentionKeptForEver}
        </p>
      )}
      {error && (
        <p className="nws-error" role="alert">
          {error}
        </p>
      )}
    </Tag>
  )
}

export { isAnnounced }
