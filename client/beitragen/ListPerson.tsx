/**
 * Who writes in the list: this browser's user as the canvas knows it (`storedUser.ts`), present
 * in the room (`listPresence.ts`), asked for a name on the first visit as the canvas asks
 * (once per browser, one answer for both views), and renamed from the list's header.
 */
import { useEffect, useRef, useState } from 'react'
import type { Role } from '../../shared/access.ts'
import { format } from '../i18n.ts'
import { NameDialog } from '../join/NameDialog.tsx'
import { locale, t } from '../firstLoadLocale.ts'
import { nameChoice } from '../nameChoice.ts'
import { storedUser, storeUserName, type StoredUser } from '../storedUser.ts'
import type { ContributionConnection } from './contributionConnection.ts'
import { publishListPresence, type PublishedPresence } from './listPresence.ts'
import './listPerson.css'

export interface ListPerson {
  user: StoredUser
  rename(name: string): void
}

/** This browser's user, published in the room while the connection is open. */
export function useListPerson(connection: ContributionConnection | null, role: Role): ListPerson {
  const [user, setUser] = useState(() => storedUser(locale))
  const published = useRef<PublishedPresence | null>(null)
  const latest = useRef(user)
  latest.current = user
  useEffect(() => {
    if (!connection) return
    const presence = publishListPresence(connection.awareness, latest.current, role)
    published.current = presence
    return () => {
      published.current = null
      presence.dispose()
    }
  }, [connection, role])
  return {
    user,
    rename(name) {
      const renamed = storeUserName(latest.current, name)
      setUser(renamed)
      published.current?.rename(renamed)
    },
  }
}

/** „Wie heißen Sie?“ on the list's first visit in this browser (not if the canvas asked already). */
export function ListNamePrompt({ person }: { person: ListPerson }) {
  const [open, setOpen] = useState(() => nameChoice() === null)
  if (!open) return null
  return <NameDialog text={t.namePromptListText} onName={person.rename} onClose={() => setOpen(false)} />
}

/** One's name under the board's title, and a way to change it. */
export function ListName({ person }: { person: ListPerson }) {
  const [renaming, setRenaming] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const wasRenaming = useRef(false)
  // Back on the button when the dialog closes: the keyboard stays where it was.
  useEffect(() => {
    if (!renaming && wasRenaming.current) button.current?.focus()
    wasRenaming.current = renaming
  }, [renaming])
  return (
    <div className="nws-contribute__person">
      <span>{format(t.contributeYourName, { name: person.user.name })}</span>{' '}
      <button ref={button} type="button" className="nws-contribute__link" onClick={() => setRenaming(true)}>
        {t.contributeRename}
      </button>
      {renaming && <NameDialog text={t.namePromptListText} onName={person.rename} onClose={() => setRenaming(false)} />}
    </div>
  )
}
