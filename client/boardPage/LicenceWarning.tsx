/**
 * For facilitators: a small note when tldraw will stop the canvas at this address within 60 days
 * (the licence key runs out), so someone tells the IT in time. Closed with ×, for this visit.
 */
import { useState } from 'react'
import type { ClientConfig } from '../../shared/api.ts'
import { licenceWarningDays } from '../../shared/tldrawLicence.ts'
import { decideEditorGate } from '../licenceGate.ts'
import { licenceTexts } from '../licenceTexts.ts'
import { locale } from '../locale.ts'
import './licencePage.css'

export function LicenceWarning({ config }: { config: ClientConfig }) {
  const [gate] = useState(() => decideEditorGate(window.location, config))
  const [closed, setClosed] = useState(false)
  if (closed || !gate.mount || gate.verdict.verdict !== 'licensed') return null
  const { daysLeft, lastDay } = gate.verdict
  if (daysLeft === null || lastDay === null || daysLeft > licenceWarningDays) return null
  const texts = licenceTexts[locale]
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(lastDay))
  return (
    <div className="nws-licence-warning" role="status">
      <p>{texts.warning({ lastDay: date, days: daysLeft })}</p>
      <button type="button" className="nws-icon-button" aria-label={texts.warningClose} title={texts.warningClose} onClick={() => setClosed(true)}>
        ×
      </button>
    </div>
  )
}
