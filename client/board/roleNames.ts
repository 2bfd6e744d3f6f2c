/** How the UI names the three roles and says what each may do. */
import type { Role } from '../../shared/access.ts'
import { t } from '../locale.ts'

export const roleName: Record<Role, string> = {
  facilitator: t.roleFacilitator,
  participant: t.roleParticipant,
  observer: t.roleObserver,
}

export const roleHint: Record<Role, string> = {
  facilitator: t.roleFacilitatorHint,
  participant: t.roleParticipantHint,
  observer: t.roleObserverHint,
}
