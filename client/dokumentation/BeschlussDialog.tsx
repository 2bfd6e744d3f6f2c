/**
 * The facilitator's small dialog when marking a Beschluss: who decided (the whole network, a
 * Fachgruppe or Arbeitsgruppe by its name, the steering group) and what it binds (gilt,
 * vorbehaltlich der Zustimmung der Häuser, Empfehlung). The same dialog changes these for marks
 * already there. It starts from the terms of the last Beschluss on the board, so a meeting of one
 * body marks its decisions with one click each.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { atom, useValue } from 'tldraw'
import {
  beschluesseEntry,
  beschlussTerms,
  bindewirkungen,
  toggleBeschluesse,
  withBeschlussTerms,
  type Beschluesse,
  type Bindewirkung,
} from '../../shared/board/entries/beschluesse.ts'
import { bodyLabel, isStandingBody, maxBodyNameLength } from '../../shared/networkBodies.ts'
import { bindewirkungWords } from '../../shared/results/decisions.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { locale, t } from '../locale.ts'

/** The Zettel the dialog is open for, and whether they are marked already (then it changes their terms); null: closed. */
export const beschlussDialog = atom<{ ids: string[]; editing: boolean } | null>('beschluss dialog', null)

type Choice = 'gesamtnetzwerk' | 'fachgruppe' | 'steuerungsgruppe'

/** Where each choice stands in the list; the group's name follows its choice. */
const order: Record<Choice, number> = { gesamtnetzwerk: 0, fachgruppe: 1, steuerungsgruppe: 4 }

const hints: Record<Bindewirkung, () => string> = {
  gilt: () => t.beschlussGiltHint,
  vorbehaltlich: () => t.beschlussVorbehaltHint,
  empfehlung: () => t.beschlussEmpfehlungHint,
}

/** Where the dialog starts: the terms of the Zettel it changes, else of the board's last Beschluss with terms, else the whole network and „gilt“. */
function startingTerms(current: Beschluesse, ids: readonly string[]): { choice: Choice; group: string; bindewirkung: Bindewirkung } {
  const from = [...ids, ...[...current.notes].reverse()].map((id) => beschlussTerms(current, id)).find((terms) => terms.bindewirkung !== null)
  if (!from) return { choice: 'gesamtnetzwerk', group: '', bindewirkung: 'gilt' }
  const standing = isStandingBody(from.gremium)
  return { choice: standing ? (from.gremium as Choice) : 'fachgruppe', group: standing ? '' : from.gremium, bindewirkung: from.bindewirkung ?? 'gilt' }
}

export function BeschlussDialogHost() {
  const open = useValue(beschlussDialog)
  if (!open) return null
  return <BeschlussDialog ids={open.ids} editing={open.editing} onClose={() => beschlussDialog.set(null)} />
}

function BeschlussDialog({ ids, editing, onClose }: { ids: string[]; editing: boolean; onClose(): void }) {
  const session = useOpenBoard()
  const dialog = useRef<HTMLDialogElement>(null)
  const id = useId()
  const [start] = useState(() => startingTerms(session.facilitation.entries.beschluesse.get(), ids))
  const [choice, setChoice] = useState<Choice>(start.choice)
  const [group, setGroup] = useState(start.group)
  const [bindewirkung, setBindewirkung] = useState<Bindewirkung>(start.bindewirkung)
  const [missing, setMissing] = useState(false)
  const groupInput = useRef<HTMLInputElement>(null)
  useEffect(() => {
    const el = dialog.current
    if (el && !el.open) el.showModal()
  }, [])
  const save = (event: FormEvent) => {
    event.preventDefault()
    const gremium = choice === 'fachgruppe' ? group.trim() : choice
    if (!gremium) {
      setMissing(true)
      groupInput.current?.focus()
      return
    }
    const current = session.facilitation.entries.beschluesse.get()
    const terms = { gremium, bindewirkung }
    beschluesseEntry.set(session.connection.doc, editing ? withBeschlussTerms(current, ids, terms) : toggleBeschluesse(current, ids, terms))
    dialog.current?.close()
  }
  const choices: Array<[Choice, string]> = [
    ['gesamtnetzwerk', bodyLabel('gesamtnetzwerk', locale)],
    ['fachgruppe', t.beschlussFachgruppe],
    ['steuerungsgruppe', bodyLabel('steuerungsgruppe', locale)],
  ]
  return (
    <dialog ref={dialog} className="nws-doc-dialog nws-beschluss-dialog" aria-labelledby={`${id}-title`} onClose={onClose} data-beschluss-dialog>
      <header className="nws-doc-dialog__header">
        <h2 id={`${id}-title`}>{t.beschlussDialogTitle}</h2>
        <button type="button" className="nws-icon-button" aria-label={t.docClose} title={t.docClose} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </header>
      <form className="nws-doc-dialog__form" onSubmit={save} noValidate>
        <fieldset className="nws-beschluss-dialog__choices">
          <legend>{t.beschlussGremium}</legend>
          {choices.map(([value, label]) => (
            <label key={value} style={{ order: order[value] }}>
              <input type="radio" name="gremium" value={value} checked={choice === value} onChange={() => setChoice(value)} />
              {label}
            </label>
          ))}
          {/* Right under its choice (the grid's order), so the name belongs to it where it is read. */}
          {choice === 'fachgruppe' && (
            <label className="nws-beschluss-dialog__group" style={{ order: 2 }}>
              {t.beschlussGroupName}
              <input
                ref={groupInput}
                type="text"
                value={group}
                maxLength={maxBodyNameLength}
                placeholder={t.beschlussGroupPlaceholder}
                autoComplete="off"
                aria-invalid={missing || undefined}
                aria-describedby={missing ? `${id}-missing` : undefined}
                onChange={(e) => {
                  setMissing(false)
                  setGroup(e.target.value)
                }}
              />
            </label>
          )}
          {missing && (
            <p id={`${id}-missing`} className="nws-error" role="alert" style={{ order: 3 }}>
              {t.beschlussGroupMissing}
            </p>
          )}
        </fieldset>
        <fieldset className="nws-beschluss-dialog__choices">
          <legend>{t.beschlussBindewirkung}</legend>
          {bindewirkungen.map((value) => (
            <label key={value}>
              <input type="radio" name="bindewirkung" value={value} checked={bindewirkung === value} onChange={() => setBindewirkung(value)} />
              <span>
                {bindewirkungWords[value][locale]}
                <span className="nws-field__hint">{hints[value]()}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <p className="nws-doc-dialog__row nws-beschluss-dialog__actions">
          <button type="submit" className="nws-button nws-button--small">
            {editing ? t.beschlussSaveTerms : t.beschlussSave}
          </button>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => dialog.current?.close()}>
            {t.beschlussCancel}
          </button>
        </p>
      </form>
    </dialog>
  )
}
