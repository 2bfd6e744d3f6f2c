/**
 * From the organisation's groups to what a sign-in allows. Each right has its own list of groups
 * (OIDC_CREATOR_GROUPS, OIDC_FACILITATOR_GROUPS, OIDC_MEMBER_GROUPS); a right whose list is not set
 * is every signed-in person's. Facilitating includes being a member.
 *
 * Keycloak's group mapper sends paths (`/jobcenter/steuerung`) or, with "Full group path" off,
 * names (`steuerung`). An entry with a slash is compared with the whole path (leading slash
 * optional); an entry without one with the group's last segment, so `steuerung` matches
 * `/jobcenter/steuerung` — and `/sozialamt/steuerung` too: use the path where names repeat.
 */
import type { Right } from './sessions.ts'

export interface GroupSettings {
  creator: string[] | null
  facilitator: string[] | null
  member: string[] | null
}

const trimSlashes = (path: string) => path.replace(/^\/+|\/+$/g, '')

export function groupMatches(entry: string, group: string): boolean {
  const wanted = trimSlashes(entry)
  const path = trimSlashes(group)
  if (!wanted) return false
  return wanted.includes('/') ? wanted === path : wanted === path.slice(path.lastIndexOf('/') + 1)
}

const inAny = (entries: string[] | null, groups: string[]) => entries === null || entries.some((entry) => groups.some((group) => groupMatches(entry, group)))

export function rightsFor(settings: GroupSettings, groups: string[]): Right[] {
  const rights: Right[] = []
  if (inAny(settings.creator, groups)) rights.push('create')
  const facilitates = inAny(settings.facilitator, groups)
  if (facilitates) rights.push('facilitate')
  if (facilitates || inAny(settings.member, groups)) rights.push('member')
  return rights
}

/** A comma-separated setting: null when unset or empty (the right is everyone's). */
export function groupList(setting: string | undefined): string[] | null {
  const entries = (setting ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  return entries.length ? entries : null
}
