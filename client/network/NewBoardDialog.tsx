/**
 * "Neues Board in dieser Phase": a board started with the phase's methods (its own chosen to begin
 * with but never the Fallkonferenz, `newBoardChoices`), filed into the network. With a case or a
 * Beteiligtenanalyse chosen (H 2.3.1: the coordination's own tool) the board is internal, ticked
 * and fixed, as the relay files it (`caseBoards.ts`).
 */
import { useId, useState, type FormEvent } from 'react'
import { maxBoardTemplates, maxTitleLength } from '../../shared/api.ts'
import { pick } from '../../shared/locale.ts'
import { newBoardChoices, type Phase } from '../../shared/templates/phases.ts'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { rememberBoard } from '../recentBoards.ts'
import { Modal } from './Modal.tsx'
import { newBoardRefusal } from './fahrplanRefusals.ts'
import { createNetworkBoard } from './networkCalls.ts'
import { BodyField } from './BodyField.tsx'
import type { NetworkAccess } from './networkAccess.ts'
import { FormError } from '../FormError.tsx'
import { isCaseTemplate, mustBeInternal } from '../../shared/templates/caseBoards.ts'

export function NewBoardDialog(props: { network: NetworkAccess; phase: Phase; groups: readonly string[]; onClose(): void; onCreated(): Promise<void> }) {
  const { network, phase, groups, onClose, onCreated } = props
  const id = useId()
  const [title, setTitle] = useState('')
  const choices = newBoardChoices(phase, maxBoardTemplates)
  const [chosen, setChosen] = useState<readonly TemplateName[]>(choices.ticked)
  const [internalSet, setInternalSet] = useState(false)
  // A case or the coordination's own instrument: internal, and the box fixed.
  const fixedInternal = mustBeInternal(chosen)
  const internal = fixedInternal || internalSet
  const [body, setBody] = useState('')
  // The meeting's day, so that its record goes out with it without „Kopf übernehmen“ (issue 62).
  const [date, setDate] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const toggle = (method: TemplateName, on: boolean) =>
    setChosen((now) => choices.offered.filter((m) => (m === method ? on : now.includes(m))))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    let created
    try {
      // Made and filed in one step: a refusal (a full network) leaves no board behind.
      created = await createNetworkBoard(network.id, network.token, { title: title.trim(), templates: [...chosen], locale, phase: phase.id, internal, body: body.trim(), ...(date ? { date } : {}) })
    } catch (e) {
      setError(newBoardRefusal(e))
      setBusy(false)
      return
    }
    // Like any board this browser created: its three links kept for the share panel.
    rememberBoard(localStorage, created.board, created.board.access)
    // The board is made and filed; a view that fails to refresh now shows it on the next.
    await onCreated().catch(() => {})
    onClose()
  }

  return (
    <Modal title={format(t.newBoardDialogTitle, { phase: pick(phase.title, locale) })} onClose={onClose}>
      <form className="nws-modal__form" onSubmit={submit}>
        <label htmlFor={`${id}-title`}>{t.titleLabel}</label>
        <input
          id={`${id}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t.titlePlaceholder}
          maxLength={maxTitleLength}
          required
          autoFocus
        />
        <fieldset>
          <legend>{t.newBoardMethods}</legend>
          {choices.offered.map((method) => (
            <label key={method} className="nws-check">
              <input type="checkbox" checked={chosen.includes(method)} onChange={(e) => toggle(method, e.target.checked)} />
              <span>{pick(templates[method].title, locale)}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-date`}>{t.newBoardDate}</label>
        <input id={`${id}-date`} type="date" lang={locale} value={date} onChange={(e) => setDate(e.target.value)} />
        <BodyField value={body} groups={groups} onChange={(next) => setBody(next)} />
        <label className="nws-check">
          <input type="checkbox" checked={internal} disabled={fixedInternal} onChange={(e) => setInternalSet(e.target.checked)} />
          <span>{t.newBoardInternal}</span>
        </label>
        {fixedInternal && <p className="nws-muted">{chosen.some(isCaseTemplate) ? t.newBoardCaseInternal : t.newBoardAnalysisInternal}</p>}
        {chosen.length === 0 && <p className="nws-muted">{t.newBoardNoMethod}</p>}
        <div className="nws-modal__actions">
          <button type="button" className="nws-button nws-button--secondary" onClick={onClose}>
            {t.fahrplanCancel}
          </button>
          <button type="submit" className="nws-button" disabled={busy || title.trim() === '' || chosen.length === 0}>
            {busy ? t.creating : t.createButton}
          </button>
        </div>
        <FormError error={error} />
      </form>
    </Modal>
  )
}
