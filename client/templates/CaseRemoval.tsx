/**
 * „Fall vom Board entfernen“ in the confirmations dialog: after a withdrawn consent the case
 * leaves the board with its copies (`server/http/caseRemovalApi.ts`). The facilitator first sees
 * what goes, counted and placed (never what the case says), and confirms in words that say so.
 */
import { useEffect, useRef, useState } from 'react'
import { pick, type Locale } from '../../shared/locale.ts'
import { anyCopies, caseCopiesLines, type CaseCopies } from '../../shared/results/caseCopies.ts'
import { fetchCaseCopies, removeCase } from '../api.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { removalTexts as text } from './fallkonferenzTexts.ts'

type Step = { kind: 'idle' } | { kind: 'busy' } | { kind: 'listed'; copies: CaseCopies } | { kind: 'failed' }

export function CaseRemoval(props: { instanceId: string; locale: Locale; report(message: string): void; onDone(): void }) {
  const { boardId, token } = useOpenBoard()
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const t = (labels: { de: string; en: string }) => pick(labels, props.locale)
  const shown = useRef<HTMLDivElement>(null)
  // The list lies below the record, past a laptop's screen: brought into view where it opens.
  useEffect(() => {
    if (step.kind === 'listed') shown.current?.scrollIntoView({ block: 'nearest' })
  }, [step.kind])
  const list = () => {
    setStep({ kind: 'busy' })
    fetchCaseCopies(boardId, token, props.instanceId).then(
      (copies) => setStep({ kind: 'listed', copies }),
      () => setStep({ kind: 'failed' }),
    )
  }
  const remove = () => {
    setStep({ kind: 'busy' })
    removeCase(boardId, token, props.instanceId).then(
      (left) => {
        const lines = caseCopiesLines(left, props.locale)
        props.report(lines.length === 0 ? t(text.done) : `${t(text.left)} ${lines.join('; ')}`)
        props.onDone()
      },
      () => setStep({ kind: 'failed' }),
    )
  }
  if (step.kind === 'idle' || step.kind === 'failed')
    return (
      <div className="nws-consent__removal">
        {step.kind === 'failed' && <p role="alert">{t(text.failed)}</p>}
        <button type="button" className="nws-button nws-button--secondary" data-action="case-copies" onClick={list}>
          {t(text.open)}
        </button>
      </div>
    )
  if (step.kind === 'busy') return <p className="nws-consent__removal" role="status">{t(text.reading)}</p>
  const lines = caseCopiesLines(step.copies, props.locale)
  if (!anyCopies(step.copies) && step.copies.unread === 0) return <p className="nws-consent__removal" role="status">{t(text.nothing)}</p>
  return (
    <div ref={shown} className="nws-consent__removal" role="group" aria-label={t(text.open)}>
      <p>{t(text.intro)}</p>
      <ul data-case-copies="">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="nws-field__hint">{t(text.stays)}</p>
      <div className="nws-consent__actions">
        <button type="button" className="nws-button nws-button--danger" data-action="case-remove" onClick={remove}>
          {t(text.confirm)}
        </button>
        <button type="button" className="nws-button nws-button--secondary" onClick={() => setStep({ kind: 'idle' })}>
          {t(text.back)}
        </button>
      </div>
    </div>
  )
}
