/** How the UI names the three roles (one name each, `accessRoleLabels`) and says what each may do. */
import type { Role } from '../../shared/access.ts'
import { accessRoleLabels } from '../../shared/board/entries/roles.ts'
import { pick } from '../../shared/locale.ts'
import { locale, t } from '../locale.ts'

export const roleName: Record<Role, string> = {
  facilitator: pick(accessRoleLabels.facilitator, locale),
  participant: pick(accessRoleLabels.participant, locale),
  observer: pick(accessRoleLabels.observer, locale),
}

export const roleHint: Record<Role, string> = {
  facilitator: t.roleFacilitatorHint,
  participant: t.roleParticipantHint,
  observer: t.roleObserverHint,
}
