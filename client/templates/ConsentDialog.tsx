/**
 * The facilitator records a Fallkonferenz's confirmations (`facilitation/consent`): a dialog from
 * the template's tools. Each answer is a choice, not a word to be read: what is only requested or
 * promised verbally is recorded as such, and holds the case. The dialog says at once what is
 * still missing; the relay takes the record from the facilitator only.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useEditor, useValue } from 'tldraw'
import {
  consentEntry,
  consentKey,
  consentLimits,
  consentState,
  consentStatuses,
  emptyConsent,
  presentRecord,
  type CaseConsent,
  type ConsentStatus,
} from '../../shared/board/entries/consent.ts'
import { pick, type Locale } from '../../shared/locale.ts'
import { gapText } from '../../shared/templates/fallkonferenzConsent.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { findPageInstance } from './growTemplate.ts'
import { consentTexts as text, statusLabels } from './fallkonferenzTexts.ts'
import { CaseRemoval } from './CaseRemoval.tsx'

const lines = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, consentLimits.stellen)
    .map((line) => line.slice(0, consentLimits.name))

/** The record key of a Fallkonferenz on the board: its instance on its page. */
export function useConsentKey(instanceId: string): string | undefined {
  const editor = useEditor()
  return useValue('consent key', () => {
    const title = findPageInstance(editor, instanceId)?.title
    return title ? consentKey(instanceId, title.parentId) : undefined
  }, [editor, instanceId])
}

export function ConsentTools(props: { instanceId: string; locale: Locale; report(message: string): void }) {
  const session = useOpenBoard()
  const key = useConsentKey(props.instanceId)
  const [open, setOpen] = useState(false)
  if (!key || !consentEntry.mayWrite(session.role)) return null
  return (
    <>
      <button type="button" className="nws-button nws-button--secondary nws-button--small" data-action="consent" onClick={() => setOpen(true)}>
        {pick(text.open, props.locale)}
      </button>
      {open && <ConsentDialog recordKey={key} instanceId={props.instanceId} locale={props.locale} onClose={() => setOpen(false)} report={props.report} />}
    </>
  )
}

function ConsentDialog(props: { recordKey: string; instanceId: string; locale: Locale; onClose(): void; report(message: string): void }) {
  const { recordKey, locale, onClose, report } = props
  const session = useOpenBoard()
  const t = (labels: { de: string; en: string }) => pick(labels, locale)
  const stored = session.facilitation.entries.consent.get().cases
  const initial = Object.hasOwn(stored, recordKey) ? stored[recordKey] : emptyConsent()
  const [draft, setDraft] = useState<CaseConsent>(initial)
  const [entbunden, setEntbunden] = useState(initial.entbundeneStellen.join('\n'))
  const [anwesend, setAnwesend] = useState(initial.anwesendeStellen.join('\n'))
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const id = useId()
  useEffect(() => {
    const element = dialog.current
    element?.showModal()
    return () => element?.close()
  }, [])
  // The person herself is recorded as taking part, never kept among the Stellen.
  const record: CaseConsent = { ...draft, entbundeneStellen: lines(entbunden), ...presentRecord(lines(anwesend), !!draft.personSelbst) }
  const verdict = consentState(record)
  const set = <K extends keyof CaseConsent>(field: K, value: CaseConsent[K]) => setDraft((d) => ({ ...d, [field]: value }))
  const write = (next: CaseConsent | null) => {
    const cases = { ...session.facilitation.entries.consent.get().cases }
    if (next) cases[recordKey] = next
    else delete cases[recordKey]
    consentEntry.set(session.connection.doc, { cases })
  }
  const save = (event: FormEvent) => {
    event.preventDefault()
    write(record)
    report(verdict.released ? t(text.released) : `${t(text.saved)} ${t(text.stillMissing)} ${verdict.missing.map((g) => gapText(g, locale)).join('; ')}`)
    onClose()
  }
  const status = (field: 'einverstaendnis' | 'entbindung') => (
    <label className="nws-field" htmlFor={`${id}-${field}`}>
      <span className="nws-field__label">{t(text[field])}</span>
      <select id={`${id}-${field}`} name={field} value={draft[field]} onChange={(e) => set(field, e.target.value as ConsentStatus)}>
        {consentStatuses.map((s) => (
          <option key={s} value={s}>
            {t(statusLabels[s])}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <dialog
      ref={dialog}
      className="nws-modal nws-consent"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <form onSubmit={save}>
        <h2 id={titleId}>{t(text.title)}</h2>
        <p className="nws-field__hint">{t(text.intro)}</p>
        {status('einverstaendnis')}
        {status('entbindung')}
        <label className="nws-field">
          <span className="nws-field__label">{t(text.entbundeneStellen)}</span>
          <textarea name="entbundeneStellen" rows={3} value={entbunden} onChange={(e) => setEntbunden(e.target.value)} />
        </label>
        <label className="nws-field">
          <span className="nws-field__label">{t(text.anwesendeStellen)}</span>
          <textarea name="anwesendeStellen" rows={3} value={anwesend} onChange={(e) => setAnwesend(e.target.value)} />
        </label>
        <p className="nws-field__hint">{t(text.anwesendeHint)}</p>
        <label className="nws-consent__check">
          <input type="checkbox" name="personSelbst" checked={!!record.personSelbst} onChange={(e) => set('personSelbst', e.target.checked)} />
          {t(text.personSelbst)}
        </label>
        <label className="nws-consent__check">
          <input type="checkbox" name="nurPseudonym" checked={draft.nurPseudonym} onChange={(e) => set('nurPseudonym', e.target.checked)} />
          {t(text.nurPseudonym)}
        </label>
        <label className="nws-field">
          <span className="nws-field__label">{t(text.moderation)}</span>
          <input name="moderation" maxLength={consentLimits.name} value={draft.moderation} onChange={(e) => set('moderation', e.target.value)} />
        </label>
        <label className="nws-consent__check">
          <input
            type="checkbox"
            name="moderationNichtEinbringend"
            checked={draft.moderationNichtEinbringend}
            onChange={(e) => set('moderationNichtEinbringend', e.target.checked)}
          />
          {t(text.moderationNichtEinbringend)}
        </label>
        <div className="nws-consent__row">
          <label className="nws-field">
            <span className="nws-field__label">{t(text.datum)}</span>
            <input type="date" name="datum" value={draft.datum} onChange={(e) => set('datum', e.target.value)} />
          </label>
          <label className="nws-field">
            <span className="nws-field__label">{t(text.bestaetigtVon)}</span>
            <input name="bestaetigtVon" maxLength={consentLimits.initials} value={draft.bestaetigtVon} onChange={(e) => set('bestaetigtVon', e.target.value)} />
          </label>
        </div>
        <div className="nws-consent__verdict" role="status" data-released={verdict.released}>
          {verdict.released ? (
            t(text.released)
          ) : (
            <>
              {t(text.stillMissing)}
              <ul>
                {verdict.missing.map((gap, i) => (
                  <li key={i}>{gapText(gap, locale)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="nws-consent__actions">
          <button type="submit" className="nws-button" data-action="consent-save">
            {t(text.save)}
          </button>
          <button type="button" className="nws-button nws-button--secondary" onClick={onClose}>
            {t(text.cancel)}
          </button>
          {Object.hasOwn(stored, recordKey) && (
            <button
              type="button"
              className="nws-button nws-button--secondary"
              onClick={() => {
                write(null)
                onClose()
              }}
            >
              {t(text.withdraw)}
            </button>
          )}
        </div>
      </form>
      {/* Beside the withdrawal: the case and its copies leave the board (Art. 7(3), 17(1)(b) DSGVO). */}
      <CaseRemoval instanceId={props.instanceId} locale={locale} report={report} onDone={onClose} />
    </dialog>
  )
}
