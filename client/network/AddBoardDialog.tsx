/** "Vorhandenes Board aufnehmen": a board files into the network by its facilitator link, under a phase. */
import { useId, useState, type FormEvent } from 'react'
import { pick } from '../../shared/locale.ts'
import { phaseNumber, phases, type PhaseId } from '../../shared/templates/phases.ts'
import { parseBoardReference } from '../boardReference.ts'
import { locale, t } from '../locale.ts'
import { Modal } from './Modal.tsx'
import { addBoardRefusal } from './fahrplanRefusals.ts'
import { addNetworkBoard } from './networkCalls.ts'
import type { NetworkAccess } from './networkAccess.ts'
import { FormError } from '../FormError.tsx'
import { BodyField } from './BodyField.tsx'

export function AddBoardDialog(props: { network: NetworkAccess; phase: PhaseId; groups: readonly string[]; onClose(): void; onAdded(): Promise<void> }) {
  const { network, groups, onClose, onAdded } = props
  const id = useId()
  const [link, setLink] = useState('')
  const [phase, setPhase] = useState<PhaseId>(props.phase)
  const [internal, setInternal] = useState(false)
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const reference = parseBoardReference(link, window.location.href)
    if (!reference?.token) {
      setError(t.addBoardInvalid)
      return
    }
    setBusy(true)
    setError(null)
    try {
      await addNetworkBoard(network.id, network.token, { boardId: reference.id, token: reference.token, phase, internal, body: body.trim() })
      await onAdded()
      onClose()
    } catch (e) {
      setError(addBoardRefusal(e))
      setBusy(false)
    }
  }

  return (
    <Modal title={t.fahrplanAddExisting} onClose={onClose}>
      <form className="nws-modal__form" onSubmit={submit}>
        <label htmlFor={`${id}-link`}>{t.addBoardLinkLabel}</label>
        <input
          id={`${id}-link`}
          value={link}
          onChange={(e) => {
            setLink(e.target.value)
            setError(null)
          }}
          placeholder={t.openPlaceholder}
          aria-invalid={error !== null || undefined}
          aria-describedby={`${id}-hint`}
          required
          autoFocus
        />
        <p id={`${id}-hint`} className="nws-muted nws-modal__hint">
          {t.addBoardLinkHint}
        </p>
        <label htmlFor={`${id}-phase`}>{t.fahrplanPhaseLabel}</label>
        <select id={`${id}-phase`} value={phase} onChange={(e) => setPhase(e.target.value as PhaseId)}>
          {phases.map((p) => (
            <option key={p.id} value={p.id}>
              {phaseNumber(p.id)} · {pick(p.title, locale)}
            </option>
          ))}
        </select>
        <BodyField value={body} groups={groups} onChange={(next) => setBody(next)} />
        <label className="nws-check">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          <span>{t.newBoardInternal}</span>
        </label>
        <div className="nws-modal__actions">
          <button type="button" className="nws-button nws-button--secondary" onClick={onClose}>
            {t.fahrplanCancel}
          </button>
          <button type="submit" className="nws-button" disabled={busy || link.trim() === ''}>
            {t.addBoardButton}
          </button>
        </div>
        <FormError error={error} />
      </form>
    </Modal>
  )
}
