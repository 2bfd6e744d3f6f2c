/**
 * "Wie heißen Sie?" when a browser first joins a board: the name (and organisation) others see
 * and the Protokoll's attendance takes in, instead of a generated "Kluge Gämse". Asked once per
 * browser, over the board as it loads; "Später" (or Esc) keeps the generated name and does not
 * ask again, so a projector laptop is never held up; a facilitator can make the device the
 * wall instead (the Beamer, nobody on the board). Renaming stays in the people list.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { getUserPreferences, setUserPreferences } from 'tldraw'
import { nameChoice, nameWithOrganisation, rememberNameChoice } from '../board/currentUser.ts'
import { t } from '../locale.ts'

const maxLength = 60

/** `onBeamer`: offered to a facilitator, whose device may be the wall instead of a person (beamerMemory.ts). */
export function NamePrompt({ onBeamer }: { onBeamer?: () => void }) {
  const [open, setOpen] = useState(() => nameChoice() === null)
  const [name, setName] = useState('')
  const [organisation, setOrganisation] = useState('')
  const dialog = useRef<HTMLDialogElement>(null)
  const nameInput = useRef<HTMLInputElement>(null)
  const id = useId()

  useEffect(() => {
    const element = dialog.current
    if (!open || !element || element.open) return
    element.showModal()
    nameInput.current?.focus()
  }, [open])

  if (!open) return null
  const close = (choice: 'chosen' | 'skipped') => {
    rememberNameChoice(choice)
    dialog.current?.close()
    setOpen(false)
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    setUserPreferences({ ...getUserPreferences(), name: nameWithOrganisation(name, organisation) })
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
          {t.namePromptText}
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
        {onBeamer && (
          <p className="nws-name-prompt__beamer">
            {/* Nothing remembered as a name choice: the device is nobody, and asked again if it stops being the wall. */}
            <button
              type="button"
              className="nws-button nws-button--secondary"
              title={t.beamerChooseHint}
              onClick={() => {
                dialog.current?.close()
                setOpen(false)
                onBeamer()
              }}
            >
              {t.beamerChoose}
            </button>
          </p>
        )}
      </form>
    </dialog>
  )
}
