/**
 * Join codes: a short, typeable way onto a board for the participant or read-only role, shown
 * large on the projector with a QR code (`/j#K7QF-M2XA-P9TD`). A code is no credential of its
 * own: the relay keeps the role's link sealed with a key derived from the code and hands it out
 * to whoever presents the code, so people end up on the ordinary link and a new code never cuts
 * off anyone who already joined. 12 characters of Crockford's base32: 60 bits, looked up at a
 * limited rate per address.
 */
export const joinCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const joinCodeLength = 12
/** A board's code, or a group's: the participant code and one more character, the group's number (1–9, A–C for 10–12). */
const joinCodePattern = /^[0-9A-HJKMNP-TV-Z]{12}[1-9A-C]?$/

/**
 * What a code's groups may be set apart by: spaces of any kind, any dash (a word processor makes
 * an en dash of a typed hyphen), the minus sign, and the invisible ones a copy from a PDF brings
 * (soft hyphen, zero-width space and joiners, word joiner).
 */
const joinCodeSeparators = /[\s\p{Pd}\u2212\u00ad\u200b-\u200d\u2060]/gu

/** The canonical code in what someone typed or pasted: case and separators ignored, O/I/L read as 0/1/1. */
export function normaliseJoinCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(joinCodeSeparators, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return joinCodePattern.test(code) ? code : null
}

/**
 * The code of group `number` (1–12) of a round (`shared/board/entries/groups.ts`): the board's
 * participant code with the group's number appended, so that it needs nothing stored of its own
 * and goes when the participant code is renewed.
 */
export function groupJoinCode(participantCode: string, number: number): string {
  if (!(Number.isInteger(number) && number >= 1 && number <= 12)) throw new RangeError(`no group number: ${number}`)
  return participantCode + joinCodeAlphabet[number]
}

/** A normalised code split into the board's code and the group number it carries, if any. */
export function splitJoinCode(code: string): { code: string; group: number | null } {
  if (code.length === joinCodeLength) return { code, group: null }
  return { code: code.slice(0, joinCodeLength), group: joinCodeAlphabet.indexOf(code.slice(joinCodeLength)) }
}

/** In groups of four, as people read it aloud and type it. */
export const formatJoinCode = (code: string) => code.match(/.{1,4}/g)!.join('-')

/**
 * A join link: the code in the fragment (`/j#K7QF-…`), which the browser never sends, so it lands in
 * no server's or proxy's access log; the join page reads it and redeems it by POST.
 */
export const joinPath = (code: string) => `/j#${formatJoinCode(code)}`

/** The join roles: never the facilitator's. */
export const joinRoles = ['participant', 'observer'] as const
export type JoinRole = (typeof joinRoles)[number]

/** How long a code works: a workshop, with a few days' slack. */
export const joinCodeLifetimeDays = 7

/** Who can reach the address a join code is shown with: anyone, the room's network, or this computer only. */
export const joinReaches = ['public', 'network', 'this-computer'] as const
/** The address a join code is shown with (`api.ts` JoinAddress, `server/links/joinAddress.ts`). */
export interface JoinAddressShape {
  origin: string | null
  reach: (typeof joinReaches)[number]
}
