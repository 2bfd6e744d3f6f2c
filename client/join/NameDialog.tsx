/**
 * The question "Wie heißen Sie?" as a modal dialog, without tldraw: the canvas asks it on joining
 * (`NamePrompt.tsx`), the list („Beitragen“) on its first visit (`beitragen/ListNamePrompt.tsx`);
 * each saves the name where its view keeps it. Submitting or „Später“ (Esc) is remembered for
 * the browser (`nameChoice.ts`), so neither view asks again.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'
import { nameChoice, nameWithOrganisation, rememberNameChoice } from '../nameChoice.ts'
import { t } from '../firstLoadLocale.ts'
import { proposedName } from '../proposedName.ts'

const maxLength = 60

export interface NameDialogProps {
  /** What the name is for, under the question. */
  text: string
  onName(name: string): void
  /** After either answer; the caller stops rendering the dialog. */
  onClose(): void
  /** Below the answers (the canvas's „Beamer“ choice). */
  children?: ReactNode
}

export function NameDialog({ text, onName, onClose, children }: NameDialogProps) {
  // An Element widget's display name, from its link (`proposedName.ts`): offered, not taken unasked.
  const [name, setName] = useState(() => proposedName() ?? '')
  const [organisation, setOrganisation] = useState('')
  const dialog = useRef<HTMLDialogElement>(null)
  const nameInput = useRef<HTMLInputElement>(null)
  const id = useId()

  useEffect(() => {
    const element = dialog.current
    if (!element || element.open) return
    element.showModal()
    nameInput.current?.focus()
  }, [])

  const close = (choice: 'chosen' | 'skipped') => {
    // Put off after a name was given once: still given.
    if (choice === 'chosen' || nameChoice() === null) rememberNameChoice(choice)
    dialog.current?.close()
    onClose()
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    onName(nameWithOrganisation(name, organisation))
    close('chosen')
  }
  // Typing here is not for the board's keyboard shortcuts; Esc still reaches the dialog.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') event.stopPropagation()
  }
  return (
    <dialog
      ref={dialog}
      className="nws-name-prompt nws-card"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(event) => {
        event.preventDefault()
        close('skipped')
      }}
      onKeyDown={onKeyDown}
    >
      <form onSubmit={onSubmit}>
        <h2 id={`${id}-title`}>{t.namePromptTitle}</h2>
        <p id={`${id}-text`} className="nws-name-prompt__text">
          {text}
        </p>
        <label htmlFor={`${id}-name`}>{t.namePromptName}</label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          autoComplete="name"
          maxLength={maxLength}
          placeholder={t.namePromptNamePlaceholder}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor={`${id}-organisation`}>{t.namePromptOrganisation}</label>
        <input
          id={`${id}-organisation`}
          autoComplete="organization"
          maxLength={maxLength}
          placeholder={t.namePromptOrganisationPlaceholder}
          value={organisation}
          onChange={(event) => setOrganisation(event.target.value)}
        />
        <div className="nws-name-prompt__actions">
          <button type="submit" className="nws-button" disabled={!name.trim()}>
            {t.namePromptContinue}
          </button>
          <button type="button" className="nws-button nws-button--secondary" onClick={() => close('skipped')}>
            {t.namePromptLater}
          </button>
        </div>
        {children}
      </form>
    </dialog>
  )
}
