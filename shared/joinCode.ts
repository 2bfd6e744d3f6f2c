/**
 * Join codes: a short, typeable way onto a board for the participant or read-only role, shown
 * large on the projector with a QR code (`/j/K7QF-M2XA-P9TD`). A code is no credential of its
 * own: the relay keeps the role's link sealed with a key derived from the code and hands it out
 * to whoever presents the code, so people end up on the ordinary link and a new code never cuts
 * off anyone who already joined. 12 characters of Crockford's base32: 60 bits, looked up at a
 * limited rate per address.
 */
export const joinCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const joinCodeLength = 12
const joinCodePattern = /^[0-9A-HJKMNP-TV-Z]{12}$/

/** The canonical code in what someone typed: case, dashes and spaces ignored, O/I/L read as 0/1/1. */
export function normaliseJoinCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return joinCodePattern.test(code) ? code : null
}

/** In groups of four, as people read it aloud and type it. */
export const formatJoinCode = (code: string) => code.match(/.{1,4}/g)!.join('-')

export const joinPath = (code: string) => `/j/${formatJoinCode(code)}`

/** The join roles: never the facilitator's. */
export const joinRoles = ['participant', 'observer'] as const
export type JoinRole = (typeof joinRoles)[number]

/** How long a code works: a workshop, with a few days' slack. */
export const joinCodeLifetimeDays = 7
