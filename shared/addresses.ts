/**
 * The shapes of board and network addresses, without zod: the client's entry reads its route and
 * link key with these before any page runs, and zod stays off a phone's first load
 * (test/integration/phoneFirstLoad.test.ts). `access.ts` and `networkCredential.ts` re-export them.
 */

/** Board ids are 22 characters of base64url (128 random bits). */
export const boardIdPattern = /^[A-Za-z0-9_-]{22}$/

/** Network ids look like board ids: 22 characters of base64url (128 random bits). */
export const networkIdPattern = boardIdPattern

/** The network a board page's fragment names (`#n.<networkId>`), if it names one. */
export function networkFromFragment(hash: string): string | undefined {
  const match = /^#?n\.([A-Za-z0-9_-]{22})$/.exec(hash)
  return match?.[1]
}
