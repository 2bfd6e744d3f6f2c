/**
 * What the facilitator's switch "only signed-in members" shows for the relay's answer about the
 * board (`BoardSignIn`): on or off, whether it can be switched, and what the server's
 * SIGN_IN_POLICY asks anyway. Where the rule holds every link the switch stays on and says why;
 * where it holds some, it still switches and names them; without a sign-in that may require it,
 * switching on waits for one.
 */
import type { BoardSignIn } from '../../shared/api.ts'
import { roles, type Role } from '../../shared/access.ts'
import type { Locale } from '../../shared/locale.ts'
import { format, type Messages } from '../i18n.ts'

export interface SignInSwitchView {
  checked: boolean
  /** Not to be switched here (besides while a change is on its way). */
  locked: boolean
  /** The rule's words: `all` where it holds every link. */
  policy: { all: boolean; text: string } | null
  /** Switching on needs the facilitator's own sign-in with the right to facilitate. */
  needsSignIn: boolean
}

export function signInSwitchView(state: BoardSignIn, messages: Messages, locale: Locale, roleName: Record<Role, string>): SignInSwitchView {
  const held = roles.every((role) => state.policyFloor.includes(role))
  const locked = held || (!state.required && !state.mayRequire)
  const links = new Intl.ListFormat(locale, { type: 'conjunction' }).format(state.policyFloor.map((role) => (locale === 'de' ? `„${roleName[role]}“` : `“${roleName[role]}”`)))
  const policy = held
    ? { all: true, text: messages.boardSignInPolicyAll }
    : state.policyFloor.length > 0
      ? { all: false, text: format(messages.boardSignInPolicySome, { links }) }
      : null
  return { checked: state.required, locked, policy, needsSignIn: locked && !held }
}
