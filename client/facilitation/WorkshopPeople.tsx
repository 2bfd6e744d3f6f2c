/**
 * Roles in the people list: each person's access role (Moderation / Teilnehmende / Nur ansehen,
 * as their client publishes it) and their Planspiel role; the facilitator assigns Planspiel
 * roles right there.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import { DefaultPeopleMenuItem, DefaultUserPresenceEditor, useEditor, usePresence, useValue, type Editor, type TLUiPeopleMenuItemProps } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import {
  accessRoleLabels,
  assignRole,
  planspielRoleChoices,
  planspielRoleLabel,
  sameRole,
  type PlanspielRole,
} from '../../shared/board/entries/roles.ts'
import { pick } from '../../shared/locale.ts'
import type { PlanspielOptions } from '../../shared/templates/planspiel.ts'
import { locale, t } from '../locale.ts'
import { pageInstances } from '../templates/pageInstances.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { roleOfUser } from '../board/facilitation/roomPeers.ts'
import { isIdle, useClock } from '../board/people.ts'
import { listPageId } from '../beitragen/listPresence.ts'

/** tldraw's people-menu row (name, follow), with the person's roles beneath. */
export function WorkshopPeopleMenuItem({ userId }: TLUiPeopleMenuItemProps) {
  const f = useFacilitation()
  const presence = usePresence(userId)
  const accessRole = useValue('access role', () => roleOfUser(f.peers.get(), userId), [f, userId])
  const now = useClock()
  if (!presence) return null
  const idle = isIdle(presence, now)
  // In the list there is no cursor to go to and no view to follow: tldraw's name button would move to the page's corner.
  const inList = presence.currentPageId === listPageId
  return (
    <div
      className="nws-person"
      data-user={userId}
      data-idle={idle || undefined}
      data-in-list={inList || undefined}
      onClickCapture={(event) => inList && (event.target as Element).closest('.tlui-people-menu__item__button') && event.stopPropagation()}
    >
      <DefaultPeopleMenuItem userId={userId} />
      {inList && <span className="nws-person__where">{t.personInList}</span>}
      {idle && <span className="nws-person__idle">{t.personIdle}</span>}
      <RoleLine f={f} userId={userId} accessRole={accessRole} />
    </div>
  )
}

/** tldraw's editor for our own name and colour (the pencil renames), marked as ours, with our own roles beneath. */
export function WorkshopUserPresenceEditor() {
  const editor = useEditor()
  const f = useFacilitation()
  const userId = useValue('own user id', () => editor.user.getRecordId() as string, [editor])
  return (
    <div className="nws-person nws-person--self" data-user={userId}>
      <DefaultUserPresenceEditor />
      <RoleLine f={f} userId={userId} accessRole={f.role} self />
    </div>
  )
}

/** Organisation names of the Planspiele on the current page. */
function planspielOrganisations(editor: Editor): string[][] {
  return pageInstances(editor)
    .filter((i) => i.template === 'planspiel')
    // Parsed by the Planspiel's own options as the instance was read (`findInstances`).
    .map((i) => (i.options as PlanspielOptions).organisations)
}

function RoleLine({ f, userId, accessRole, self = false }: { f: Facilitation; userId: string; accessRole: Role | null; self?: boolean }) {
  const role = useValue('planspiel role', () => f.roles.get()[userId], [f, userId])
  return (
    <div className="nws-person__roles">
      {self && <span className="nws-person__you">{t.you}</span>}
      {accessRole && (
        <span className="nws-person__access" data-role={accessRole}>
          {pick(accessRoleLabels[accessRole], locale)}
        </span>
      )}
      {f.isFacilitator ? (
        <RolePicker f={f} userId={userId} role={role} />
      ) : (
        role && <span className="nws-person__planspiel">{planspielRoleLabel(role, locale)}</span>
      )}
    </div>
  )
}

const noRole = 'none'
const customRole = 'custom'

function RolePicker({ f, userId, role }: { f: Facilitation; userId: string; role: PlanspielRole | undefined }) {
  const editor = useEditor()
  const id = useId()
  const [custom, setCustom] = useState<string | null>(null)
  // As a string, so that the row re-renders when the names change, not on every shape change.
  const organisations = useValue('planspiel organisations', () => JSON.stringify(planspielOrganisations(editor)), [editor])
  const choices = planspielRoleChoices(JSON.parse(organisations) as string[][])
  // A role assigned earlier (a custom one, an organisation renamed since) stays selectable.
  if (role && !choices.some((c) => sameRole(c, role))) choices.push(role)
  const assign = (next: PlanspielRole | null) => f.setRoles(assignRole(f.roles.get(), userId, next))
  const onChange = (value: string) => {
    if (value === customRole) return setCustom(role?.kind === 'custom' ? role.text : '')
    setCustom(null)
    assign(value === noRole ? null : choices[Number(value)])
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const text = custom?.trim()
    if (text) assign({ kind: 'custom', text: text.slice(0, 80) })
    setCustom(null)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') event.stopPropagation()
  }
  const selected = custom !== null ? customRole : role ? String(choices.findIndex((c) => sameRole(c, role))) : noRole
  return (
    <span className="nws-person__picker" onKeyDown={onKeyDown}>
      <label className="nws-visually-hidden" htmlFor={id}>
        {t.workshopRoleLabel}
      </label>
      <select id={id} value={selected} title={t.workshopRoleLabel} onChange={(event) => onChange(event.target.value)}>
        <option value={noRole}>{t.workshopRoleNone}</option>
        {choices.map((choice, i) => (
          <option key={i} value={String(i)}>
            {planspielRoleLabel(choice, locale)}
          </option>
        ))}
        <option value={customRole}>{t.workshopRoleCustom}</option>
      </select>
      {custom !== null && (
        <form className="nws-person__custom" onSubmit={onSubmit}>
          <input
            aria-label={t.workshopRoleLabel}
            placeholder={t.workshopRoleCustomPlaceholder}
            maxLength={80}
            value={custom}
            autoFocus
            onChange={(event) => setCustom(event.target.value)}
          />
          <button type="submit" className="nws-pill nws-pill--primary" disabled={!custom.trim()}>
            {t.workshopRoleApply}
          </button>
        </form>
      )}
    </span>
  )
}
