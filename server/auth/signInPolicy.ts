/**
 * The server's rule for sign-in on boards (SIGN_IN_POLICY, SIGN_IN_FOR), under each board's own
 * switch (`http/boardSignIn.ts`):
 *
 * - `off`: boards open to their links alone until a facilitator switches sign-in on (as before).
 * - `optional`: new boards start with sign-in switched on; a facilitator may switch it off.
 * - `required`: the links named in SIGN_IN_FOR need a sign-in on every board, whatever the board's
 *   own switch says. The floor is worked out on every check, not written into the boards: boards
 *   made before the rule are held to it from the first request after the restart, and lowering
 *   the rule later gives them back their own setting. New boards start with their switch on when
 *   the floor covers every link, so they stay closed if the rule is lowered again.
 *
 * A board's own switch covers all three links; the floor may cover only some (e.g. only the
 * facilitator's link, so that partners without an account in the organisation join by link).
 */
import { roles, type Role } from '../../shared/access.ts'

export const signInPolicies = ['off', 'optional', 'required'] as const
export type SignInPolicyName = (typeof signInPolicies)[number]

export interface SignInPolicy {
  name: SignInPolicyName
  /** The links whose holders must sign in on every board (empty unless `required`). */
  floor: readonly Role[]
}

export const noSignInPolicy: SignInPolicy = { name: 'off', floor: [] }

/** SIGN_IN_FOR as written by the operator: role names separated by commas. Throws naming the wrong one. */
export function parseSignInFor(value: string | undefined): Role[] {
  if (value === undefined || value.trim() === '') return [...roles]
  const named = value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean)
  for (const entry of named) {
    if (!(roles as readonly string[]).includes(entry)) {
      throw new Error(`SIGN_IN_FOR: "${entry}" is no link; name some of ${roles.join(', ')} separated by commas`)
    }
  }
  return roles.filter((role) => named.includes(role))
}

/**
 * The policy from its two settings; throws with a message for the operator when it cannot hold:
 * sign-in needs an OpenID Connect provider, and SIGN_IN_FOR only means something under `required`.
 */
export function signInPolicy(name: SignInPolicyName, signInFor: string | undefined, oidcConfigured: boolean): SignInPolicy {
  if (name !== 'off' && !oidcConfigured) {
    throw new Error(
      `SIGN_IN_POLICY=${name} needs the organisation's sign-in: set OIDC_ISSUER, OIDC_CLIENT_ID and PUBLIC_URL, or SIGN_IN_POLICY=off`,
    )
  }
  if (name !== 'required' && signInFor !== undefined && signInFor.trim() !== '') {
    throw new Error(`SIGN_IN_FOR applies only with SIGN_IN_POLICY=required (now ${name}); remove it or raise the policy`)
  }
  return { name, floor: name === 'required' ? parseSignInFor(signInFor) : [] }
}

/** Whether the rule alone asks every link of a board to sign in (then a board's switch cannot go off). */
export const floorCoversEveryLink = (policy: SignInPolicy) => roles.every((role) => policy.floor.includes(role))

/** Whether a new board starts with its own switch on. */
export const newBoardsRequireSignIn = (policy: SignInPolicy) => policy.name === 'optional' || floorCoversEveryLink(policy)

/**
 * Whether a request with a link of `role` (undefined: no link, e.g. an image) must come with a
 * sign-in on this board: the board's own switch, or the server's floor. A request without a link
 * reads what members read, so it needs a sign-in as soon as any link other than the facilitator's does.
 */
export function needsSignIn(policy: SignInPolicy, board: { signInRequired?: boolean } | undefined, role: Role | undefined): boolean {
  if (!board) return false
  if (board.signInRequired) return true
  if (role) return policy.floor.includes(role)
  return policy.floor.some((floorRole) => floorRole !== 'facilitator')
}

/** What the operator's `sign-in-required <id> off` tells about the rule that stays (null: no rule). */
export function floorNote(policy: SignInPolicy): string | null {
  if (policy.floor.length === 0) return null
  return `SIGN_IN_POLICY=required still asks a sign-in of these links on every board: ${policy.floor.join(', ')}`
}

/**
 * The policy as the operator's tools read it from the relay's environment: the same two settings,
 * without asking for the provider (`sign-in-required <id> off` is for a server that lost it).
 */
export function signInPolicyFromEnv(env: NodeJS.ProcessEnv): SignInPolicy {
  const name = (env.SIGN_IN_POLICY?.trim() || 'off') as SignInPolicyName
  if (!signInPolicies.includes(name)) throw new Error(`SIGN_IN_POLICY: "${name}" is none of ${signInPolicies.join(', ')}`)
  return signInPolicy(name, env.SIGN_IN_FOR, true)
}

/** Why the operator's `sign-in-required <id> off` is refused, or null when it may go ahead. */
export function refusalToOpen(policy: SignInPolicy, boardId: string): string | null {
  if (!floorCoversEveryLink(policy)) return null
  return (
    `board ${boardId} stays closed to links alone: SIGN_IN_POLICY=required asks a sign-in of every link on every board. ` +
    'Lower SIGN_IN_POLICY (or name fewer links in SIGN_IN_FOR) and restart the relay first; nothing changed'
  )
}
